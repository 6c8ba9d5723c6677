import Foundation
import PerchCore

/// The formats cloud and hosting providers publish their address ranges in, each converted to
/// CIDR blocks by a pure function; `perch datasets update` merges them into one
/// `IPRangeTable` file. Not on a hot path, so Foundation's JSON decoder is fine here.
package enum DatacenterFeed: String, Sendable, CaseIterable {
    /// AWS `ip-ranges.json`: `prefixes[].ip_prefix`, `ipv6_prefixes[].ipv6_prefix`, `createDate`.
    case awsJSON = "aws-json"
    /// Google Cloud `cloud.json`: `prefixes[].ipv4Prefix` or `.ipv6Prefix`, `creationTime`.
    case googleCloudJSON = "gcp-json"
    /// Oracle Cloud `public_ip_ranges.json`: `regions[].cidrs[].cidr`, `last_updated_timestamp`.
    case oracleJSON = "oracle-json"
    /// An RFC 8805 geofeed (DigitalOcean `google.csv`, Linode, Hetzner): the prefix is the first
    /// column; `#` lines are comments.
    case geofeedCSV = "geofeed-csv"
    /// One block per line (Cloudflare `ips-v4`, `ips-v6`); `#` comments allowed.
    case plainList = "plain-list"

    /// What a feed held: its blocks, and the date it says it was made, when it says.
    package struct Extract: Sendable {
        package let blocks: [CIDRBlock]
        package let upstreamDate: String?
    }

    /// Converts a feed; `source` names it in errors. An entry that is not a CIDR block, or a feed
    /// without any, refuses the whole feed: a broken download must not shrink the table silently.
    package func extract(_ bytes: [UInt8], source: String) throws(DatasetError) -> Extract {
        let extract: Extract
        switch self {
        case .awsJSON:
            let feed = try Self.decode(AWSFeed.self, bytes, source)
            let texts = (feed.prefixes ?? []).map(\.cidr) + (feed.ipv6Prefixes ?? []).map(\.cidr)
            extract = Extract(blocks: try Self.blocks(texts, source), upstreamDate: feed.createDate)
        case .googleCloudJSON:
            let feed = try Self.decode(GoogleFeed.self, bytes, source)
            let texts = (feed.prefixes ?? []).compactMap { $0.ipv4Prefix ?? $0.ipv6Prefix }
            extract = Extract(blocks: try Self.blocks(texts, source), upstreamDate: feed.creationTime)
        case .oracleJSON:
            let feed = try Self.decode(OracleFeed.self, bytes, source)
            let texts = (feed.regions ?? []).flatMap { ($0.cidrs ?? []).map(\.cidr) }
            extract = Extract(blocks: try Self.blocks(texts, source), upstreamDate: feed.lastUpdated)
        case .geofeedCSV, .plainList:
            extract = Extract(blocks: try lineBlocks(bytes, source), upstreamDate: nil)
        }
        guard !extract.blocks.isEmpty else { throw DatasetError("\(source) lists no address ranges") }
        return extract
    }

    private func lineBlocks(_ bytes: [UInt8], _ source: String) throws(DatasetError) -> [CIDRBlock] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError("\(source) is not UTF-8 text")
        }
        var blocks: [CIDRBlock] = []
        var lineNumber = 0
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            if self == .geofeedCSV, let comma = line.firstIndex(of: ",") { line = line[..<comma] }
            let entry = line.trimmingASCIIWhitespace()
            if entry.isEmpty { continue }
            guard let block = CIDRBlock.clearingHostBits(entry) else {
                throw DatasetError("\(source) line \(lineNumber): '\(entry.prefix(60))' is not a CIDR block")
            }
            blocks.append(block)
        }
        return blocks
    }

    private static func blocks(_ texts: [String], _ source: String) throws(DatasetError) -> [CIDRBlock] {
        var blocks: [CIDRBlock] = []
        blocks.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            guard let block = CIDRBlock.clearingHostBits(text.trimmingASCIIWhitespace()) else {
                throw DatasetError("\(source) entry \(index + 1): '\(text.prefix(60))' is not a CIDR block")
            }
            blocks.append(block)
        }
        return blocks
    }

    private static func decode<Feed: Decodable>(
        _ type: Feed.Type,
        _ bytes: [UInt8],
        _ source: String
    ) throws(DatasetError) -> Feed {
        do {
            return try JSONDecoder().decode(Feed.self, from: Data(bytes))
        } catch {
            throw DatasetError("\(source) is not the expected JSON (\(Self.summary(error)))")
        }
    }

    private static func summary(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted: "malformed or truncated JSON"
        case .keyNotFound(let key, _): "missing key \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "unreadable"
        }
    }
}

private struct AWSFeed: Decodable {
    struct Prefix: Decodable {
        let cidr: String
        enum CodingKeys: String, CodingKey { case cidr = "ip_prefix" }
    }
    struct IPv6Prefix: Decodable {
        let cidr: String
        enum CodingKeys: String, CodingKey { case cidr = "ipv6_prefix" }
    }
    let createDate: String?
    let prefixes: [Prefix]?
    let ipv6Prefixes: [IPv6Prefix]?
    enum CodingKeys: String, CodingKey {
        case createDate, prefixes
        case ipv6Prefixes = "ipv6_prefixes"
    }
}

private struct GoogleFeed: Decodable {
    struct Prefix: Decodable {
        let ipv4Prefix: String?
        let ipv6Prefix: String?
    }
    let creationTime: String?
    let prefixes: [Prefix]?
}

private struct OracleFeed: Decodable {
    struct Region: Decodable { let cidrs: [CIDR]? }
    struct CIDR: Decodable { let cidr: String }
    let lastUpdated: String?
    let regions: [Region]?
    enum CodingKeys: String, CodingKey {
        case regions
        case lastUpdated = "last_updated_timestamp"
    }
}
