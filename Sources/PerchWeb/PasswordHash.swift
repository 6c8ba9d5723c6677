import Crypto
import Foundation
import PerchCore
import _CryptoExtras

/// Passwords stored with scrypt (swift-crypto): `scrypt$LOG2N$R$P$SALT$KEY`, salt and key in
/// base64. N = 2^15, r = 8, p = 1 costs about 32 MiB and tens of milliseconds a guess, which is
/// what makes a stolen database slow to attack; the parameters travel with each hash so they can
/// be raised later without invalidating existing users.
package enum PasswordHash {
    package static let defaultLog2N = 15
    static let blockSize = 8
    static let parallelism = 1
    static let keyBytes = 32
    static let saltBytes = 16
    /// Refused before hashing: longer input only costs the server time.
    package static let maxPasswordBytes = 1024
    package static let minPasswordCharacters = 8
    /// A well-formed hash whose key is 32 zero bytes, which no password hashes to (a chance of
    /// 2^-256): verified against for unknown users, so they cost the same time as known ones.
    static let unmatchable =
        "scrypt$\(defaultLog2N)$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + String(repeating: "A", count: 43) + "="

    package static func make(_ password: String, log2N: Int = defaultLog2N) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let key = try derive(password, salt: salt, log2N: log2N)
        return "scrypt$\(log2N)$\(blockSize)$\(parallelism)$\(Data(salt).base64EncodedString())$"
            + Data(key).base64EncodedString()
    }

    /// `verify` on a Dispatch thread: a hash costs tens of milliseconds of CPU, which must not
    /// hold one of Swift concurrency's few cooperative threads (a burst of sign-ins would stall
    /// every other request).
    package static func verifyOffPool(_ password: String, against stored: String) async -> Bool {
        await BlockingWork.run { verify(password, against: stored) }
    }

    /// True when `password` hashes to `stored`; false for a wrong password or a malformed hash.
    package static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let log2N = Int(parts[1]), (10...20).contains(log2N),
            Int(parts[2]) == blockSize, Int(parts[3]) == parallelism,
            let salt = Data(base64Encoded: String(parts[4])), let expected = Data(base64Encoded: String(parts[5])),
            password.utf8.count <= maxPasswordBytes,
            let key = try? derive(password, salt: [UInt8](salt), log2N: log2N)
        else { return false }
        return ConstantTime.equal(key, [UInt8](expected))
    }

    private static func derive(_ password: String, salt: [UInt8], log2N: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: keyBytes, rounds: 1 << log2N,
            blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { [UInt8]($0) }
    }
}

/// Comparison whose time does not depend on where the inputs first differ.
enum ConstantTime {
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func equal(_ a: String, _ b: String) -> Bool { equal(Array(a.utf8), Array(b.utf8)) }
}
