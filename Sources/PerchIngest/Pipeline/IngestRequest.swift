/// What the HTTP layer hands the pipeline for one `POST /api/event`: the body and the two facts
/// about the client that identify a visitor. Neither the IP nor the User-Agent is ever stored.
package struct IngestRequest: Sendable {
    package var body: [UInt8]
    package var contentType: String?
    package var userAgent: String?
    package var clientIP: String

    package init(body: [UInt8], contentType: String?, userAgent: String?, clientIP: String) {
        self.body = body
        self.contentType = contentType
        self.userAgent = userAgent
        self.clientIP = clientIP
    }
}
