/// Why a Stats API query was refused; the server answers `400 {"error": message}`.
package struct QueryError: Error, Sendable, Hashable {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    /// Plausible's JSON body parser answers a malformed body with this text.
    package static let invalidJSON = QueryError("Invalid JSON in request body.")
}
