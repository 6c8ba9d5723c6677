import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchStats
import PerchWeb

/// Small templates standing in for the real pages, so these tests check the server's side of the
/// contract (placeholders, cookies, status codes) whatever the front-end's markup is.
enum WebTestAssets {
    static let assets = WebAssets.embedded(
        Dictionary(
            uniqueKeysWithValues: [
                ("login.html", "<form>csrf={{csrf}};error={{error}};email={{email}};next={{next}}</form>"),
                ("sites.html", "<script type=\"application/json\" id=\"perch-config\">{{config}}</script>"),
                (
                    "dashboard.html",
                    "<title>{{title}}</title><script type=\"application/json\" id=\"perch-config\">{{config}}</script>"
                ),
                ("share-password.html", "csrf={{csrf}};action={{action}};error={{error}}"),
                ("not-found.html", "not found"),
                ("tracker.js", "(function(){})()\n"),
            ].map { ($0.0, WebAsset(name: $0.0, bytes: Array($0.1.utf8))) }))
}

/// A browser's cookie jar, just enough for these tests.
struct CookieJar {
    private(set) var values: [String: String] = [:]

    mutating func take(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { values[name] = nil } else { values[name] = value }
        }
    }

    var header: String { values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    subscript(name: String) -> String? { values[name] }
}

extension TestClientProtocol {
    func get(_ uri: String, jar: CookieJar, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if !jar.header.isEmpty { fields[.cookie] = jar.header }
        return try await execute(uri: uri, method: .get, headers: fields)
    }

    func post(_ uri: String, form: [(String, String)], jar: CookieJar) async throws -> TestResponse {
        var fields: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !jar.header.isEmpty { fields[.cookie] = jar.header }
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    func dashboardQuery(_ uri: String, _ body: String, jar: CookieJar, csrf: String?) async throws -> TestResponse {
        var fields: HTTPFields = [.contentType: "application/json"]
        if !jar.header.isEmpty { fields[.cookie] = jar.header }
        if let csrf { fields[HTTPField.Name("X-Perch-CSRF")!] = csrf }
        return try await execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    /// Signs in through the form as a browser would; the jar then holds the session cookie.
    func signIn(_ email: String, _ password: String, jar: inout CookieJar) async throws -> TestResponse {
        let page = try await get("/login", jar: jar)
        jar.take(page)
        let response = try await post(
            "/login", form: [("email", email), ("password", password), ("_csrf", jar["perch_login_csrf"] ?? "")],
            jar: jar)
        jar.take(response)
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension TestResponse {
    /// The page's JSON configuration (`<script … id="perch-config">`).
    var pageConfig: JSONValue? {
        let text = String(buffer: body)
        guard let start = text.range(of: "id=\"perch-config\">"),
            let end = text.range(of: "</script>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return try? JSONReader.parse(Array(text[start.upperBound..<end.lowerBound].utf8))
    }

    var location: String? { headers[.location] }
}
