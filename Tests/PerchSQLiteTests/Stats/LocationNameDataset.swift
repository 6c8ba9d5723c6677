import PerchCore
import PerchSQLite
import Synchronization

@testable import PerchStats

/// Seven one-pageview visits (users 1–7) on 2025-11-20 from known and unknown places, and the
/// place names a GeoIP database would give them: DE-BE and city 999,999,999 have no name, visit 5
/// has no location at all.
enum LocationNameDataset {
    static let places: [(country: String, region: String, city: UInt32)] = [
        ("US", "US-CA", 5_391_959), ("US", "US-CA", 5_391_959), ("US", "US-NY", 5_128_581),
        ("EE", "EE-37", 588_409), ("", "", 0), ("DE", "DE-BE", 999_999_999), ("GB", "GB-ENG", 2_643_743),
    ]

    static let names = LocationNames(
        countries: ["QQ": "Testland"],
        regions: ["US-CA": "California", "US-NY": "New York", "EE-37": "Harju", "GB-ENG": "England"],
        cities: [5_391_959: "San Francisco", 5_128_581: "New York", 588_409: "Tallinn", 2_643_743: "London"])

    static var batch: StoreBatch {
        var events: [EventRecord] = []
        var sessions: [SessionRecord] = []
        for (index, place) in places.enumerated() {
            var visit = VisitAttributes()
            visit.countryCode = place.country
            visit.subdivision1Code = place.region
            visit.cityGeonameID = place.city
            let user = UInt64(index + 1)
            let at = StatsDataset.start + Int64(index) * 600
            events.append(
                EventRecord(
                    timestamp: at, name: "pageview", siteID: 1, userID: user, sessionID: user * 10,
                    hostname: "example.com", pathname: "/", visit: visit))
            sessions.append(
                SessionRecord(
                    sessionID: user * 10, siteID: 1, userID: user, hostname: "example.com", start: at, timestamp: at,
                    isBounce: true, entryPage: "/", exitPage: "/", exitPageHostname: "example.com", pageviews: 1,
                    events: 1, duration: 0, visit: visit, entryProps: []))
        }
        return StoreBatch(events: events, sessions: sessions, lastSequence: 1)
    }

    static func store(in folder: TemporaryFolder) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.path + "/perch.sqlite3")
        _ = try store.addSite(domain: "example.com")
        try store.write(batch)
        return store
    }

    /// Runs `body` as the server does, with `names` in force; `maxListedCodes` 0 makes every
    /// name filter go through the codes present in the rows.
    static func answer(
        _ body: String, store: SQLiteStore, names: @escaping @Sendable () -> LocationNames = { Self.names },
        maxListedCodes: Int = LocationNameFilter.defaultMaxListedCodes
    ) async throws -> JSONValue {
        let query = try QueryParser.parse(body: Array(body.utf8))
        guard let site = try await store.statsSite(domain: query.siteID) else { throw QueryError("no site") }
        let service = StatsQueryService(
            reader: store, dialect: SQLiteDialect(), locationNames: names, maxListedCodes: maxListedCodes)
        return try await service.answer(query, site: site, now: StatsDataset.now)
    }

    /// Each result row as `[dimensions…, metrics…]`, in order.
    static func rows(_ json: JSONValue) -> [[JSONValue]] {
        guard case .array(let results)? = json["results"] else { return [] }
        return results.compactMap { row in
            guard case .array(let dimensions)? = row["dimensions"], case .array(let metrics)? = row["metrics"] else {
                return nil
            }
            return dimensions + metrics
        }
    }
}

/// Names that a test replaces, as a GeoIP reload does.
final class SwappableLocationNames: Sendable {
    private let names: Mutex<LocationNames>

    init(_ names: LocationNames) {
        self.names = Mutex(names)
    }

    func replace(with names: LocationNames) {
        self.names.withLock { $0 = names }
    }

    var current: LocationNames { names.withLock { $0 } }
}
