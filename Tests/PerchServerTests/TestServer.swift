import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import Logging
import PerchCore
import PerchEnrich
import PerchJournal
import PerchSQLite
import PerchServer
import PerchStats
import PerchWeb

/// A real Perch server for tests: SQLite and the journal in a temporary directory, a manual clock,
/// served on a live socket (so the peer is a real loopback address).
struct TestServer {
    let directory: URL
    let store: SQLiteStore
    let journal: Journal
    let clock: ManualWallClock
    let components: PerchComponents

    static let quietLogger = Logger(label: "perch.test", factory: { _ in SwiftLogNoOpLogHandler() })

    init(
        durability: JournalDurability = .buffer,
        sites: [(String, RateLimit)] = [("example.com", .unlimited)],
        fastPath: Bool = true,
        trustedProxies: [CIDRBlock] = CIDRBlock.loopback,
        webAssets: WebAssets = .builtIn(),
        withStats: Bool = true
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("perch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("perch.sqlite3").path)
        for (domain, limit) in sites {
            _ = try store.addSite(domain: domain, timezone: "UTC", rateLimit: limit)
        }
        journal = try Journal(
            directory: directory.appendingPathComponent("journal").path,
            durability: durability,
            logger: Self.quietLogger
        )
        try journal.open(appliedSequence: try store.appliedJournalSequence())
        clock = ManualWallClock(seconds: 1_764_000_000)
        // Without Stats: the roles of a store that has no Stats reader or accounts (ClickHouse's today).
        let stores =
            withStats
            ? ServerStores(all: store, dialect: SQLiteDialect())
            : ServerStores(
                events: store, archive: store, sites: store, shields: store, salts: store, drops: store,
                idempotencyKeys: store, accounts: nil, stats: nil)
        components = try PerchComponents(
            stores: stores,
            journal: journal,
            clock: clock,
            settings: ServerSettings(eventFastPath: fastPath, trustedProxies: trustedProxies, webAssets: webAssets),
            logger: Self.quietLogger
        )
    }

    /// Runs `body` against the server on a live socket; the background services are not started,
    /// so tests call `flush()` to move the journal into the store.
    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let readiness = components.readiness
        let app = Application(
            router: components.router,
            server: components.server,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { _ in readiness.set(.ready) },
            logger: Self.quietLogger
        )
        try await app.test(.live) { client in
            try await body(client)
        }
    }

    /// Moves everything journaled so far into SQLite. In buffer mode a reply can come before the
    /// journal's thread has written its records and handed them to the writer, so this waits (10 s
    /// at most) until the store has every sequence handed out so far.
    func flush() throws {
        let target = journal.lastSequence
        let deadline = ContinuousClock.now + .seconds(10)
        repeat {
            while try components.writer.flushOnce() > 0 {}
            if try store.appliedJournalSequence() >= target { return }
            Thread.sleep(forTimeInterval: 0.005)
        } while ContinuousClock.now < deadline
    }

    func events(site: String = "example.com") throws -> [EventRecord] {
        guard let site = try store.site(domain: site) else { return [] }
        var events: [EventRecord] = []
        try store.exportEvents(siteID: site.id) { events.append($0) }
        return events
    }

    func sessions(site: String = "example.com") throws -> [SessionRecord] {
        guard let site = try store.site(domain: site) else { return [] }
        var sessions: [SessionRecord] = []
        try store.exportSessions(siteID: site.id) { sessions.append($0) }
        return sessions
    }

    func cleanUp() {
        journal.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

extension TestClientProtocol {
    /// `POST /api/event` with a `text/plain` body, as the tracker sends it.
    func event(
        _ body: String,
        headers: HTTPFields = [:],
        contentType: String = "text/plain"
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = contentType
        return try await execute(uri: "/api/event", method: .post, headers: fields, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
