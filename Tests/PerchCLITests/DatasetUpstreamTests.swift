import PerchEnrich
import Testing

@testable import PerchCLI

@Suite struct DatasetUpstreamTests {
    @Test(arguments: [
        (
            "https://www.gstatic.com/ipranges/cloud.json", "http://127.0.0.1:8080",
            "http://127.0.0.1:8080/ipranges/cloud.json"
        ),
        ("https://www.cloudflare.com/ips-v4", "http://mirror.lan/base/", "http://mirror.lan/base/ips-v4"),
        (
            "https://publicsuffix.org/list/public_suffix_list.dat", "",
            "https://publicsuffix.org/list/public_suffix_list.dat"
        ),
    ])
    func mirrorReplacesSchemeAndHost(url: String, mirror: String, expected: String) {
        #expect(DatasetUpstream.mirrored(url, mirror: mirror) == expected)
    }

    @Test(arguments: [("2026-11", "2026-10"), ("2027-01", "2026-12"), ("2026-10", "2026-09")])
    func previousMonth(month: String, expected: String) {
        #expect(DatasetUpstream.previousMonth(month) == expected)
    }

    @Test func geoipIsThisMonthThenLastMonth() {
        // 2027-01-15T12:00:00Z
        guard case .file(let candidates) = DatasetUpstream.of(.geoip, unixSeconds: 1_800_014_400) else {
            Issue.record("geoip is one file")
            return
        }
        #expect(
            candidates.map(\.url) == [
                "https://download.db-ip.com/free/dbip-city-lite-2027-01.mmdb.gz",
                "https://download.db-ip.com/free/dbip-city-lite-2026-12.mmdb.gz",
            ])
    }

    @Test func everyKindHasAnUpstreamAndACredit() {
        for kind in DatasetKind.allCases {
            #expect(!DatasetUpstream.credit(kind).isEmpty)
            switch DatasetUpstream.of(kind, unixSeconds: 0) {
            case .file(let candidates): #expect(candidates.allSatisfy { $0.url.hasPrefix("https://") })
            case .feeds(let feeds): #expect(feeds.count >= 4)
            }
        }
    }
}
