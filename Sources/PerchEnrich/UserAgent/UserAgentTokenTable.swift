/// A fixed open-addressing table from a lower-cased word to its `UserAgentToken`, so each scanned
/// word costs one FNV-1a pass and a probe or two — no `String` built, no `Hasher` round.
struct UserAgentTokenTable: Sendable {
    private static let capacity = 512
    private static let longestWord = 24
    private var hashes: [UInt64]
    private var names: [[UInt8]]
    private var tokens: [UserAgentToken?]

    init(_ entries: [(String, UserAgentToken)]) {
        hashes = Array(repeating: 0, count: Self.capacity)
        names = Array(repeating: [], count: Self.capacity)
        tokens = Array(repeating: nil, count: Self.capacity)
        precondition(entries.count < Self.capacity / 2, "token table too full")
        for (name, token) in entries {
            let bytes = Array(name.utf8)
            precondition(bytes.count <= Self.longestWord, "token name too long: \(name)")
            let hash = Self.hash(bytes[...])
            var slot = Int(truncatingIfNeeded: hash) & (Self.capacity - 1)
            while tokens[slot] != nil { slot = (slot + 1) & (Self.capacity - 1) }
            hashes[slot] = hash
            names[slot] = bytes
            tokens[slot] = token
        }
    }

    /// The token spelled (case-insensitively) by `bytes[start..<end]`, if any.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UserAgentToken? {
        let length = end - start
        guard length > 0, length <= Self.longestWord else { return nil }
        let hash = Self.hash(bytes[start..<end])
        var slot = Int(truncatingIfNeeded: hash) & (Self.capacity - 1)
        while let token = tokens[slot] {
            if hashes[slot] == hash && Self.equalsLowered(names[slot], bytes, start, length) { return token }
            slot = (slot + 1) & (Self.capacity - 1)
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
