/// A read-only link to one site's dashboard (`perch shares create`): `/share/DOMAIN?auth=SLUG`,
/// optionally behind a password.
package struct SharedLink: Sendable, Hashable {
    package var id: Int64
    package var siteID: Int64
    package var domain: String
    /// The secret part of the link: 128 random bits, base64url.
    package var slug: String
    /// A `PasswordHash` string when the link asks for a password.
    package var passwordHash: String?
    package var createdAt: Int64

    package init(id: Int64, siteID: Int64, domain: String, slug: String, passwordHash: String?, createdAt: Int64) {
        self.id = id
        self.siteID = siteID
        self.domain = domain
        self.slug = slug
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// The path a browser opens.
    package var path: String { "/share/\(domain)?auth=\(slug)" }
}
