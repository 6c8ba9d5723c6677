/// Migration `v4-clustered` (frozen once shipped): `events` and `sessions` stored in
/// (site, time) order.
///
/// A Stats API query reads one site's rows over a time range. In rowid tables those rows are
/// spread over the whole file (events arrive interleaved across sites), so every row cost a
/// random page read through an index. `WITHOUT ROWID` tables keyed by (site_id, time, …) keep each
/// site's rows together and in time order: a range query reads adjacent pages, with no lookup
/// from an index into the table.
///
/// Events have no natural unique key, so `seq` (the order the store received them; the old
/// rowid for migrated rows) completes the key and keeps export ties in arrival order;
/// `event_sequence` holds the last one handed out. Sessions are keyed by (site_id, start,
/// session_id) and stay unique by `session_id`, the upsert's conflict target.
extension SQLiteSchema {
    static let v4Clustered = """
        CREATE TABLE events_clustered (
            timestamp INTEGER NOT NULL,
            name TEXT NOT NULL,
            site_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            session_id INTEGER NOT NULL,
            hostname TEXT NOT NULL,
            pathname TEXT NOT NULL,
            referrer TEXT NOT NULL,
            referrer_source TEXT NOT NULL,
            utm_medium TEXT NOT NULL,
            utm_source TEXT NOT NULL,
            utm_campaign TEXT NOT NULL,
            utm_content TEXT NOT NULL,
            utm_term TEXT NOT NULL,
            click_id_param TEXT NOT NULL,
            acquisition_channel TEXT NOT NULL,
            country_code TEXT NOT NULL,
            subdivision1_code TEXT NOT NULL,
            subdivision2_code TEXT NOT NULL,
            city_geoname_id INTEGER NOT NULL,
            screen_size TEXT NOT NULL,
            operating_system TEXT NOT NULL,
            operating_system_version TEXT NOT NULL,
            browser TEXT NOT NULL,
            browser_version TEXT NOT NULL,
            props TEXT NOT NULL,
            scroll_depth INTEGER NOT NULL,
            engagement_time INTEGER NOT NULL,
            revenue_source_amount INTEGER,
            revenue_source_currency TEXT NOT NULL,
            revenue_reporting_amount INTEGER,
            revenue_reporting_currency TEXT NOT NULL,
            interactive INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (site_id, timestamp, seq)
        ) WITHOUT ROWID;
        INSERT INTO events_clustered (
                timestamp, name, site_id, user_id, session_id, hostname, pathname, referrer, referrer_source,
                utm_medium, utm_source, utm_campaign, utm_content, utm_term, click_id_param, acquisition_channel,
                country_code, subdivision1_code, subdivision2_code, city_geoname_id, screen_size, operating_system,
                operating_system_version, browser, browser_version, props, scroll_depth, engagement_time,
                revenue_source_amount, revenue_source_currency, revenue_reporting_amount, revenue_reporting_currency,
                interactive, seq
        )
            SELECT
                timestamp, name, site_id, user_id, session_id, hostname, pathname, referrer, referrer_source,
                utm_medium, utm_source, utm_campaign, utm_content, utm_term, click_id_param, acquisition_channel,
                country_code, subdivision1_code, subdivision2_code, city_geoname_id, screen_size, operating_system,
                operating_system_version, browser, browser_version, props, scroll_depth, engagement_time,
                revenue_source_amount, revenue_source_currency, revenue_reporting_amount, revenue_reporting_currency,
                interactive, rowid
            FROM events;
        DROP TABLE events;
        ALTER TABLE events_clustered RENAME TO events;
        CREATE INDEX events_site_name_timestamp ON events (site_id, name, timestamp);
        CREATE TABLE event_sequence (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last INTEGER NOT NULL
        );
        INSERT INTO event_sequence (id, last) SELECT 1, coalesce(max(seq), 0) FROM events;

        CREATE TABLE sessions_clustered (
            session_id INTEGER NOT NULL,
            site_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            hostname TEXT NOT NULL,
            start INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            duration INTEGER NOT NULL,
            pageviews INTEGER NOT NULL,
            events INTEGER NOT NULL,
            is_bounce INTEGER NOT NULL,
            entry_page TEXT NOT NULL,
            exit_page TEXT NOT NULL,
            exit_page_hostname TEXT NOT NULL,
            referrer TEXT NOT NULL,
            referrer_source TEXT NOT NULL,
            utm_medium TEXT NOT NULL,
            utm_source TEXT NOT NULL,
            utm_campaign TEXT NOT NULL,
            utm_content TEXT NOT NULL,
            utm_term TEXT NOT NULL,
            click_id_param TEXT NOT NULL,
            acquisition_channel TEXT NOT NULL,
            country_code TEXT NOT NULL,
            subdivision1_code TEXT NOT NULL,
            subdivision2_code TEXT NOT NULL,
            city_geoname_id INTEGER NOT NULL,
            screen_size TEXT NOT NULL,
            operating_system TEXT NOT NULL,
            operating_system_version TEXT NOT NULL,
            browser TEXT NOT NULL,
            browser_version TEXT NOT NULL,
            entry_props TEXT NOT NULL,
            PRIMARY KEY (site_id, start, session_id)
        ) WITHOUT ROWID;
        INSERT INTO sessions_clustered (
                session_id, site_id, user_id, hostname, start, timestamp, duration, pageviews, events, is_bounce,
                entry_page, exit_page, exit_page_hostname, referrer, referrer_source, utm_medium, utm_source,
                utm_campaign, utm_content, utm_term, click_id_param, acquisition_channel, country_code,
                subdivision1_code, subdivision2_code, city_geoname_id, screen_size, operating_system,
                operating_system_version, browser, browser_version, entry_props
        )
            SELECT
                session_id, site_id, user_id, hostname, start, timestamp, duration, pageviews, events, is_bounce,
                entry_page, exit_page, exit_page_hostname, referrer, referrer_source, utm_medium, utm_source,
                utm_campaign, utm_content, utm_term, click_id_param, acquisition_channel, country_code,
                subdivision1_code, subdivision2_code, city_geoname_id, screen_size, operating_system,
                operating_system_version, browser, browser_version, entry_props
            FROM sessions;
        DROP TABLE sessions;
        ALTER TABLE sessions_clustered RENAME TO sessions;
        CREATE UNIQUE INDEX sessions_session ON sessions (session_id);
        CREATE INDEX sessions_site_timestamp ON sessions (site_id, timestamp);
        CREATE INDEX sessions_timestamp ON sessions (timestamp);
        """
}
