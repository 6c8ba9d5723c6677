import PerchCore
import Testing

@testable import PerchSQLite

/// Shield rules in SQLite: per active site, limits per kind, duplicates, and the change counter
/// a running server polls.
@Suite struct ShieldStoreTests {
    let store: SQLiteStore

    init() throws {
        store = SQLiteStore(database: try .inMemory(), clock: ManualWallClock(seconds: 1_795_773_600))
        try store.addSite(domain: "example.com")
        try store.addSite(domain: "other.test")
    }

    @Test func addListAndRemoveInOrderAdded() throws {
        let rules = [
            ShieldRule(kind: .page, value: "/admin/**"), ShieldRule(kind: .ip, value: "10.0.0.0/8"),
            ShieldRule(kind: .country, value: "EE"), ShieldRule(kind: .hostname, value: "*.example.com"),
        ]
        for rule in rules { try store.addShieldRule(rule, domain: "WWW.example.com") }
        #expect(try store.shieldRules(domain: "example.com") == rules)
        #expect(try store.shieldRules(domain: "other.test").isEmpty)
        #expect(try store.removeShieldRule(rules[1], domain: "example.com"))
        #expect(try !store.removeShieldRule(rules[1], domain: "example.com"))
        #expect(try store.shieldRules(domain: "example.com") == [rules[0], rules[2], rules[3]])
        let siteID = try #require(try store.site(domain: "example.com")?.id)
        #expect(try store.allShieldRules() == [siteID: [rules[0], rules[2], rules[3]]])
    }

    @Test func duplicatesAreRefused() throws {
        let rule = ShieldRule(kind: .ip, value: "203.0.113.7")
        try store.addShieldRule(rule, domain: "example.com")
        #expect(throws: ShieldError.duplicateRule(rule, existing: rule, domain: "example.com")) {
            try store.addShieldRule(rule, domain: "example.com")
        }
        #expect(try store.shieldRules(domain: "example.com") == [rule])
    }

    /// Plausible keys page rules by their compiled pattern, where `*` and `**` are both `.*`.
    @Test(arguments: [
        (ShieldRule.Kind.page, "/test/*", "/test/**"), (.page, "/test/**", "/test/*"), (.page, "/a/*/b", "/a/***/b"),
        (.hostname, "*.example.com", "**.example.com"),
    ])
    func equivalentPatternsAreRefusedAsDuplicates(kind: ShieldRule.Kind, first: String, second: String) throws {
        let existing = ShieldRule(kind: kind, value: first)
        let rule = ShieldRule(kind: kind, value: second)
        try store.addShieldRule(existing, domain: "example.com")
        let error = ShieldError.duplicateRule(rule, existing: existing, domain: "example.com")
        #expect(throws: error) { try store.addShieldRule(rule, domain: "example.com") }
        #expect(error.description.contains("equivalent"))
        #expect(try store.shieldRules(domain: "example.com") == [existing])
        // Different patterns stay different rules.
        try store.addShieldRule(ShieldRule(kind: kind, value: first + "x"), domain: "example.com")
        try store.addShieldRule(ShieldRule(kind: kind, value: second), domain: "other.test")
    }

    @Test(arguments: ShieldRule.Kind.allCases)
    func eachKindHasItsLimit(kind: ShieldRule.Kind) throws {
        for index in 0..<kind.maxRules {
            try store.addShieldRule(ShieldRule(kind: kind, value: "v\(index)"), domain: "example.com")
        }
        #expect(throws: ShieldError.tooManyRules(kind)) {
            try store.addShieldRule(ShieldRule(kind: kind, value: "one more"), domain: "example.com")
        }
        // The limit is per site and per kind.
        try store.addShieldRule(ShieldRule(kind: kind, value: "one more"), domain: "other.test")
        let otherKind = ShieldRule.Kind.allCases.first { $0 != kind }!
        try store.addShieldRule(ShieldRule(kind: otherKind, value: "x"), domain: "example.com")
    }

    @Test func unknownOrRemovedSitesAreRefused() throws {
        let rule = ShieldRule(kind: .country, value: "EE")
        #expect(throws: ShieldError.unknownSite("nowhere.test")) {
            try store.addShieldRule(rule, domain: "nowhere.test")
        }
        try store.addShieldRule(rule, domain: "other.test")
        try store.removeSite(domain: "other.test")
        #expect(throws: ShieldError.unknownSite("other.test")) { try store.shieldRules(domain: "other.test") }
        #expect(throws: ShieldError.unknownSite("other.test")) {
            try store.removeShieldRule(rule, domain: "other.test")
        }
        try store.addSite(domain: "other.test")
        #expect(try store.shieldRules(domain: "other.test") == [rule], "a site added again gets its rules back")
    }

    @Test func versionMovesOnEveryChangeOnly() throws {
        let start = try store.shieldsVersion()
        let rule = ShieldRule(kind: .page, value: "/x")
        try store.addShieldRule(rule, domain: "example.com")
        let added = try store.shieldsVersion()
        #expect(added != start)
        #expect(throws: ShieldError.self) { try store.addShieldRule(rule, domain: "example.com") }
        try store.removeShieldRule(ShieldRule(kind: .page, value: "/y"), domain: "example.com")
        #expect(try store.shieldsVersion() == added)
        try store.removeShieldRule(rule, domain: "example.com")
        #expect(try store.shieldsVersion() != added)
    }
}
