/// A signed-in browser: the cookie holds a random token, the store only its SHA-256.
package struct LoginSession: Sendable, Hashable {
    package var user: DashboardUser
    /// The token every state-changing request of this session must echo (form field or header).
    package var csrfToken: String
    package var expiresAt: Int64

    package init(user: DashboardUser, csrfToken: String, expiresAt: Int64) {
        self.user = user
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
