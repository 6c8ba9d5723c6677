import PerchCore
import Synchronization

/// A `SaltStore` that keeps salts in memory: for tests and for runs without persistent storage.
package final class InMemorySaltStore: SaltStore {
    private let stored: Mutex<[Salt]>

    package init(_ salts: [Salt] = []) {
        stored = Mutex(salts.sorted { $0.createdAt < $1.createdAt })
    }

    package func salts() throws -> [Salt] {
        stored.withLock { $0 }
    }

    package func insert(_ salt: Salt) throws {
        stored.withLock { salts in
            salts.append(salt)
            salts.sort { $0.createdAt < $1.createdAt }
        }
    }

    package func deleteSalts(createdBefore cutoff: Int64) throws {
        stored.withLock { $0.removeAll { $0.createdAt < cutoff } }
    }
}
