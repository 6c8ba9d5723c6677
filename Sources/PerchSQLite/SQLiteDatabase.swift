import Foundation
import GRDB

/// An opened, migrated Perch database: a WAL `DatabasePool` on a file for the server and the CLI,
/// or a private in-memory database for tests.
package struct SQLiteDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Sites' recent rows as columns for the Stats API; the writer keeps it told of its commits.
    let columns: ColumnarCache
    /// Sessions the cache evicted, until the writer stores them in `session_evictions`.
    let evictions = EvictedSessionLog()
    /// The epoch this open left behind it and the state it found (`DatabaseOpening`).
    let opening: DatabaseOpening

    /// Opens (creating it and its parent folders if needed) and migrates the database at `path`.
    ///
    /// `synchronous=FULL` makes each commit durable before `write(_:)` returns: the writer
    /// checkpoints the journal after a store write, so a commit lost to a power cut after that
    /// would lose events. Events and the applied sequence share a transaction, so the sequence
    /// can never run ahead of the rows either way.
    /// `columnCacheBytes` bounds the Stats API's column cache (`ColumnarCache`); 0 turns it off.
    package static func open(
        path: String, columnCacheBytes: Int = ColumnarCache.defaultBudget
    ) throws(SQLiteStoreError) -> SQLiteDatabase {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create folder \(folder)")
            }
        }
        var configuration = Self.configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 32 MiB of page cache per connection (the default is 2 MiB): session upserts land on
            // random pages of a large B-tree, and every miss is a pread.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Stats queries scan a site's range of a multi-GB file: reading it through a memory
            // map saves a copy per page (SQLite caps the map at its compile-time limit, 2 GiB on
            // Debian). Sorts for GROUP BY stay in memory instead of temporary files. The writer
            // reads through its page cache instead: mapped, every page it ever touched would stay
            // in the process's resident size (file pages, but counted against it).
            try db.execute(sql: "PRAGMA mmap_size = \(db.configuration.readonly ? Self.mapLimit : 0)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            return try SQLiteDatabase(migrating: pool, columnCacheBytes: columnCacheBytes)
        } catch let error as SQLiteStoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    private static let mapLimit = 2_147_418_112

    /// A fresh private database that lives as long as the returned value.
    package static func inMemory(
        columnCacheBytes: Int = ColumnarCache.defaultBudget
    ) throws(SQLiteStoreError) -> SQLiteDatabase {
        do {
            return try SQLiteDatabase(
                migrating: DatabaseQueue(configuration: configuration()), columnCacheBytes: columnCacheBytes)
        } catch let error as SQLiteStoreError {
            throw error
        } catch {
            throw .cannotOpen(path: ":memory:", reason: String(describing: error))
        }
    }

    init(migrating writer: any DatabaseWriter, columnCacheBytes: Int) throws(SQLiteStoreError) {
        self.writer = writer
        columns = ColumnarCache(budget: columnCacheBytes)
        opening = try SQLiteStoreError.wrap {
            try SQLiteSchema.migrator.migrate(writer)
            return try writer.write { db in try DatabaseOpening.begin(db) }
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "perch"
        // The CLI edits sites while the server writes: wait for the lock instead of failing.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try SQLiteDistinctCount.register(on: db)
            try SQLiteGroupedAggregate.register(on: db)
        }
        return configuration
    }

    /// The names of the migrations applied so far, oldest first.
    package func appliedMigrations() throws(SQLiteStoreError) -> [String] {
        try SQLiteStoreError.wrap { try writer.read { db in try SQLiteSchema.migrator.appliedMigrations(db) } }
    }
}

extension SQLiteStoreError {
    /// Runs `body`, turning GRDB's errors into this module's.
    static func wrap<T>(_ body: () throws -> T) throws(SQLiteStoreError) -> T {
        do {
            return try body()
        } catch let error as SQLiteStoreError {
            throw error
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED { throw .busy }
            throw .database(code: error.extendedResultCode.rawValue, message: error.message ?? "")
        } catch {
            throw .database(code: -1, message: String(describing: error))
        }
    }
}
