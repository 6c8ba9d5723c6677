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

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256(message: String, expected: String) {
        #expect(SHA256Digest(of: Array(message.utf8)).hex == expected)
    }

    @Test func crc32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xcbf4_3926)
    }
}
