import Glibc
import PerchCore

/// Dashboard users, signed-in browsers, shared links and the signing secret in the tables of
/// migration 3, versioned like the other configuration rows. A login session remembers the
/// version of its user's row: a new password or a removal writes a newer user row, which signs
/// out every browser at once without deleting anything.
extension ClickHouseStore: DashboardAccountStore {
    struct UserRow {
        var user: DashboardUser
        var removed: Bool
        var version: UInt64
    }

    package func saveUser(email: String, passwordHash: String) async throws -> DashboardUser {
        try await BlockingWork.run { [self] in
            try saveUserBlocking(email: email, passwordHash: passwordHash)
        }
    }

    package func users() async throws -> [DashboardUser] {
        try await BlockingWork.run { [self] in
            try userRows(where: nil).filter { !$0.removed }.map(\.user)
        }
    }

    package func user(email: String) async throws -> DashboardUser? {
        try await BlockingWork.run { [self] in try activeUser(email: email)?.user }
    }

    package func removeUser(email: String) async throws -> Bool {
        try await BlockingWork.run { [self] in
            guard var row = try activeUser(email: email) else { return false }
            row.removed = true
            try insert(row)
            return true
        }
    }

    package func createLoginSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Int64) async throws
    {
        try await BlockingWork.run { [self] in
            // A user that is gone by now gets a session that never validates (version 0).
            let user = try userRows(where: "id = \(userID)").first { !$0.removed }
            try insertLoginSession(
                tokenHash: tokenHash, userID: userID, userVersion: user?.version ?? 0, csrfToken: csrfToken,
                expiresAt: expiresAt, deleted: false)
        }
    }

    package func loginSession(tokenHash: String, now: Int64) async throws -> LoginSession? {
        try await BlockingWork.run { [self] () throws -> LoginSession? in
            guard let session = try newestLoginSession(tokenHash: tokenHash), !session.deleted,
                session.expiresAt > now,
                let user = try userRows(where: "id = \(session.userID)").first,
                !user.removed, user.version == session.userVersion
            else { return nil }
            return LoginSession(user: user.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt)
        }
    }

    package func deleteLoginSession(tokenHash: String) async throws {
        try await BlockingWork.run { [self] in
            guard let session = try newestLoginSession(tokenHash: tokenHash), !session.deleted else { return }
            try insertLoginSession(
                tokenHash: tokenHash, userID: session.userID, userVersion: session.userVersion,
                csrfToken: session.csrfToken, expiresAt: session.expiresAt, deleted: true)
        }
    }

    /// Drops the days of sessions that expired before today's (a partition per day, nothing
    /// rewritten); sessions that expired earlier today stay until tomorrow's call, unread anyway.
    package func deleteExpiredLoginSessions(now: Int64) async throws {
        try await BlockingWork.run { [self] in
            try dropDays(of: "login_sessions", before: now)
        }
    }

    package func createSharedLink(domain: String, slug: String, passwordHash: String?) async throws -> SharedLink {
        try await BlockingWork.run { [self] () throws -> SharedLink in
            let site = try activeSiteRow(domain: domain).site
            let link = SharedLink(
                id: Self.stableID("link:" + slug), siteID: site.id, domain: site.domain, slug: slug,
                passwordHash: passwordHash, createdAt: clock.nowSeconds())
            try insert(link, removed: false)
            return link
        }
    }

    package func sharedLinks(domain: String?) async throws -> [SharedLink] {
        try await BlockingWork.run { [self] in
            try activeLinks(where: nil).filter { link in domain.map { link.domain == Site.canonicalDomain($0) } ?? true
            }
        }
    }

    package func sharedLink(slug: String) async throws -> SharedLink? {
        try await BlockingWork.run { [self] in
            try activeLinks(where: "id = \(Self.stableID("link:" + slug))").first { $0.slug == slug }
        }
    }

    package func removeSharedLink(slug: String) async throws -> Bool {
        try await BlockingWork.run { [self] in
            guard
                let link = try activeLinks(where: "id = \(Self.stableID("link:" + slug))").first(where: {
                    $0.slug == slug
                })
            else { return false }
            try insert(link, removed: true)
            return true
        }
    }

    /// The smallest stored secret. The first call on a new database stores one, then waits a
    /// second before reading back the smallest: a node that found none at the same time has
    /// stored its own within that second (an insert takes milliseconds), so both read the same.
    package func signingSecret() async throws -> [UInt8] {
        try await BlockingWork.run { [self] in
            if let secret = try storedSigningSecret() { return secret }
            var random = SystemRandomNumberGenerator()
            var row = JSONEachRowWriter()
            row.beginRow()
            row.field("secret", Self.hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }))
            row.field("created_at", clock.nowSeconds())
            row.endRow()
            try client.insertBlocking(into: "signing_secret", columns: ["secret", "created_at"], rows: row)
            usleep(1_000_000)
            guard let secret = try storedSigningSecret() else {
                throw ClickHouseError.unexpectedResponse("the signing secret just stored is not there")
            }
            return secret
        }
    }

    // MARK: - rows

    private func saveUserBlocking(email: String, passwordHash: String) throws(ClickHouseError) -> DashboardUser {
        let canonical = DashboardUser.canonicalEmail(email)
        let id = Self.stableID("user:" + canonical)
        let existing = try userRows(where: "id = \(id)").first { !$0.removed }
        let user = DashboardUser(
            id: id, email: canonical, passwordHash: passwordHash,
            createdAt: existing?.user.createdAt ?? clock.nowSeconds())
        // The newer row signs out every browser the old one signed in.
        try insert(UserRow(user: user, removed: false, version: 0))
        return user
    }

    private func activeUser(email: String) throws(ClickHouseError) -> UserRow? {
        let canonical = DashboardUser.canonicalEmail(email)
        return try userRows(where: "id = \(Self.stableID("user:" + canonical))").first {
            !$0.removed && $0.user.email == canonical
        }
    }

    /// The newest row of each user (`condition` narrows them), in the order they were created.
    func userRows(where condition: String?) throws(ClickHouseError) -> [UserRow] {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        let result = try client.queryBlocking(
            """
            SELECT id, email, password_hash, toUnixTimestamp(created_at), removed, version FROM dashboard_users\(filter)
            ORDER BY id, version DESC LIMIT 1 BY id
            """)
        var rows: [UserRow] = []
        for row in result.rows {
            let user = DashboardUser(
                id: try row[0].int64(), email: try row[1].string(), passwordHash: try row[2].string(),
                createdAt: try row[3].int64())
            rows.append(UserRow(user: user, removed: try row[4].int64() != 0, version: try row[5].uint64()))
        }
        return rows.sorted { ($0.user.createdAt, $0.user.email) < ($1.user.createdAt, $1.user.email) }
    }

    private func insert(_ row: UserRow) throws(ClickHouseError) {
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("id", row.user.id)
        writer.field("email", row.user.email)
        writer.field("password_hash", row.user.passwordHash)
        writer.field("created_at", row.user.createdAt)
        writer.field("removed", row.removed)
        writer.field("version", try nextVersion(of: "dashboard_users", key: "id = \(row.user.id)"))
        writer.endRow()
        try client.insertBlocking(
            into: "dashboard_users", columns: ["id", "email", "password_hash", "created_at", "removed", "version"],
            rows: writer)
    }

    private struct LoginSessionRow {
        var userID: Int64
        var userVersion: UInt64
        var csrfToken: String
        var expiresAt: Int64
        var deleted: Bool
    }

    private func newestLoginSession(tokenHash: String) throws(ClickHouseError) -> LoginSessionRow? {
        let result = try client.queryBlocking(
            """
            SELECT user_id, user_version, csrf_token, toUnixTimestamp(expires_at), deleted FROM login_sessions
            WHERE token_hash = \(ClickHouseSQL.literal(tokenHash)) ORDER BY version DESC LIMIT 1
            """)
        guard let row = result.rows.first else { return nil }
        return LoginSessionRow(
            userID: try row[0].int64(), userVersion: try row[1].uint64(), csrfToken: try row[2].string(),
            expiresAt: try row[3].int64(), deleted: try row[4].int64() != 0)
    }

    private func insertLoginSession(
        tokenHash: String, userID: Int64, userVersion: UInt64, csrfToken: String, expiresAt: Int64, deleted: Bool
    ) throws(ClickHouseError) {
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("token_hash", tokenHash)
        writer.field("user_id", userID)
        writer.field("user_version", userVersion)
        writer.field("csrf_token", csrfToken)
        writer.field("expires_at", expiresAt)
        writer.field("deleted", deleted)
        writer.field(
            "version", try nextVersion(of: "login_sessions", key: "token_hash = \(ClickHouseSQL.literal(tokenHash))"))
        writer.endRow()
        try client.insertBlocking(
            into: "login_sessions",
            columns: ["token_hash", "user_id", "user_version", "csrf_token", "expires_at", "deleted", "version"],
            rows: writer)
    }

    /// Links not removed, of active sites, in the order they were created.
    private func activeLinks(where condition: String?) throws(ClickHouseError) -> [SharedLink] {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        let result = try client.queryBlocking(
            """
            SELECT id, site_id, slug, password_hash, toUnixTimestamp(created_at), removed FROM shared_links\(filter)
            ORDER BY id, version DESC LIMIT 1 BY id
            """)
        guard !result.rows.isEmpty else { return [] }
        var domains: [Int64: String] = [:]
        for row in try siteRows(where: nil) where !row.removed { domains[row.site.id] = row.site.domain }
        var links: [SharedLink] = []
        for row in result.rows where try row[5].int64() == 0 {
            let siteID = try row[1].int64()
            guard let domain = domains[siteID] else { continue }
            let passwordHash: String? = if case .string(let hash) = row[3] { hash } else { nil }
            links.append(
                SharedLink(
                    id: try row[0].int64(), siteID: siteID, domain: domain, slug: try row[2].string(),
                    passwordHash: passwordHash, createdAt: try row[4].int64()))
        }
        return links.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    private func insert(_ link: SharedLink, removed: Bool) throws(ClickHouseError) {
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("id", link.id)
        writer.field("site_id", link.siteID)
        writer.field("slug", link.slug)
        writer.field("password_hash", nullable: link.passwordHash)
        writer.field("created_at", link.createdAt)
        writer.field("removed", removed)
        writer.field("version", try nextVersion(of: "shared_links", key: "id = \(link.id)"))
        writer.endRow()
        try client.insertBlocking(
            into: "shared_links",
            columns: ["id", "site_id", "slug", "password_hash", "created_at", "removed", "version"], rows: writer)
    }

    private func storedSigningSecret() throws(ClickHouseError) -> [UInt8]? {
        let result = try client.queryBlocking("SELECT secret FROM signing_secret ORDER BY secret LIMIT 1")
        guard let row = result.rows.first else { return nil }
        guard let bytes = Self.bytes(hex: try row[0].string()), bytes.count == 32 else {
            throw .unexpectedResponse("a stored signing secret that is not 64 hex digits")
        }
        return bytes
    }
}
