/// Finds where an IP address is (spec §12.2). Implementations never fail an event: an unknown
/// address, or no database at all, yields an empty location.
package protocol GeoLookup: Sendable {
    func location(_ ip: IPAddress) -> GeoLocation
}

extension MMDBReader: GeoLookup {}
