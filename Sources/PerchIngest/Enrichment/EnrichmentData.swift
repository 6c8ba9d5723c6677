import PerchEnrich

/// The reference data the ingest path consults, read afresh for every request so a replaced data
/// set (hot reload) takes effect on the next event. `current` is read once per request and must be
/// cheap: the server's (`LiveEnrichment`) keeps one snapshot until a data set loads a new file.
package struct EnrichmentData: Sendable {
    package var current: @Sendable () -> EnrichmentSnapshot

    package init(current: @escaping @Sendable () -> EnrichmentSnapshot) {
        self.current = current
    }

    /// Each data set from a function of its own, all called for every snapshot (tests, benchmarks).
    package init(
        spamReferrers: @escaping @Sendable () -> SpamReferrerList? = { SpamReferrerList.builtIn },
        referrerSources: @escaping @Sendable () -> ReferrerSourceTable = { ReferrerSourceTable.builtIn },
        datacenterRanges: @escaping @Sendable () -> IPRangeTable? = { nil },
        publicSuffixes: @escaping @Sendable () -> PublicSuffixList = { PublicSuffixList.builtIn },
        geo: @escaping @Sendable () -> (any GeoLookup)? = { nil }
    ) {
        current = {
            EnrichmentSnapshot(
                spamReferrers: spamReferrers(),
                referrerSources: referrerSources(),
                datacenterRanges: datacenterRanges(),
                publicSuffixes: publicSuffixes(),
                geo: geo()
            )
        }
    }

    /// The built-in fallbacks only: no geolocation, no datacenter ranges.
    package static let builtIn = EnrichmentData()
}

/// The data sets in force for one request; nil means the data set is not installed.
package struct EnrichmentSnapshot: Sendable {
    package var spamReferrers: SpamReferrerList?
    package var referrerSources: ReferrerSourceTable
    package var datacenterRanges: IPRangeTable?
    package var publicSuffixes: PublicSuffixList
    package var geo: (any GeoLookup)?

    package init(
        spamReferrers: SpamReferrerList?,
        referrerSources: ReferrerSourceTable,
        datacenterRanges: IPRangeTable?,
        publicSuffixes: PublicSuffixList,
        geo: (any GeoLookup)?
    ) {
        self.spamReferrers = spamReferrers
        self.referrerSources = referrerSources
        self.datacenterRanges = datacenterRanges
        self.publicSuffixes = publicSuffixes
        self.geo = geo
    }
}
