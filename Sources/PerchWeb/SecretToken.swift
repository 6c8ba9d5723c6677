import Crypto
import Foundation

/// Random tokens (session cookies, CSRF tokens, shared-link slugs) and values signed with the
/// store's secret.
package enum SecretToken {
    /// `bytes` random bytes as unpadded base64url (cookie- and URL-safe).
    package static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// HMAC-SHA256 of `message` under `secret`, base64url.
    static func signature(_ message: String, secret: [UInt8]) -> String {
        let code = HMAC<Crypto.SHA256>.authenticationCode(
            for: Array(message.utf8), using: SymmetricKey(data: secret))
        return base64URL(Array(code))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` could be a token this type made (so junk never reaches the store).
    static func isWellFormed(_ text: String) -> Bool {
        (16...128).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}
