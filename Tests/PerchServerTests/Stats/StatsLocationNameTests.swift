import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchEnrich
import PerchIngest
import PerchJournal
import PerchSQLite
import PerchStats
import Synchronization
import Testing

@testable import PerchServer

/// `visit:*_name` through a live server: events geolocated on the way in, names from the
/// `locationNames` the components were given, read afresh for every query.
@Suite struct StatsLocationNameTests {
    static let secret = "test-secret-0123456789abcdefghijklmnopqrstuv"

    /// Two places by client address; anything else is unknown.
    struct FakeGeo: GeoLookup {
        func location(_ ip: IPAddress) -> GeoLocation {
            if ip == IPAddress("203.0.113.1") {
                return GeoLocation(countryCode: "US", subdivision1Code: "US-CA", cityGeonameID: 5_391_959)
            }
            if ip == IPAddress("203.0.113.2") {
                return GeoLocation(countryCode: "EE", subdivision1Code: "EE-37", cityGeonameID: 588_409)
            }
            return GeoLocation()
        }
    }

    @Test func namesFromTheLiveSource() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("perch.sqlite3").path)
        _ = try store.addSite(domain: "example.com", timezone: "UTC", rateLimit: .unlimited)
        _ = try store.createAPIKey(secret: Self.secret, domain: nil)
        let journal = try Journal(
            directory: directory.appendingPathComponent("journal").path, durability: .fsync,
            logger: TestServer.quietLogger)
        try journal.open(appliedSequence: try store.appliedJournalSequence())
        defer { journal.close() }
        let names = Mutex(LocationNames(cities: [5_391_959: "San Francisco", 588_409: "Tallinn"]))
        let components = try PerchComponents(
            store: store, journal: journal, clock: ManualWallClock(seconds: 1_764_000_000),
            enrichment: EnrichmentData(geo: { FakeGeo() }), locationNames: { names.withLock { $0 } },
            settings: ServerSettings(), logger: TestServer.quietLogger)
        let app = Application(
            router: components.router, server: components.server,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestServer.quietLogger)
        let writer = components.writer
        try await app.test(.live) { client in
            for ip in ["203.0.113.1", "203.0.113.1", "203.0.113.2", "198.51.100.7"] {
                try await client.visit("/", from: ip)
            }
            while try writer.flushOnce() > 0 {}
            let body =
                #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","#
                + #""dimensions":["visit:country_name","visit:city_name"],"#
                + #""filters":[["is_not","visit:city_name",[""]]]}"#
            let before = try await client.query(body, key: Self.secret)
            #expect(before.status == .ok, "\(before.text)")
            #expect(
                before.rows == [
                    #""United States","San Francisco""#: [.int(1)], #""Estonia","Tallinn""#: [.int(1)],
                ])
            names.withLock { $0 = LocationNames(cities: [5_391_959: "SF"]) }
            let after = try await client.query(body, key: Self.secret)
            #expect(after.rows == [#""United States","SF""#: [.int(1)]])
        }
    }
}
