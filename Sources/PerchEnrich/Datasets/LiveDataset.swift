import Synchronization

/// A data set that follows its file: loaded at start, reloaded when the file is replaced (a new
/// inode, size or modification time), with the previous value kept when the new file is refused.
/// Readers take `current` on every use; the swap is one lock-protected assignment.
///
/// Polling is the caller's: a service calls `reloadIfChanged()` every second, tests call it
/// directly after replacing the file.
package final class LiveDataset<Content: DatasetContent>: DatasetReloading {
    package let path: String
    /// What the first load found.
    package let initialLoad: DatasetReload
    /// Counts each later load of a new file.
    private let loads: DatasetLoadCounter?
    // Inlinable, with what it reads, so callers in other modules get `current` specialized for
    // their data set: unspecialized, the read itself ran generic code on every event (1.4% of the
    // server's samples under the load harness; 1.0% specialized, the rest being the generic
    // class's metadata lookup that any stored-property access of it needs).
    @usableFromInline let state: Mutex<State>

    @usableFromInline struct State: Sendable {
        @usableFromInline var value: Content?
        /// The file last looked at, loaded or refused: a refused file is not retried until it changes.
        var identity: DatasetFile.Identity?

        init(value: Content?, identity: DatasetFile.Identity?) {
            self.value = value
            self.identity = identity
        }
    }

    /// Loads `path` now. Without a file, or with one that is refused, `fallback` is active.
    /// `loads`, when given, counts every later load of a new file.
    package init(path: String, fallback: Content? = nil, loads: DatasetLoadCounter? = nil) {
        self.path = path
        self.loads = loads
        let identity = DatasetFile.identity(of: path)
        var value = fallback
        if identity == nil {
            initialLoad = .absent
        } else {
            do {
                let loaded = try Content(contentsOfFile: path)
                value = loaded
                initialLoad = .loaded(entries: loaded.entryCount)
            } catch {
                initialLoad = .refused(error)
            }
        }
        state = Mutex(State(value: value, identity: identity))
    }

    package var kind: DatasetKind { Content.kind }

    /// The active value, nil when no file was ever loaded and no fallback was given.
    @inlinable package var current: Content? {
        state.withLock { $0.value }
    }

    package func reloadIfChanged() -> DatasetReload {
        let identity = DatasetFile.identity(of: path)
        let previous = state.withLock { $0.identity }
        guard identity != previous else { return .unchanged }
        guard let identity else {
            state.withLock { $0.identity = nil }
            return .absent
        }
        // Loading happens outside the lock so readers never wait for a parse.
        do {
            let loaded = try Content(contentsOfFile: path)
            state.withLock { $0 = State(value: loaded, identity: identity) }
            loads?.counted()
            return .loaded(entries: loaded.entryCount)
        } catch {
            state.withLock { $0.identity = identity }
            return .refused(error)
        }
    }
}
