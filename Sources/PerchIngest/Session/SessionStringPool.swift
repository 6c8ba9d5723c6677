import Synchronization

/// Interns the short, repetitive strings of cached sessions (hostnames, browsers, countries,
/// channels, …) so each session stores a small id instead of the text. The pool is bounded in
/// count and in string length: once full, or for a longer string, the session keeps the text
/// itself, so hostile values cost their own bytes and never grow the pool.
package final class SessionStringPool: Sendable {
    /// The pool's state, used under its lock for a whole session's strings at once.
    package struct Interner: ~Copyable {
        fileprivate var ids: [String: UInt32] = [:]
        fileprivate var strings: [String] = []
        fileprivate let maxCount: Int
        fileprivate let maxLength: Int
        /// The bytes a session is packed into before they are copied out at their own size, kept
        /// between sessions so packing one allocates only the copy.
        private var scratch: [UInt8] = []

        fileprivate init(maxCount: Int, maxLength: Int) {
            self.maxCount = maxCount
            self.maxLength = maxLength
        }

        /// The id of `text`, interning it if there is room; nil when it must be stored as text.
        package mutating func id(for text: String) -> UInt32? {
            if let id = ids[text] { return id }
            guard strings.count < maxCount, text.utf8.count <= maxLength else { return nil }
            let id = UInt32(strings.count)
            ids[text] = id
            strings.append(text)
            return id
        }

        /// The string interned as `id`, or "" for an id the pool never gave out.
        package func string(_ id: UInt32) -> String {
            Int(id) < strings.count ? strings[Int(id)] : ""
        }

        package var count: Int { strings.count }

        /// The scratch bytes, taken out while a session is packed (`PackedTextWriter(reusing:)`).
        mutating func takeScratch() -> [UInt8] {
            var taken: [UInt8] = []
            swap(&taken, &scratch)
            return taken
        }

        /// Gives the scratch bytes back once the packed copy is made.
        mutating func returnScratch(_ bytes: [UInt8]) {
            scratch = bytes
        }
    }

    private let state: Mutex<Interner>

    /// - Parameters:
    ///   - maxCount: the most strings the pool holds.
    ///   - maxLength: the longest string (UTF-8 bytes) it interns.
    package init(maxCount: Int = 65_536, maxLength: Int = 48) {
        state = Mutex(Interner(maxCount: maxCount, maxLength: maxLength))
    }

    package func withInterner<R>(_ body: (inout Interner) -> R) -> R {
        state.withLock { body(&$0) }
    }

    /// Strings interned so far.
    package var count: Int { state.withLock { $0.count } }
}
