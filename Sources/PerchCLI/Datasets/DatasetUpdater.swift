import PerchCore
import PerchEnrich

/// Fetches a kind from its upstream (or a mirror of it), verifies it and installs it.
struct DatasetUpdater: Sendable {
    let directory: DatasetDirectory
    let fetcher: any DatasetFetching
    /// Replaces every upstream's scheme and host, keeping the path (tests, air-gapped sites).
    let mirror: String?

    func update(_ kind: DatasetKind) async throws(DatasetError) -> DatasetManifest {
        guard directory.catalog.contentType(for: kind) != nil else {
            throw DatasetError("this build of perch cannot verify \(kind.rawValue) data sets yet")
        }
        switch DatasetUpstream.of(kind, unixSeconds: directory.clock.nowSeconds()) {
        case .file(let candidates):
            return try await updateFile(kind, candidates)
        case .feeds(let feeds):
            return try await updateFeeds(kind, feeds)
        }
    }

    private func updateFile(
        _ kind: DatasetKind,
        _ candidates: [DatasetUpstream.Candidate]
    ) async throws(DatasetError) -> DatasetManifest {
        var tried: [String] = []
        for candidate in candidates {
            let url = DatasetUpstream.mirrored(candidate.url, mirror: mirror)
            tried.append(url)
            guard let download = try await fetcher.fetch(url) else { continue }
            var bytes = download.bytes
            if GzipData.isGzip(bytes) { bytes = try GzipData.gunzip(bytes, source: url) }
            return try directory.install(
                kind,
                contents: bytes,
                origin: url,
                upstreamDate: candidate.upstreamDate ?? download.lastModified
            )
        }
        throw DatasetError("not found (HTTP 404): \(tried.joined(separator: ", "))")
    }

    /// Every feed must arrive and convert: a table missing one provider would let its traffic in.
    private func updateFeeds(
        _ kind: DatasetKind,
        _ feeds: [DatasetUpstream.Feed]
    ) async throws(DatasetError) -> DatasetManifest {
        var blocks: [CIDRBlock] = []
        var header = [
            "Perch datacenter ranges, merged by `perch datasets update` on "
                + ISO8601UTC.text(unixSeconds: directory.clock.nowSeconds())
        ]
        var origins: [String] = []
        for feed in feeds {
            let url = DatasetUpstream.mirrored(feed.url, mirror: mirror)
            guard let download = try await fetcher.fetch(url) else {
                throw DatasetError("\(feed.provider) feed not found (HTTP 404): \(url)")
            }
            var bytes = download.bytes
            if GzipData.isGzip(bytes) { bytes = try GzipData.gunzip(bytes, source: url) }
            let extract = try feed.format.extract(bytes, source: "\(feed.provider) feed \(url)")
            blocks += extract.blocks
            let date = extract.upstreamDate ?? download.lastModified
            header.append(
                "source: \(feed.provider) \(url), \(extract.blocks.count) blocks" + (date.map { ", dated \($0)" } ?? "")
            )
            origins.append(url)
        }
        let text = IPRangeTable(blocks: blocks).canonicalText(header: header)
        return try directory.install(
            kind,
            contents: Array(text.utf8),
            origin: origins.joined(separator: " "),
            upstreamDate: nil
        )
    }
}
