import PerchCore
import PerchEnrich
import Testing

private func fixture(_ name: String) -> String {
    let file = "\(#filePath)"
    return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures/" + name
}

@Suite("ReferrerSourceTable")
struct ReferrerSourceTableTests {
    static let sample = try! ReferrerSourceTable(contentsOfFile: fixture("referers-sample.json"))

    @Test func countsSources() {
        #expect(Self.sample.entryCount == 13 + PlausibleSourceSpellings.hosts.count)
        #expect(ReferrerSourceTable.kind == .referrerSources)
    }

    @Test(arguments: [
        ("google.com", "Google"), ("google.de", "Google"), ("google.com.au", "Google"), ("maps.google.com", "Google"),
        ("mail.google.com", "Gmail"), ("inbox.mail.google.com", "Gmail"), ("news.yahoo.com", "Yahoo!"),
        ("uk.search.yahoo.com", "Yahoo!"), ("sub.cn.bing.com", "Bing"), ("m.facebook.com", "Facebook"),
        ("news.ycombinator.com", "Hacker News"), ("android-app://com.google.android.gm", "Gmail"),
        // Plausible's custom sources answer for hosts the data does not name.
        ("android-app://com.reddit.frontpage", "Reddit"), ("t.me", "Telegram"), ("en.m.wikipedia.org", "Wikipedia"),
        ("ntp.msn.com", "Bing"), ("GOOGLE.COM", "Google"),
    ])
    func namesKnownHosts(host: String, name: String) {
        #expect(Self.sample.knownName(host: host) == name)
    }

    @Test(arguments: ["example.com", "xx.wikipedia.org", "com", "", "apollo.lv", "google.fr", "ycombinator.com"])
    func leavesUnknownHostsUnnamed(host: String) {
        #expect(Self.sample.knownName(host: host) == nil)
    }

    @Test func pathPrefixedDomainsNeedTheirPath() {
        #expect(Self.sample.knownSource(host: "google.com", path: "/imgres?imgurl=x")?.name == "Google Images")
        #expect(Self.sample.knownSource(host: "google.com", path: "/search?q=x")?.name == "Google")
        #expect(Self.sample.knownSource(host: "google.de", path: "/imgres")?.name == "Google Images")
        #expect(Self.sample.knownSource(host: "images.google.com", path: "")?.name == "Google Images")
        #expect(Self.sample.knownSource(host: "apollo.lv", path: "/portal/search/?q=1")?.name == "Apollo Latvia")
        #expect(Self.sample.knownSource(host: "apollo.lv", path: "/") == nil)
    }

    @Test func exposesMediums() {
        #expect(Self.sample.knownSource(host: "google.com", path: "")?.medium == .search)
        #expect(Self.sample.knownSource(host: "maps.google.com", path: "")?.medium == .unknown)
        #expect(Self.sample.knownSource(host: "outlook.live.com", path: "")?.medium == .email)
        #expect(Self.sample.medium(ofSource: "Google") == .search)
        #expect(Self.sample.medium(ofSource: "yahoo!") == .search)
        #expect(Self.sample.medium(ofSource: "GMAIL") == .email)
        #expect(Self.sample.medium(ofSource: "Youtube") == .social)
        #expect(Self.sample.medium(ofSource: "betalist") == nil)
    }

    /// Spec §4.2 examples: custom sources overlay the data's names, so `youtube` becomes `Youtube`.
    @Test(arguments: [
        ("facebook", "Facebook"), ("FACEBOOK", "Facebook"), ("fb", "Facebook"), ("Reddit-ads", "Reddit"),
        ("ig", "Instagram"), ("Newsletter-UK", "Newsletter-UK"), ("betalist", "betalist"), ("youtube", "Youtube"),
        ("YouTube", "Youtube"), ("wikipedia", "Wikipedia"), ("hacker news", "Hacker News"), ("google ads", "Google"),
        ("outlook.com", "Outlook.com"), ("en.wikipedia.org", "Wikipedia"), ("", ""),
    ])
    func canonicalisesNames(candidate: String, name: String) {
        #expect(Self.sample.canonical(candidate) == name)
    }

    @Test func worksAsTheSourceNamingRole() {
        let naming: any ReferrerSourceNaming = ReferrerSourceTable.builtIn
        #expect(naming.knownName(host: "google.fr") == "Google")
        #expect(naming.canonical("utm-unknown") == "utm-unknown")
    }

    @Test(arguments: [
        ("google.fr", "Google"), ("google.co.jp", "Google"), ("google.com.br", "Google"),
        ("duckduckgo.com", "DuckDuckGo"),
        ("x.com", "Twitter"), ("t.co", "Twitter"), ("l.facebook.com", "Facebook"), ("mail.google.com", "Gmail"),
        ("outlook.live.com", "Outlook.com"), ("news.ycombinator.com", "Hacker News"), ("perplexity.ai", "Perplexity"),
        ("t.me", "Telegram"), ("yandex.ru", "Yandex"), ("de.search.yahoo.com", "Yahoo!"), ("bing.com", "Bing"),
        ("android-app://com.google.android.gm", "Gmail"), ("youtu.be", "Youtube"), ("linkedin.com", "LinkedIn"),
    ])
    func builtInNamesCommonHosts(host: String, name: String) {
        #expect(ReferrerSourceTable.builtIn.knownName(host: host) == name)
    }

    @Test func builtInIsUsable() {
        let table = ReferrerSourceTable.builtIn
        #expect(table.knownName(host: "example.org") == nil)
        #expect(table.canonical("YouTube") == "Youtube")
        #expect(table.canonical("duckduckgo") == "DuckDuckGo")
        #expect(table.medium(ofSource: "Outlook.com") == .email)
        #expect(table.entryCount >= 80)
    }

    @Test(arguments: [
        ("", "not valid JSON"),
        ("{\"search\": {\"Google\": {\"domains\": [\"google.com\"]}", "not valid JSON"),
        ("[]", "not a JSON object of mediums"),
        ("{}", "names no sources"),
        ("{\"search\": []}", "is not an object of sources"),
        ("{\"search\": {\"Google\": {\"parameters\": [\"q\"]}}}", "has no \"domains\" list"),
        ("{\"search\": {\"Google\": {\"domains\": [\"google.com\", 7]}}}", "not a string"),
        ("{\"search\": {\"Google\": {\"domains\": [], \"parameters\": \"q\"}}}", "not a list"),
        ("\0\u{1}binary", "not valid JSON"),
    ])
    func refusesBadFiles(text: String, message: String) {
        #expect {
            try ReferrerSourceTable(fileBytes: Array(text.utf8), name: "referers.json")
        } throws: { error in
            (error as? DatasetError)?.message.contains(message) == true
        }
    }

    @Test func refusesTruncatedFile() {
        #expect(throws: DatasetError.self) {
            try ReferrerSourceTable(contentsOfFile: fixture("referers-truncated.json"))
        }
    }
}
