import AsyncHTTPClient
import Hummingbird
import PerchEnrich

/// Fetches upstream files; nil means the URL does not exist (HTTP 404), which the caller may
/// answer by trying a fallback.
protocol DatasetFetching: Sendable {
    func fetch(_ url: String) async throws(DatasetError) -> DatasetDownload?
}

/// A fetched file.
struct DatasetDownload: Sendable {
    let bytes: [UInt8]
    /// The `Last-Modified` header, when the server sent one.
    let lastModified: String?
}

/// Fetches with AsyncHTTPClient (redirects followed), refusing answers over `maxBytes`.
struct HTTPDatasetFetcher: DatasetFetching {
    var client: HTTPClient = .shared
    var maxBytes = 1 << 30
    var timeoutSeconds: Int64 = 300

    func fetch(_ url: String) async throws(DatasetError) -> DatasetDownload? {
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: "perch-datasets")
            let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            if response.status == .notFound { return nil }
            guard response.status == .ok else {
                throw DatasetError("\(url) answered HTTP \(response.status.code)")
            }
            let body = try await response.body.collect(upTo: maxBytes)
            return DatasetDownload(
                bytes: Array(buffer: body),
                lastModified: response.headers.first(name: "Last-Modified")
            )
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError("cannot download \(url): \(error)")
        }
    }
}
