/// Migration 3 (frozen once shipped): the dashboard's accounts, so a ClickHouse deployment needs
/// no second database for them. Versioned like migration 2's tables: a change is a new row with a
/// higher `version`, readers take the newest row per key.
extension ClickHouseSchema {
    /// A user's id is a hash of the address; `removed` hides the user.
    static let v3Users = ClickHouseTable(
        name: "dashboard_users",
        columns: [
            .init("id", "Int64"),
            .init("email", "String"),
            .init("password_hash", "String"),
            .init("created_at", "DateTime"),
            .init("removed", "UInt8"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) ORDER BY id"
    )

    /// A signed-in browser. `user_version` is the user's row version when it signed in: a newer
    /// user row (a new password, a removal) signs it out without touching this table. Partitioned
    /// by the day it expires, so expired days are dropped whole.
    static let v3LoginSessions = ClickHouseTable(
        name: "login_sessions",
        columns: [
            .init("token_hash", "String"),
            .init("user_id", "Int64"),
            .init("user_version", "UInt64"),
            .init("csrf_token", "String"),
            .init("expires_at", "DateTime"),
            .init("deleted", "UInt8"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) PARTITION BY toYYYYMMDD(expires_at) ORDER BY token_hash"
    )

    /// A read-only link to a site; its id is a hash of the slug.
    static let v3SharedLinks = ClickHouseTable(
        name: "shared_links",
        columns: [
            .init("id", "Int64"),
            .init("site_id", "Int64"),
            .init("slug", "String"),
            .init("password_hash", "Nullable(String)"),
            .init("created_at", "DateTime"),
            .init("removed", "UInt8"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) ORDER BY id"
    )

    /// The key the server signs values with, hex. Two nodes creating it at once both insert;
    /// every reader takes the smallest, so all agree (as with salts).
    static let v3SigningSecret = ClickHouseTable(
        name: "signing_secret",
        columns: [.init("secret", "String"), .init("created_at", "DateTime")],
        engine: "ReplacingMergeTree ORDER BY secret"
    )
}
