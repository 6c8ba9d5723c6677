import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchStats

extension TestClientProtocol {
    /// `POST /api/v2/query` with `key` as the Bearer token (none when nil).
    func query(_ body: String, key: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[.authorization] = "Bearer " + key }
        return try await execute(uri: "/api/v2/query", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// A pageview (or another event) of `path` from the visitor at `ip`.
    func visit(_ path: String, from ip: String, name: String = "pageview") async throws {
        let response = try await event(
            #"{"n":"\#(name)","u":"https://example.com\#(path)","d":"example.com"}"#,
            headers: [
                .userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                HTTPField.Name("X-Forwarded-For")!: ip,
            ])
        // A drop (bot, shield, limit) answers 202 too, with this header: the seeded data would be missing.
        guard response.status == .accepted, response.headers[HTTPField.Name("x-plausible-dropped")!] == nil else {
            throw StatsTestError.eventDropped("\(response.status) \(response.headers)")
        }
    }
}

enum StatsTestError: Error {
    case eventDropped(String)
}

extension TestResponse {
    var json: JSONValue? { try? JSONReader.parse(Array(text.utf8)) }

    /// `results[i].dimensions joined → metrics` of a query answer.
    var rows: [String: [JSONValue]] {
        guard case .array(let rows)? = json?["results"] else { return [:] }
        var out: [String: [JSONValue]] = [:]
        for row in rows {
            guard case .array(let dimensions)? = row["dimensions"], case .array(let metrics)? = row["metrics"] else {
                continue
            }
            out[dimensions.map(\.json).joined(separator: ",")] = metrics
        }
        return out
    }

    var error: String? {
        guard case .string(let message)? = json?["error"] else { return nil }
        return message
    }
}
