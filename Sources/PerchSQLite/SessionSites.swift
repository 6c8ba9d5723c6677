/// The sites that have sessions, as a common table expression `session_sites(id)` to put before a
/// query that reads `sessions_site_timestamp` site by site: a loose index scan, one seek per site
/// (the next `site_id` after the last one), not a read of every session.
///
/// Its last row is NULL (no site after the last one), which no equality matches.
enum SessionSites {
    static let commonTableExpression = """
        WITH RECURSIVE session_sites(id) AS (
            SELECT min(site_id) FROM sessions
            UNION ALL
            SELECT (SELECT min(site_id) FROM sessions WHERE site_id > session_sites.id)
            FROM session_sites WHERE session_sites.id IS NOT NULL
        )
        """
}
