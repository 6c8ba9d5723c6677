import PerchEnrich
import Testing

private func fixture(_ name: String) -> String {
    let file = "\(#filePath)"
    return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures/" + name
}

@Suite("SpamReferrerList")
struct SpamReferrerListTests {
    @Test func parsesTheMatomoFormat() throws {
        let list = try SpamReferrerList(contentsOfFile: fixture("spammers-sample.txt"))
        #expect(list.entryCount == 5)
        #expect(SpamReferrerList.kind == .spamReferrers)
        #expect(list.contains(host: "1-best-seo.com"))
        #expect(list.contains(host: "semalt.com"))
        #expect(list.contains(host: "darodar.com"))
        #expect(list.contains(host: "lifehacĸer.com"))
        #expect(list.contains(host: "xn--80adgcaax6acohn6r.xn--p1ai"))
    }

    @Test(arguments: [
        ("semalt.com", true), ("a.b.semalt.com", true), ("SEMALT.com", true), ("notsemalt.com", false),
        ("semalt.com.example.org", false), ("com", false), ("", false), ("example.com", false),
    ])
    func matchesHostsAndSubdomains(host: String, expected: Bool) {
        let list = SpamReferrerList(hosts: ["semalt.com", "darodar.com"])
        #expect(list.contains(host: host) == expected)
    }

    @Test func normalisesGivenHosts() {
        let list = SpamReferrerList(hosts: [" Spam.COM\r", "www.other.net", ""])
        #expect(list.entryCount == 2)
        #expect(list.contains(host: "spam.com"))
        #expect(list.contains(host: "other.net"))
    }

    @Test func builtInDropsTheNotoriousOnes() {
        let list = SpamReferrerList.builtIn
        #expect(list.entryCount >= 30)
        #expect(list.contains(host: "semalt.com"))
        #expect(list.contains(host: "1-best-seo.com"))
        #expect(list.contains(host: "buttons-for-website.com"))
        #expect(!list.contains(host: "google.com"))
        #expect(!list.contains(host: "news.ycombinator.com"))
    }

    @Test(arguments: [
        ("", "lists no hosts"),
        ("\n\r\n  \n", "lists no hosts"),
        ("spam.com\n\0\0\0garbage", "binary byte"),
        ("spam.com\nfoo bar.com\na b\nc d\ne f\n", "line 2 is not a host name"),
        ("https://spam.com/\n", "line 1 is not a host name"),
    ])
    func refusesBadFiles(text: String, message: String) {
        #expect {
            try SpamReferrerList(fileBytes: Array(text.utf8), name: "spammers.txt")
        } throws: { error in
            (error as? DatasetError)?.message.contains(message) == true
        }
    }

    @Test func skipsAnOccasionalOddLine() throws {
        let list = try SpamReferrerList(fileBytes: Array("spam.com\nhttps://odd.com/\nother.net\n".utf8), name: "s.txt")
        #expect(list.entryCount == 2)
        #expect(list.contains(host: "other.net"))
        #expect(!list.contains(host: "odd.com"))
    }

    @Test func refusesNonUTF8AndMissingFiles() {
        #expect(throws: DatasetError.self) {
            try SpamReferrerList(fileBytes: [0x73, 0x70, 0xFF, 0xFE, 0x0A], name: "spammers.txt")
        }
        #expect(throws: DatasetError.self) {
            try SpamReferrerList(contentsOfFile: fixture("does-not-exist.txt"))
        }
    }
}
