import PerchCore

@testable import PerchSQLite

extension ColumnarRows {
    static let hour: Int64 = 3_600

    /// Sites 1 (example.com) and 2 (other.example) on a file, with two days of visits each.
    static func seeded(_ folder: TemporaryFolder, timezone: String = "UTC") throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.path + "/perch.sqlite3")
        let sites = [
            try store.addSite(domain: "example.com", timezone: timezone),
            try store.addSite(domain: "other.example", timezone: timezone),
        ]
        // The tests name the sites by these ids.
        precondition(sites.map(\.id) == [1, 2])
        for site in Int64(1)...2 {
            let base = UInt64(site) * 100
            try store.write(
                batch(
                    [
                        event(site: site, at: day + 10 * hour, path: "/", user: base + 1, session: base + 1),
                        event(
                            site: site, at: day + 10 * hour + 60, path: "/pricing", user: base + 1, session: base + 1),
                        event(
                            site: site, at: day + 10 * hour + 90, name: "Signup", path: "/pricing", user: base + 1,
                            session: base + 1),
                        event(
                            site: site, at: day + 10 * hour + 100, name: "engagement", path: "/pricing",
                            user: base + 1, session: base + 1),
                        event(site: site, at: day + 13 * hour, path: "/", user: base + 2, session: base + 2),
                        event(site: site, at: day + 86_400, path: "/blog", user: base + 3, session: base + 3),
                        event(site: site, at: day + 86_460, path: "/", user: base + 3, session: base + 3),
                    ],
                    [
                        session(
                            base + 1, site: site, user: base + 1, start: day + 10 * hour, last: day + 10 * hour + 90,
                            pageviews: 2, events: 3, entry: "/", exit: "/pricing", source: "Google", country: "DE"),
                        session(
                            base + 2, site: site, user: base + 2, start: day + 13 * hour, last: day + 13 * hour,
                            pageviews: 1, events: 1, entry: "/", exit: "/", country: "FR"),
                        session(
                            base + 3, site: site, user: base + 3, start: day + 86_400, last: day + 86_460,
                            pageviews: 2, events: 2, entry: "/blog", exit: "/", source: "Twitter", country: "DE"),
                    ]))
        }
        return store
    }

}
