import NIOCore

/// One file the web side serves: its bytes, its media type and a validator for conditional GETs.
package struct WebAsset: Sendable {
    package let name: String
    package let body: ByteBuffer
    package let contentType: String
    /// A strong ETag: the first 16 hex digits of the body's SHA-256, quoted.
    package let etag: String

    package init(name: String, bytes: [UInt8]) {
        self.name = name
        body = ByteBuffer(bytes: bytes)
        contentType = Self.contentType(of: name)
        etag = "\"" + String(SHA256Text.hex(bytes).prefix(16)) + "\""
    }

    package var text: String { String(buffer: body) }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "html": "text/html; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json; charset=utf-8"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }
}
