import PerchCore
import Testing

@testable import PerchSQLite

@Suite struct SQLiteSaltTests {
    let store: SQLiteStore

    init() throws {
        store = SQLiteStore(database: try .inMemory())
    }

    @Test func saltsComeBackOldestFirst() throws {
        let newer = Salt(bytes: Array(0..<16), createdAt: 200)
        let older = Salt(bytes: Array(repeating: 0xFF, count: 16), createdAt: 100)
        try store.insert(newer)
        try store.insert(older)
        #expect(try store.salts() == [older, newer])
    }

    @Test func deleteRemovesOnlyOlderSalts() throws {
        for createdAt in [100, 200, 300] as [Int64] {
            try store.insert(Salt(bytes: Array(repeating: UInt8(createdAt / 100), count: 16), createdAt: createdAt))
        }
        try store.deleteSalts(createdBefore: 200)
        #expect(try store.salts().map(\.createdAt) == [200, 300])
    }
}
