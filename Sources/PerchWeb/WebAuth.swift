import Foundation
import HTTPTypes
import Hummingbird
import PerchCore
import Synchronization

/// Who is looking at a dashboard page or asking its data API.
enum Viewer: Sendable {
    /// A signed-in user: every site, read and write.
    case user(LoginSession)
    /// A shared link's visitor: one site, read only.
    case share(SharedLink)

    /// The token this viewer's requests must echo (header `X-Perch-CSRF` or form field `_csrf`).
    func csrfToken(secret: [UInt8]) -> String {
        switch self {
        case .user(let session): session.csrfToken
        case .share(let link): SecretToken.signature("share-csrf:" + link.slug, secret: secret)
        }
    }
}

/// Cookies and tokens of the web side. The session cookie holds a random token whose SHA-256 the
/// store keeps; a shared link's password, once given, is remembered by a cookie signed with the
/// store's secret over the link and its password hash (a new password locks old cookies out).
struct WebAuth: Sendable {
    static let sessionCookie = "perch_session"
    /// Double-submit token of the login form, before anyone is signed in.
    static let loginCSRFCookie = "perch_login_csrf"
    static let sessionSeconds: Int64 = 30 * 86_400
    static let csrfHeader = HTTPField.Name("X-Perch-CSRF")!

    let accounts: any DashboardAccountStore
    let clock: any WallClock
    private let secretCache = SigningSecretCache()

    init(accounts: any DashboardAccountStore, clock: any WallClock) {
        self.accounts = accounts
        self.clock = clock
    }

    func secret() async throws -> [UInt8] {
        if let secret = secretCache.value { return secret }
        let secret = try await accounts.signingSecret()
        secretCache.value = secret
        return secret
    }

    /// The signed-in session of the request's cookie, if any and still valid.
    func session(_ request: Request) async throws -> LoginSession? {
        guard let token = request.cookies[Self.sessionCookie]?.value, SecretToken.isWellFormed(token) else {
            return nil
        }
        return try await accounts.loginSession(tokenHash: SHA256Text.hex(token), now: clock.nowSeconds())
    }

    /// Signs `user` in: stores a new session and returns the cookie that carries it.
    func signIn(_ user: DashboardUser, request: Request) async throws -> Cookie {
        let token = SecretToken.random()
        try await accounts.createLoginSession(
            tokenHash: SHA256Text.hex(token), userID: user.id, csrfToken: SecretToken.random(),
            expiresAt: clock.nowSeconds() + Self.sessionSeconds)
        try? await accounts.deleteExpiredLoginSessions(now: clock.nowSeconds())
        return Self.cookie(Self.sessionCookie, token, maxAge: Int(Self.sessionSeconds), request: request)
    }

    func signOut(_ request: Request) async throws -> Cookie {
        if let token = request.cookies[Self.sessionCookie]?.value, SecretToken.isWellFormed(token) {
            try await accounts.deleteLoginSession(tokenHash: SHA256Text.hex(token))
        }
        return Self.cookie(Self.sessionCookie, "", maxAge: 0, request: request)
    }

    /// The shared link `slug` names for `domain`, if it exists.
    func sharedLink(slug: String?, domain: String) async throws -> SharedLink? {
        guard let slug, SecretToken.isWellFormed(slug), let link = try await accounts.sharedLink(slug: slug),
            link.domain == Site.canonicalDomain(domain)
        else { return nil }
        return link
    }

    /// Whether this browser may see the link's dashboard: no password, or it was given before.
    func isUnlocked(_ link: SharedLink, request: Request) async throws -> Bool {
        guard let hash = link.passwordHash else { return true }
        guard let value = request.cookies[Self.shareCookie(link)]?.value else { return false }
        return ConstantTime.equal(
            value, SecretToken.signature("share-unlock:\(link.slug):\(hash)", secret: try await secret()))
    }

    func unlockCookie(_ link: SharedLink, request: Request) async throws -> Cookie {
        let value = SecretToken.signature(
            "share-unlock:\(link.slug):\(link.passwordHash ?? "")", secret: try await secret())
        return Self.cookie(Self.shareCookie(link), value, maxAge: Int(Self.sessionSeconds), request: request)
    }

    static func shareCookie(_ link: SharedLink) -> String { "perch_share_\(link.id)" }

    /// HttpOnly, SameSite=Lax, and Secure when the request came over TLS (as a proxy in front of
    /// Perch says with `X-Forwarded-Proto` or `Forwarded: proto=https`).
    static func cookie(_ name: String, _ value: String, maxAge: Int, request: Request) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: isSecure(request), httpOnly: true,
            sameSite: .lax)
    }

    static func isSecure(_ request: Request) -> Bool {
        if let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!], proto.lowercased() == "https" {
            return true
        }
        if let forwarded = request.headers[HTTPField.Name("Forwarded")!],
            forwarded.lowercased().contains("proto=https")
        {
            return true
        }
        return request.uri.scheme == .https
    }
}

/// The store's signing secret, read once.
final class SigningSecretCache: Sendable {
    private let stored = Mutex<[UInt8]?>(nil)

    var value: [UInt8]? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
