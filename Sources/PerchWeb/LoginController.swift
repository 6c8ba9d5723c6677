import Hummingbird
import PerchCore

/// `GET /login` (the form), `POST /login` (email and password; sets the session cookie) and
/// `POST /logout`. The form carries a double-submit CSRF token (cookie + hidden field); failed
/// sign-ins are throttled per client address and per e-mail address.
struct LoginController: Sendable {
    static let maxFormBytes = 16_384
    let web: DashboardWeb

    func addRoutes<Context: RequestContext & RemoteAddressRequestContext>(to router: Router<Context>) {
        router.get("/login") { request, _ in
            try await loginPage(request, next: request.uri.queryParameters.get("next"))
        }
        router.post("/login") { request, context in
            try await login(request, client: context.remoteAddress?.ipAddress ?? "unknown")
        }
        router.post("/logout") { request, _ in
            try await logout(request)
        }
    }

    private func loginPage(
        _ request: Request, next: String?, status: HTTPResponse.Status = .ok, error: String = "", email: String = ""
    ) async throws -> Response {
        if status == .ok, try await web.auth.session(request) != nil {
            return WebResponse.redirect(to: Self.safeNext(next))
        }
        let token = request.cookies[WebAuth.loginCSRFCookie]?.value
        let csrf = token.flatMap { SecretToken.isWellFormed($0) ? $0 : nil } ?? SecretToken.random()
        var response = web.page(
            "login.html", status: status,
            values: [
                "title": "Sign in · Perch", "csrf": csrf, "error": error, "email": email, "next": Self.safeNext(next),
            ])
        response.setCookie(WebAuth.cookie(WebAuth.loginCSRFCookie, csrf, maxAge: 3600, request: request))
        return response
    }

    private func login(_ request: Request, client: String) async throws -> Response {
        let form = FormBody(String(buffer: try await request.body.collect(upTo: Self.maxFormBytes)))
        let email = DashboardUser.canonicalEmail(form["email"] ?? "")
        let next = form["next"]
        guard let cookie = request.cookies[WebAuth.loginCSRFCookie]?.value, let field = form["_csrf"],
            SecretToken.isWellFormed(cookie), ConstantTime.equal(cookie, field)
        else {
            return try await loginPage(
                request, next: next, status: .forbidden, error: "The form expired. Please sign in again.", email: email)
        }
        let keys = ["ip:" + client, "email:" + email]
        guard web.throttle.allows(keys) else {
            let wait = web.throttle.retryAfter(keys)
            var response = try await loginPage(
                request, next: next, status: .tooManyRequests,
                error: "Too many failed sign-ins. Try again in \(max(wait, 1)) seconds.", email: email)
            response.headers[.retryAfter] = String(max(wait, 1))
            return response
        }
        let password = form["password"] ?? ""
        let user = try await web.accounts.user(email: email)
        // An unknown address costs a hash too, so the answer's timing does not tell who has an account.
        let matches = await PasswordHash.verifyOffPool(
            password, against: user?.passwordHash ?? PasswordHash.unmatchable)
        guard password.utf8.count <= PasswordHash.maxPasswordBytes, let user, matches
        else {
            web.throttle.recordFailure(keys)
            web.logger.notice("web.login.failed", metadata: ["client": "\(client)"])
            return try await loginPage(
                request, next: next, status: .unauthorized, error: "Wrong e-mail address or password.", email: email)
        }
        var response = WebResponse.redirect(to: Self.safeNext(next))
        response.setCookie(try await web.auth.signIn(user, request: request))
        response.setCookie(WebAuth.cookie(WebAuth.loginCSRFCookie, "", maxAge: 0, request: request))
        return response
    }

    private func logout(_ request: Request) async throws -> Response {
        let form = FormBody(String(buffer: try await request.body.collect(upTo: Self.maxFormBytes)))
        guard let session = try await web.auth.session(request) else { return WebResponse.redirect(to: "/login") }
        guard let field = form["_csrf"], ConstantTime.equal(field, session.csrfToken) else {
            return WebResponse.text(status: .forbidden, "Invalid CSRF token")
        }
        var response = WebResponse.redirect(to: "/login")
        response.setCookie(try await web.auth.signOut(request))
        return response
    }

    /// A local path to go to after signing in; anything else (another host, `//host`) is `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
            !next.contains(where: { $0.isNewline }), next.utf8.count < 2048
        else { return "/" }
        return next
    }
}
