import Testing

@testable import PerchWeb

@Suite struct PasswordHashTests {
    @Test func verifiesTheRightPasswordOnly() throws {
        let hash = try PasswordHash.make("correct horse", log2N: 10)
        #expect(hash.hasPrefix("scrypt$10$8$1$"))
        #expect(PasswordHash.verify("correct horse", against: hash))
        #expect(!PasswordHash.verify("correct horse ", against: hash))
        #expect(!PasswordHash.verify("", against: hash))
    }

    @Test func saltsDiffer() throws {
        #expect(try PasswordHash.make("same", log2N: 10) != PasswordHash.make("same", log2N: 10))
    }

    @Test func theDefaultCostIsStoredWithTheHash() throws {
        let hash = try PasswordHash.make("pw")
        #expect(hash.hasPrefix("scrypt$\(PasswordHash.defaultLog2N)$"))
        #expect(PasswordHash.verify("pw", against: hash))
    }

    @Test(arguments: [
        "", "scrypt", "scrypt$10$8$1$$", "bcrypt$10$8$1$AAAA$AAAA", "scrypt$40$8$1$AAAA$AAAA", "scrypt$10$8$1$!!$AAAA",
    ])
    func malformedHashesNeverMatch(stored: String) {
        #expect(!PasswordHash.verify("anything", against: stored))
    }
}

@Suite struct WebAssetNameTests {
    @Test(arguments: [
        ("script.js", true), ("plausible.js", true), ("perch.js", true), ("script.hash.js", true),
        ("script.outbound-links.file-downloads.tagged-events.js", true), ("script.js.map", false),
        ("evil.js", false), ("script..js", false), ("script.Hash.js", false), ("script", false),
    ])
    func trackerNames(name: String, isTracker: Bool) {
        #expect(AssetController.isTrackerName(name) == isTracker)
    }

    @Test(arguments: [("app.css", true), ("../x", false), (".hidden", false), ("a/b.js", false), ("", false)])
    func plainNames(name: String, isPlain: Bool) {
        #expect(WebAssets.isPlainName(name) == isPlain)
    }

    @Test func builtInAssetsIncludeTheTrackerAndTemplates() {
        guard case .embedded(let assets) = WebAssets.builtIn() else {
            Issue.record("built-in assets are not embedded")
            return
        }
        for name in [
            "tracker.js", "login.html", "dashboard.html", "sites.html", "share-password.html", "not-found.html",
        ] {
            #expect(assets[name] != nil, "\(name) is not embedded")
        }
        #expect(assets["login.html"]?.contentType == "text/html; charset=utf-8")
    }
}
