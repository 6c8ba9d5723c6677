/// How many events for one site were dropped for one reason in one hour (UTC).
package struct DropCount: Sendable, Hashable {
    /// The site's canonical domain; for `not_found`, the domain the client sent.
    package var domain: String
    /// A `DropReason` raw value, kept as text so rows from newer versions still read.
    package var reason: String
    /// Unix seconds of the start of the hour.
    package var hour: Int64
    package var count: Int64

    package init(domain: String, reason: String, hour: Int64, count: Int64) {
        self.domain = domain
        self.reason = reason
        self.hour = hour
        self.count = count
    }
}
