import Testing

@testable import PerchStats

/// API key secrets: random, URL-safe, stored only as their SHA-256.
@Suite struct APIKeyTests {
    @Test func secretsAreURLSafeAndDistinct() {
        var random = SystemRandomNumberGenerator()
        let first = APIKey.newSecret(using: &random)
        let second = APIKey.newSecret(using: &random)
        #expect(first.count == 43)
        #expect(first != second)
        #expect(first.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(APIKey.hash(first).count == 64)
    }

    @Test func base64URLMatchesRFC4648() {
        #expect(APIKey.base64URL(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(APIKey.base64URL(Array("fooba".utf8)) == "Zm9vYmE")
        #expect(APIKey.base64URL(Array("foob".utf8)) == "Zm9vYg")
        #expect(APIKey.base64URL([0xFB, 0xFF]) == "-_8")
    }
}
