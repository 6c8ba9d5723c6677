import PerchCore
import Testing

@testable import PerchPayload

/// Never-crash sweeps: every prefix and many seeded mutations of realistic bodies must decode
/// to either a request satisfying the invariants or a 400, never trap.
@Suite struct RobustnessTests {
    static let seeds: [String] = [
        #"{"n":"pageview","u":"https://www.a.com/p%C3%A9?utm_source=fb&gclid=1#x","d":"a.com,b.com","#
            + #""r":"https://www.google.co.uk/search?q=x","h":1,"m":{"k":"v","n":1.5,"b":true},"#
            + #""revenue":{"amount":"12.30","currency":"EUR"},"i":false}"#,
        #"{"n":"engagement","u":"/x","d":"a.com","sd":"42","e":1200,"p":"{\"a\":\"\\u00e9\\ud83d\\ude00\"}"}"#,
        #"{"name":404,"url":"chrome-extension://id/x","domain":" www.A.com ","props":{"path":null}}"#,
    ]

    func checkInvariants(_ result: Result<EventRequest, ValidationErrors>) {
        switch result {
        case .success(let request):
            #expect(!request.name.isEmpty && request.name.count <= 120)
            #expect(!request.domains.isEmpty)
            #expect(!request.pathname.isEmpty && !request.hostname.isEmpty)
            #expect(request.props.count <= 30)
            let keys = request.props.map(\.key)
            #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(request.isEngagement || (request.scrollDepth == 0 && request.engagementTime == 0))
        case .failure(let errors):
            #expect(!errors.isEmpty)
            #expect(errors.jsonBody.hasPrefix(#"{"errors":{"#))
        }
    }

    @Test(arguments: seeds)
    func everyPrefixDecodesOrFails(seed: String) {
        let bytes = Array(seed.utf8)
        #expect((try? JSONParser().parse(bytes)) != nil)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            #expect((try? JSONParser().parse(prefix)) == nil)
            checkInvariants(TestDecoding.decoder.decode(body: prefix, contentType: "text/plain"))
        }
    }

    @Test(arguments: Array(seeds.enumerated()))
    func mutatedBodiesNeverCrash(index: Int, seed: String) {
        var random = SplitMix64(seed: UInt64(index) &+ 0xC0FFEE)
        let interesting: [UInt8] = Array(#"{}[]",:\%0123456789eE.-+ntfu"#.utf8) + [0x00, 0x80, 0xC3, 0xED, 0xFF]
        let original = Array(seed.utf8)
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0...(random.next() % 4) {
                let position = Int(random.next() % UInt64(bytes.count))
                let byte =
                    random.next() % 2 == 0
                    ? interesting[Int(random.next() % UInt64(interesting.count))]
                    : UInt8(truncatingIfNeeded: random.next())
                switch random.next() % 3 {
                case 0: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            checkInvariants(TestDecoding.decoder.decode(body: bytes, contentType: "text/plain"))
            checkInvariants(TestDecoding.decoder.decode(body: bytes, contentType: "application/x-www-form-urlencoded"))
        }
    }

    @Test func randomURLsNeverCrash() {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("ab:/?#[]@%2Ec+ -.wW".utf8)
        for _ in 0..<5000 {
            let count = Int(random.next() % 24)
            let bytes = (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            let url = PageURL(text)
            _ = try? url.decodedPath()
            _ = try? url.queryParameters()
            #expect(url.scheme.map { $0 == $0.lowercased() } ?? true)
            checkInvariants(TestDecoding.decode(TestDecoding.pageview(url: text)))
        }
    }
}
