/// Someone who may sign in to the dashboard (`perch users add`). Every user sees every site:
/// Perch is run by one team for its own sites.
package struct DashboardUser: Sendable, Hashable {
    package var id: Int64
    /// Lower-cased, trimmed.
    package var email: String
    /// A `PasswordHash` string (scrypt parameters, salt and key), never the password.
    package var passwordHash: String
    package var createdAt: Int64

    package init(id: Int64, email: String, passwordHash: String, createdAt: Int64) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// The form an address is stored and looked up in.
    package static func canonicalEmail(_ text: String) -> String {
        text.trimmingASCIIWhitespace().lowercased()
    }
}
