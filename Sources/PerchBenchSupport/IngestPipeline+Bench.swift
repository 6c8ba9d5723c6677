import PerchCore
import PerchIngest
import PerchJournal

extension IngestPipeline {
    /// The pipeline the benchmarks drive: `TrafficMix`'s sites with no rate limit (the limiter
    /// never refuses), salts and sessions in memory, built-in enrichment data, no GeoIP.
    static func forBenchmarks(journal: any EventJournal, clock: any WallClock) throws -> IngestPipeline {
        let sites = (1...TrafficMix.siteCount).map {
            Site(id: Int64($0), domain: "bench-\($0).test", rateLimit: .unlimited)
        }
        return IngestPipeline(
            sites: SiteRegistry(sites: sites),
            rateLimiter: SiteRateLimiter(),
            salts: try SaltRing(store: InMemorySaltStore(), clock: clock),
            sessions: SessionCache(),
            journal: journal,
            clock: clock
        )
    }
}
