import PerchCore
import PerchEnrich

@testable import PerchPayload

/// Decodes a JSON body the way the server would, for tests.
enum TestDecoding {
    static let decoder = EventRequestDecoder(sources: ReferrerSourceTable.builtIn)

    static func decode(_ body: String, contentType: String? = "text/plain") -> Result<EventRequest, ValidationErrors> {
        decoder.decode(body: Array(body.utf8), contentType: contentType)
    }

    static func request(_ body: String, contentType: String? = "text/plain") -> EventRequest? {
        try? decode(body, contentType: contentType).get()
    }

    /// The 400 body, or nil when the request was accepted.
    static func errorBody(_ body: String, contentType: String? = "text/plain") -> String? {
        switch decode(body, contentType: contentType) {
        case .success: return nil
        case .failure(let errors): return errors.jsonBody
        }
    }

    /// A minimal valid body with `extra` members appended (`"k":v,...`).
    static func pageview(_ extra: String = "", url: String = "https://example.com/") -> String {
        "{\"n\":\"pageview\",\"u\":\"\(url)\",\"d\":\"example.com\"" + (extra.isEmpty ? "" : "," + extra) + "}"
    }
}
