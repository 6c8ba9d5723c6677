import HTTPTypes
import Hummingbird

/// Plausible's CORS behaviour (cors_plug defaults, spec §1.1): every response allows any origin, and
/// any `OPTIONS` request is answered 204 before routing.
package struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.method == .options {
            var response = Response(status: .noContent)
            CORSHeaders.addCommon(to: &response.headers)
            response.headers[.accessControlMaxAge] = "1728000"
            response.headers[.accessControlAllowHeaders] = CORSHeaders.allowHeaders
            response.headers[.accessControlAllowMethods] = "GET,POST,PUT,PATCH,DELETE,OPTIONS"
            return response
        }
        var response = try await next(request, context)
        CORSHeaders.addCommon(to: &response.headers)
        return response
    }
}

/// The constant header values of cors_plug's defaults.
enum CORSHeaders {
    /// The headers every response carries.
    static func addCommon(to headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = "*"
        headers[.accessControlAllowCredentials] = "true"
        headers[.accessControlExposeHeaders] = ""
    }

    static let allowHeaders =
        "Authorization,Content-Type,Accept,Origin,User-Agent,DNT,Cache-Control,X-Mx-ReqToken,Keep-Alive,"
        + "X-Requested-With,If-Modified-Since,X-CSRF-Token"
}
