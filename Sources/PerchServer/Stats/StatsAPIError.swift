import Hummingbird
import PerchStats

/// A refused Stats API request: the status and Plausible's message, answered as `{"error": "…"}`.
struct StatsAPIError: Error {
    var status: HTTPResponse.Status
    var message: String

    static let missingKey = StatsAPIError(
        status: .unauthorized, message: "Missing API key. Please use a valid Plausible API key as a Bearer Token.")
    static let invalidKey = StatsAPIError(
        status: .unauthorized,
        message: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the "
            + "site you've requested.")
    static let missingSiteID = StatsAPIError(
        status: .badRequest,
        message: "Missing site ID. Please provide the required site_id parameter with your request.")

    static func tooManyRequests(limit: Int) -> StatsAPIError {
        StatsAPIError(
            status: .tooManyRequests,
            message: "Too many API requests. Your API key is limited to \(limit) requests per hour. "
                + "Please contact us to request more capacity.")
    }

    var response: Response {
        StatsResponse.json(status: status, JSONValue.object([("error", .string(message))]).json)
    }
}

/// JSON responses of the Stats API.
enum StatsResponse {
    static func json(status: HTTPResponse.Status = .ok, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
