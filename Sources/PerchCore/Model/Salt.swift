/// A 16-byte random key for visitor ids, valid from `createdAt` (unix seconds) until the next one.
package struct Salt: Sendable, Hashable {
    package var bytes: [UInt8]
    package var createdAt: Int64

    package init(bytes: [UInt8], createdAt: Int64) {
        precondition(bytes.count == 16, "a salt is 16 bytes")
        self.bytes = bytes
        self.createdAt = createdAt
    }
}
