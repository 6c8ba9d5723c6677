import PerchCore

/// A Stats API key as stored: never the secret itself, only its SHA-256 and a short prefix that
/// lets an operator tell keys apart in `perch keys list`.
package struct APIKey: Sendable, Hashable {
    package var id: Int64
    /// The first characters of the secret.
    package var prefix: String
    /// The only site the key may read (canonical domain), or nil for every site.
    package var siteDomain: String?
    /// Requests allowed per fixed one-hour window.
    package var hourlyLimit: Int
    package var createdAt: Int64

    package init(id: Int64, prefix: String, siteDomain: String?, hourlyLimit: Int, createdAt: Int64) {
        self.id = id
        self.prefix = prefix
        self.siteDomain = siteDomain
        self.hourlyLimit = hourlyLimit
        self.createdAt = createdAt
    }

    package static let defaultHourlyLimit = 600
    package static let prefixLength = 8

    /// Whether the key may read `domain` (canonical).
    package func allows(domain: String) -> Bool {
        siteDomain.map { $0 == domain } ?? true
    }

    /// The stored form of a presented secret.
    package static func hash(_ secret: String) -> String {
        SHA256.hex(Array(secret.utf8))
    }

    /// A new secret: 32 random bytes in unpadded URL-safe base64 (43 characters).
    package static func newSecret<Source: RandomNumberGenerator>(using source: inout Source) -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &source) }
        return base64URL(bytes)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 0x3f]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
