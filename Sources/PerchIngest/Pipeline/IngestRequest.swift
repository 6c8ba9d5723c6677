import PerchEnrich
import PerchJournal

/// What the HTTP layer hands the pipeline for one `POST /api/event`: the body and the two facts
/// about the client that identify a visitor. Neither the IP nor the User-Agent is ever stored.
package struct IngestRequest: Sendable {
    package var body: [UInt8]
    package var contentType: String?
    package var userAgent: String?
    package var clientIP: String {
        didSet { clientAddress = IPAddress(clientIP) }
    }
    /// `clientIP` parsed, nil when it is not an address; kept in step with it.
    package private(set) var clientAddress: IPAddress?
    /// What a trusted proxy said of the client IP (`x-plausible-ip-type`), if anything.
    package var clientIPType: ClientIPType?
    /// Stored with the event's journal entries (the batch endpoint's `"id"`).
    package var idempotencyKey: String?
    /// Room already held for this request's events (a batch holds room for all of its events).
    package var reservation: JournalReservation?

    package init(
        body: [UInt8],
        contentType: String?,
        userAgent: String?,
        clientIP: String,
        clientIPType: ClientIPType? = nil,
        idempotencyKey: String? = nil,
        reservation: JournalReservation? = nil
    ) {
        self.init(
            body: body, contentType: contentType, userAgent: userAgent, clientIP: clientIP,
            parsedAs: IPAddress(clientIP), clientIPType: clientIPType, idempotencyKey: idempotencyKey,
            reservation: reservation)
    }

    /// As the other initializer, with `clientIP` already parsed (`clientAddress` must be
    /// `IPAddress(clientIP)`), as the HTTP layer has it from finding the client.
    package init(
        body: [UInt8],
        contentType: String?,
        userAgent: String?,
        clientIP: String,
        parsedAs clientAddress: IPAddress?,
        clientIPType: ClientIPType? = nil,
        idempotencyKey: String? = nil,
        reservation: JournalReservation? = nil
    ) {
        self.body = body
        self.contentType = contentType
        self.userAgent = userAgent
        self.clientIP = clientIP
        self.clientAddress = clientAddress
        self.clientIPType = clientIPType
        self.idempotencyKey = idempotencyKey
        self.reservation = reservation
    }
}

/// A proxy's classification of the client IP, Plausible's `x-plausible-ip-type` (spec §5, §12.2):
/// datacenter and threat IPs are dropped; an anonymous VPN's events get country `A1`.
package enum ClientIPType: String, Sendable {
    case datacenter = "dc_ip"
    case threat = "threat_ip"
    case anonymousVPN = "anonymous_vpn_ip"
}
