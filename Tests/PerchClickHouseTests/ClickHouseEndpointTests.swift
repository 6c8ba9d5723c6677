import Testing

@testable import PerchClickHouse

/// URL parsing and what a configuration prints: never the password. No server needed.
@Suite struct ClickHouseEndpointTests {
    @Test func hostPortAndDefaults() throws {
        let plain = try ClickHouseEndpoint(url: "http://127.0.0.1")
        #expect(plain.baseURL == "http://127.0.0.1:8123/")
        #expect(plain.user == nil && plain.password == nil)
        let secure = try ClickHouseEndpoint(url: "HTTPS://ch.example:9443/proxy")
        #expect(secure.baseURL == "https://ch.example:9443/proxy/")
        let ipv6 = try ClickHouseEndpoint(url: "http://[::1]:18123/")
        #expect(ipv6.host == "::1" && ipv6.baseURL == "http://[::1]:18123/")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8123", true), ("http://127.8.9.10", true), ("http://LOCALHOST:8123", true),
        ("http://[::1]:8123", true), ("http://10.0.0.1:8123", false), ("http://ch.example", false),
        ("http://127.example", false), ("http://[::2]:8123", false),
    ])
    func loopbackServersGetNoGzip(url: String, loopback: Bool) throws {
        let configuration = try ClickHouseConfiguration(url: url)
        #expect(configuration.compressInsertsFrom == 16 * 1024)
        #expect(configuration.endpoint.isLoopback == loopback)
        #expect(configuration.forServerOnThisMachine().compressInsertsFrom == (loopback ? nil : 16 * 1024))
    }

    @Test func credentialsComeOutOfTheURLDecoded() throws {
        let endpoint = try ClickHouseEndpoint(url: "http://perch:p%40ss%3Aw0rd@127.0.0.1:8123?x=1")
        #expect(endpoint.user == "perch")
        #expect(endpoint.password == "p@ss:w0rd")
        #expect(endpoint.baseURL == "http://127.0.0.1:8123/")
    }

    @Test func givenCredentialsOverrideTheURLs() throws {
        let configuration = try ClickHouseConfiguration(
            url: "http://a:b@127.0.0.1:8123", user: "reader", password: "s3cret-given")
        #expect(configuration.endpoint.user == "reader")
        #expect(configuration.endpoint.password == "s3cret-given")
    }

    @Test func descriptionsNeverShowThePassword() throws {
        let configuration = try ClickHouseConfiguration(url: "http://perch:s3cret-in-url@127.0.0.1:8123")
        #expect(!"\(configuration)".contains("s3cret"))
        #expect(!"\(configuration.endpoint)".contains("s3cret"))
        #expect("\(configuration)" == "http://127.0.0.1:8123/ (user perch), database perch")
    }

    @Test(arguments: [
        "127.0.0.1:8123", "ftp://127.0.0.1", "http://", "http://host:0", "http://host:99999", "http://host:x",
        "http://[::1", "http://u:%zz@host",
    ])
    func malformedURLsAreRefused(url: String) {
        #expect(throws: ClickHouseError.self) { try ClickHouseEndpoint(url: url) }
    }

    @Test(arguments: ["", "perch-db", "1perch", "perch`", "a b"])
    func databaseNamesMustBePlainIdentifiers(name: String) {
        #expect(throws: ClickHouseError.self) { try ClickHouseConfiguration(url: "http://h", database: name) }
    }
}
