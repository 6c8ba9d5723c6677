import HTTPTypes
import Hummingbird
import PerchCore

/// Responses of the web side, with the security headers every page carries.
enum WebResponse {
    /// Scripts and styles only from Perch itself; the inline JSON configuration is data, not script.
    static func contentSecurityPolicy(frameable: Bool) -> String {
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
            + (frameable ? "frame-ancestors *" : "frame-ancestors 'none'")
    }

    static func html(status: HTTPResponse.Status = .ok, _ text: String, frameable: Bool = false) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentSecurityPolicy: contentSecurityPolicy(frameable: frameable),
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        if !frameable { headers[HTTPField.Name("X-Frame-Options")!] = "DENY" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(status: HTTPResponse.Status = .ok, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status: status, "{\"error\":" + JSONText.quoted(message) + "}")
    }

    static func text(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
