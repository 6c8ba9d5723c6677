/// Identifies a live session in the cache: one visitor (user id) on one site (spec §9).
package struct SessionKey: Sendable, Hashable {
    package var siteID: Int64
    package var userID: UInt64

    package init(siteID: Int64, userID: UInt64) {
        self.siteID = siteID
        self.userID = userID
    }

    /// A well-mixed 64-bit value for picking a shard. User ids are SipHash outputs already;
    /// the multiply spreads the site id into the high bits so shard choice uses both.
    var mixed: UInt64 {
        (userID ^ UInt64(bitPattern: siteID) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
    }
}
