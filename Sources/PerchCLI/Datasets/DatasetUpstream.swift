import PerchCore
import PerchEnrich

/// Where `perch datasets update` fetches each kind from, and whose terms the data comes under.
enum DatasetUpstream: Sendable {
    /// One file: the first candidate URL that exists (the others are fallbacks for a 404), gunzipped
    /// when it is gzip data.
    case file(candidates: [Candidate])
    /// Several providers' address-range feeds, all required, merged into one `IPRangeTable` file.
    case feeds([Feed])

    struct Candidate: Sendable, Equatable {
        let url: String
        /// The date the URL itself names (DB-IP's month), when it names one.
        let upstreamDate: String?
    }

    struct Feed: Sendable, Equatable {
        let provider: String
        let url: String
        let format: DatacenterFeed
    }

    /// The upstream of `kind` as of `unixSeconds` (DB-IP publishes one file a month).
    static func of(_ kind: DatasetKind, unixSeconds: Int64) -> DatasetUpstream {
        switch kind {
        case .geoip:
            let month = String(ISO8601UTC.text(unixSeconds: unixSeconds).prefix(7))
            return .file(
                candidates: [month, previousMonth(month)].map { (month: String) -> Candidate in
                    Candidate(
                        url: "https://download.db-ip.com/free/dbip-city-lite-\(month).mmdb.gz",
                        upstreamDate: month
                    )
                }
            )
        case .spamReferrers:
            return .file(candidates: [
                Candidate(
                    url: "https://raw.githubusercontent.com/matomo-org/referrer-spam-list/master/spammers.txt",
                    upstreamDate: nil
                )
            ])
        case .referrerSources:
            return .file(candidates: [
                Candidate(
                    url: "https://s3-eu-west-1.amazonaws.com/snowplow-hosted-assets/third-party/referer-parser/"
                        + "referers-latest.json",
                    upstreamDate: nil
                )
            ])
        case .publicSuffixes:
            return .file(candidates: [
                Candidate(url: "https://publicsuffix.org/list/public_suffix_list.dat", upstreamDate: nil)
            ])
        case .datacenterRanges:
            return .feeds([
                Feed(provider: "aws", url: "https://ip-ranges.amazonaws.com/ip-ranges.json", format: .awsJSON),
                Feed(provider: "gcp", url: "https://www.gstatic.com/ipranges/cloud.json", format: .googleCloudJSON),
                Feed(
                    provider: "oracle",
                    url: "https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json",
                    format: .oracleJSON
                ),
                // Not Cloudflare: its addresses carry real visitors (WARP) and front sites whose
                // operators have not listed it as a trusted proxy.
                Feed(provider: "digitalocean", url: "https://www.digitalocean.com/geo/google.csv", format: .geofeedCSV),
            ])
        }
    }

    /// Who to credit and under which terms, as `datasets status` prints it.
    static func credit(_ kind: DatasetKind) -> String {
        switch kind {
        case .geoip:
            "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0 (an imported MMDB keeps its own licence)"
        case .spamReferrers:
            "Matomo referrer-spam-list (https://github.com/matomo-org/referrer-spam-list), public domain"
        case .referrerSources:
            "Snowplow referer-parser database (https://github.com/snowplow-referer-parser/referer-parser), "
                + "based on Piwik's lists, GPL-3.0"
        case .publicSuffixes:
            "Public Suffix List (https://publicsuffix.org), MPL 2.0"
        case .datacenterRanges:
            "address ranges published by AWS, Google Cloud, Oracle Cloud and DigitalOcean"
        }
    }

    /// `url` with its scheme and host replaced by `mirror` (path kept), or `url` without a mirror.
    static func mirrored(_ url: String, mirror: String?) -> String {
        guard let mirror, !mirror.isEmpty, let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let path = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? "/"
        var base = Substring(mirror)
        while base.hasSuffix("/") { base = base.dropLast() }
        return String(base + path)
    }

    /// `YYYY-MM` one month earlier.
    static func previousMonth(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]) else { return month }
        let (previousYear, previousNumber) = number == 1 ? (year - 1, 12) : (year, number - 1)
        return "\(previousYear)-" + (previousNumber < 10 ? "0" : "") + "\(previousNumber)"
    }
}
