import Foundation
import GRDB
import PerchCore

/// Dashboard users, login sessions and shared links (`perch users`, `perch shares`, `/login`).
extension SQLiteStore: DashboardAccountStore {
    package func saveUser(email: String, passwordHash: String) async throws -> DashboardUser {
        let email = DashboardUser.canonicalEmail(email)
        let now = clock.nowSeconds()
        return try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dashboard_users (email, password_hash, created_at) VALUES (?, ?, ?)
                    ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash
                    """,
                arguments: [email, passwordHash, now])
            // A new password signs out every browser the old one signed in.
            try db.execute(
                sql: "DELETE FROM login_sessions WHERE user_id = (SELECT id FROM dashboard_users WHERE email = ?)",
                arguments: [email])
            guard let user = try Self.user(db, email: email) else {
                throw SQLiteStoreError.corruptRow(table: "dashboard_users", column: "email")
            }
            return user
        }
    }

    package func users() async throws -> [DashboardUser] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: Self.selectUser + " ORDER BY id").map(Self.user)
        }
    }

    package func user(email: String) async throws -> DashboardUser? {
        try await writer.read { db in try Self.user(db, email: DashboardUser.canonicalEmail(email)) }
    }

    package func removeUser(email: String) async throws -> Bool {
        try await writer.write { db in
            let email = DashboardUser.canonicalEmail(email)
            try db.execute(
                sql: "DELETE FROM login_sessions WHERE user_id = (SELECT id FROM dashboard_users WHERE email = ?)",
                arguments: [email])
            try db.execute(sql: "DELETE FROM dashboard_users WHERE email = ?", arguments: [email])
            return db.changesCount > 0
        }
    }

    package func createLoginSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Int64) async throws
    {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO login_sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [tokenHash, userID, csrfToken, expiresAt])
        }
    }

    package func loginSession(tokenHash: String, now: Int64) async throws -> LoginSession? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT u.id, u.email, u.password_hash, u.created_at, s.csrf_token, s.expires_at
                    FROM login_sessions s JOIN dashboard_users u ON u.id = s.user_id
                    WHERE s.token_hash = ? AND s.expires_at > ?
                    """,
                arguments: [tokenHash, now]
            ).map { row in LoginSession(user: Self.user(row), csrfToken: row[4], expiresAt: row[5]) }
        }
    }

    package func deleteLoginSession(tokenHash: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM login_sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    package func deleteExpiredLoginSessions(now: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM login_sessions WHERE expires_at <= ?", arguments: [now])
        }
    }

    package func createSharedLink(domain: String, slug: String, passwordHash: String?) async throws -> SharedLink {
        let now = clock.nowSeconds()
        return try await writer.write { db in
            guard let siteID = try Self.activeSiteID(db, domain: domain) else {
                throw SQLiteStoreError.unknownSite(domain: Site.canonicalDomain(domain))
            }
            try db.execute(
                sql: "INSERT INTO shared_links (site_id, slug, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [siteID, slug, passwordHash, now])
            return SharedLink(
                id: db.lastInsertedRowID, siteID: siteID, domain: Site.canonicalDomain(domain), slug: slug,
                passwordHash: passwordHash, createdAt: now)
        }
    }

    package func sharedLinks(domain: String?) async throws -> [SharedLink] {
        try await writer.read { db in
            if let domain {
                return try Row.fetchAll(
                    db, sql: Self.selectLink + " AND s.domain = ? ORDER BY l.id",
                    arguments: [Site.canonicalDomain(domain)]
                ).map(Self.link)
            }
            return try Row.fetchAll(db, sql: Self.selectLink + " ORDER BY l.id").map(Self.link)
        }
    }

    package func sharedLink(slug: String) async throws -> SharedLink? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: Self.selectLink + " AND l.slug = ?", arguments: [slug]).map(Self.link)
        }
    }

    package func removeSharedLink(slug: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM shared_links WHERE slug = ?", arguments: [slug])
            return db.changesCount > 0
        }
    }

    package func signingSecret() async throws -> [UInt8] {
        try await writer.read { db in
            let data = try Data.fetchOne(db, sql: "SELECT secret FROM signing_secret WHERE id = 1")
            return data.map { [UInt8]($0) } ?? []
        }
    }

    private static let selectUser = "SELECT id, email, password_hash, created_at FROM dashboard_users"
    private static let selectLink = """
        SELECT l.id, l.site_id, s.domain, l.slug, l.password_hash, l.created_at
        FROM shared_links l JOIN sites s ON s.id = l.site_id WHERE s.removed_at IS NULL
        """

    private static func user(_ db: Database, email: String) throws -> DashboardUser? {
        try Row.fetchOne(db, sql: selectUser + " WHERE email = ?", arguments: [email]).map(user)
    }

    private static func user(_ row: Row) -> DashboardUser {
        DashboardUser(id: row[0], email: row[1], passwordHash: row[2], createdAt: row[3])
    }

    private static func link(_ row: Row) -> SharedLink {
        SharedLink(id: row[0], siteID: row[1], domain: row[2], slug: row[3], passwordHash: row[4], createdAt: row[5])
    }
}
