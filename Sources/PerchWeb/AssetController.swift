import Foundation
import HTTPTypes
import Hummingbird

/// Static files: `/assets/NAME` for the dashboard, and the tracker under every name Plausible's
/// snippets use (`/js/script.js`, `/js/plausible.js`, `/js/script.hash.outbound-links.js`, …;
/// the script reads its own file name to turn extensions on). Conditional GETs answer 304.
struct AssetController: Sendable {
    static let trackerAsset = "tracker.js"
    let assets: WebAssets

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/assets/:name") { request, context in
            guard let name = context.parameters.get("name"),
                let asset = assets.asset(named: name)
            else { return WebResponse.text(status: .notFound, "Not found") }
            return Self.serve(asset, request: request, cacheControl: "no-cache")
        }
        router.get("/js/:file") { request, context in
            guard let file = context.parameters.get("file"), Self.isTrackerName(file),
                let asset = assets.asset(named: Self.trackerAsset)
            else { return WebResponse.text(status: .notFound, "Not found") }
            var response = Self.serve(asset, request: request, cacheControl: "public, max-age=86400, must-revalidate")
            // Sites load the tracker from another origin.
            response.headers[.accessControlAllowOrigin] = "*"
            response.headers[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "cross-origin"
            return response
        }
        router.get("/favicon.ico") { request, _ in
            guard let asset = assets.asset(named: "favicon.svg") else {
                return WebResponse.text(status: .notFound, "Not found")
            }
            return Self.serve(asset, request: request, cacheControl: "public, max-age=86400")
        }
    }

    /// `script.js`, `plausible.js`, `perch.js` and `script.<ext>.<ext>….js` with extensions made of
    /// lower-case letters and dashes (Plausible's legacy variants, in any order).
    static func isTrackerName(_ file: String) -> Bool {
        guard file.hasSuffix(".js") else { return false }
        let parts = file.dropLast(3).split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, ["script", "plausible", "perch"].contains(first), parts.count <= 16 else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "-") }
        }
    }

    static func serve(_ asset: WebAsset, request: Request, cacheControl: String) -> Response {
        var headers: HTTPFields = [
            .contentType: asset.contentType, .eTag: asset.etag, .cacheControl: cacheControl,
            .xContentTypeOptions: "nosniff",
        ]
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == asset.etag
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(asset.body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}
