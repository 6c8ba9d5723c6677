/// A dictionary key over a slice of a host name, hashed and compared as raw UTF-8 bytes: lookups
/// by a parent-domain slice of a host neither allocate nor pay for String's Unicode-aware hashing.
struct HostKey: Hashable, Sendable {
    let text: Substring

    init(_ text: Substring) {
        self.text = text
    }

    init(_ text: String) {
        self.text = text[...]
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }

    static func == (left: HostKey, right: HostKey) -> Bool {
        guard left.text.utf8.count == right.text.utf8.count else { return false }
        let equal: Bool? =
            left.text.utf8.withContiguousStorageIfAvailable { leftBytes in
                right.text.utf8.withContiguousStorageIfAvailable { rightBytes in
                    leftBytes.elementsEqual(rightBytes)
                }
            } ?? nil
        return equal ?? left.text.utf8.elementsEqual(right.text.utf8)
    }
}
