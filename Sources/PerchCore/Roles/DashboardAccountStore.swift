/// Keeps the dashboard's users, their signed-in sessions and the sites' shared links.
package protocol DashboardAccountStore: Sendable {
    /// Adds a user, or sets the password of the user with that address; the stored user.
    func saveUser(email: String, passwordHash: String) async throws -> DashboardUser
    func users() async throws -> [DashboardUser]
    func user(email: String) async throws -> DashboardUser?
    /// Removes the user and signs out all their sessions; false when there was none.
    func removeUser(email: String) async throws -> Bool

    func createLoginSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Int64) async throws
    /// The session whose token hashes to `tokenHash`, if it has not expired at `now`.
    func loginSession(tokenHash: String, now: Int64) async throws -> LoginSession?
    func deleteLoginSession(tokenHash: String) async throws
    /// Deletes sessions that expired before `now`.
    func deleteExpiredLoginSessions(now: Int64) async throws

    /// A new link to the active site `domain`.
    func createSharedLink(domain: String, slug: String, passwordHash: String?) async throws -> SharedLink
    /// Links of active sites, of one domain or all.
    func sharedLinks(domain: String?) async throws -> [SharedLink]
    func sharedLink(slug: String) async throws -> SharedLink?
    func removeSharedLink(slug: String) async throws -> Bool

    /// A random key kept by the store (created once), for values the server signs.
    func signingSecret() async throws -> [UInt8]
}
