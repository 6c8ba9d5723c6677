/// A fixed open-addressing table from a lower-cased word to a value (a `UserAgentToken`, or a
/// client's index), so each scanned word costs one FNV-1a pass and a probe or two — no `String`
/// built, no `Hasher` round.
struct UserAgentWordTable<Value: Sendable>: Sendable {
    private let capacity: Int
    private let longestWord: Int
    private var hashes: [UInt64]
    private var names: [[UInt8]]
    private var values: [Value?]

    /// `entries` with lower-case names; the table is sized to stay at most a quarter full.
    init(_ entries: [(String, Value)]) {
        var capacity = 64
        while capacity < entries.count * 4 { capacity *= 2 }
        self.capacity = capacity
        longestWord = entries.map(\.0.utf8.count).max() ?? 0
        hashes = Array(repeating: 0, count: capacity)
        names = Array(repeating: [], count: capacity)
        values = Array(repeating: nil, count: capacity)
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            let hash = Self.hash(bytes[...])
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while values[slot] != nil { slot = (slot + 1) & (capacity - 1) }
            hashes[slot] = hash
            names[slot] = bytes
            values[slot] = value
        }
    }

    /// The value of the word spelled (case-insensitively) by `bytes[start..<end]`, if any.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Value? {
        let length = end - start
        guard length > 0, length <= longestWord else { return nil }
        let hash = Self.hash(bytes[start..<end])
        var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
        while let value = values[slot] {
            if hashes[slot] == hash && Self.equalsLowered(names[slot], bytes, start, length) { return value }
            slot = (slot + 1) & (capacity - 1)
        }
        return nil
    }

    private static func equalsLowered(
        _ name: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int,
        _ length: Int
    ) -> Bool {
        guard name.count == length else { return false }
        for index in 0..<length where name[index] != lowered(bytes[start + index]) { return false }
        return true
    }

    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    private static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(lowered(byte))) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

/// The table of product and comment words the user-agent rules look at.
typealias UserAgentTokenTable = UserAgentWordTable<UserAgentToken>
