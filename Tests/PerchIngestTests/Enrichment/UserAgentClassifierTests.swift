import PerchEnrich
import Testing

@testable import PerchIngest

@Suite struct UserAgentClassifierTests {
    static let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

    @Test func longUserAgentsAreClassifiedButNotMemoised() {
        let classifier = UserAgentClassifier(capacity: 1_024)
        let padded = Self.firefox + " " + String(repeating: "x", count: 80 * 1024)
        guard case .client(let details) = classifier.classify(padded) else {
            Issue.record("a long browser User-Agent was not classified as a client")
            return
        }
        #expect(details.browser == "Firefox")
        #expect(classifier.memoisedCount == 0)
        _ = classifier.classify(Self.firefox)
        #expect(classifier.memoisedCount == 1)
    }

    @Test func theMemoStaysWithinItsCapacity() {
        let classifier = UserAgentClassifier(capacity: 256)
        for index in 0..<5_000 { _ = classifier.classify(Self.firefox + " build/\(index)") }
        #expect(classifier.memoisedCount <= 256)
    }
}
