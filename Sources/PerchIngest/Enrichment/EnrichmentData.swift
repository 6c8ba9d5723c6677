import PerchEnrich

/// The reference data the ingest path consults, read afresh for every request so a replaced data
/// set (hot reload) takes effect on the next event. Each accessor is cheap (a lock-protected
/// reference read); nil means the data set is not installed.
package struct EnrichmentData: Sendable {
    package var spamReferrers: @Sendable () -> SpamReferrerList?
    package var referrerSources: @Sendable () -> ReferrerSourceTable
    package var datacenterRanges: @Sendable () -> IPRangeTable?
    package var publicSuffixes: @Sendable () -> PublicSuffixList
    package var geo: @Sendable () -> (any GeoLookup)?

    package init(
        spamReferrers: @escaping @Sendable () -> SpamReferrerList? = { SpamReferrerList.builtIn },
        referrerSources: @escaping @Sendable () -> ReferrerSourceTable = { ReferrerSourceTable.builtIn },
        datacenterRanges: @escaping @Sendable () -> IPRangeTable? = { nil },
        publicSuffixes: @escaping @Sendable () -> PublicSuffixList = { PublicSuffixList.builtIn },
        geo: @escaping @Sendable () -> (any GeoLookup)? = { nil }
    ) {
        self.spamReferrers = spamReferrers
        self.referrerSources = referrerSources
        self.datacenterRanges = datacenterRanges
        self.publicSuffixes = publicSuffixes
        self.geo = geo
    }

    /// The built-in fallbacks only: no geolocation, no datacenter ranges.
    package static let builtIn = EnrichmentData()
}
