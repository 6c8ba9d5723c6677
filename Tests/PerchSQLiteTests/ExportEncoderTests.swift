import PerchCore
import Testing

@Suite struct ExportEncoderTests {
    private static let visitJSON =
        #""referrer":"https://news.example.org/a?b=1","referrer_source":"Example News","#
        + #""utm_medium":"email","utm_source":"newsletter","utm_campaign":"winter, \"sale\"","utm_content":"banner","#
        + #""utm_term":"shoes","click_id_param":"gclid","acquisition_channel":"Paid Search","country_code":"DE","#
        + #""subdivision1_code":"DE-BE","subdivision2_code":"","city_geoname_id":2950159,"screen_size":"Desktop","#
        + #""operating_system":"GNU/Linux","operating_system_version":"6.1","browser":"Firefox","#
        + #""browser_version":"133.0""#

    private static let visitCSV =
        #"https://news.example.org/a?b=1,Example News,email,newsletter,"winter, ""sale""","#
        + #"banner,shoes,gclid,Paid Search,DE,DE-BE,,2950159,Desktop,GNU/Linux,6.1,Firefox,133.0"#

    @Test func eventColumnsFollowTheContract() {
        #expect(
            EventExport.columns == [
                "timestamp", "name", "user_id", "session_id", "hostname", "pathname", "referrer", "referrer_source",
                "utm_medium", "utm_source", "utm_campaign", "utm_content", "utm_term", "click_id_param",
                "acquisition_channel", "country_code", "subdivision1_code", "subdivision2_code", "city_geoname_id",
                "screen_size", "operating_system", "operating_system_version", "browser", "browser_version", "props",
                "revenue_source_amount", "revenue_source_currency", "revenue_reporting_amount",
                "revenue_reporting_currency", "scroll_depth", "engagement_time", "interactive",
            ])
        #expect(EventExport.csvHeader == EventExport.columns.joined(separator: ","))
    }

    @Test func sessionColumnsFollowTheContract() {
        #expect(
            SessionExport.columns == [
                "timestamp", "user_id", "session_id", "hostname", "referrer", "referrer_source", "utm_medium",
                "utm_source", "utm_campaign", "utm_content", "utm_term", "click_id_param", "acquisition_channel",
                "country_code", "subdivision1_code", "subdivision2_code", "city_geoname_id", "screen_size",
                "operating_system", "operating_system_version", "browser", "browser_version", "start", "duration",
                "pageviews", "events", "is_bounce", "entry_page", "exit_page", "exit_page_hostname", "entry_props",
            ])
    }

    @Test func eventNDJSONWithRevenue() {
        let line = EventExport.ndjsonLine(Fixtures.event(revenue: Fixtures.revenue))
        let expected =
            #"{"timestamp":"2026-11-27T10:00:00Z","name":"Signup","user_id":18446744073709551615,"#
            + #""session_id":17293822569102704811,"hostname":"shop.example.com","pathname":"/checkout/ü","#
            + Self.visitJSON
            + #","props":{"emoji":"🦜 \"quoted\"","plan":"pro\nline"},"#
            + #""revenue_source_amount":12.3,"revenue_source_currency":"EUR","revenue_reporting_amount":13.456,"#
            + #""revenue_reporting_currency":"USD","scroll_depth":255,"engagement_time":4000000000,"#
            + #""interactive":false}"#
        #expect(line == expected)
    }

    @Test func eventNDJSONWithoutRevenueAndProps() {
        var event = EventRecord(
            timestamp: 0, name: "pageview", siteID: 1, userID: 1, sessionID: 2,
            hostname: "a.test", pathname: "/")
        event.props = []
        let line = EventExport.ndjsonLine(event)
        #expect(line.hasPrefix(#"{"timestamp":"1970-01-01T00:00:00Z","name":"pageview","user_id":1,"session_id":2,"#))
        #expect(
            line.hasSuffix(
                #""props":{},"revenue_source_amount":null,"revenue_source_currency":"","#
                    + #""revenue_reporting_amount":null,"revenue_reporting_currency":"","scroll_depth":0,"#
                    + #""engagement_time":0,"interactive":true}"#))
        #expect(line.contains(#""country_code":"","subdivision1_code":"","subdivision2_code":"","city_geoname_id":0,"#))
    }

    @Test func eventCSVRecord() {
        let record = EventExport.csvRecord(Fixtures.event(revenue: Fixtures.revenue))
        let expected =
            "2026-11-27T10:00:00Z,Signup,18446744073709551615,17293822569102704811,shop.example.com,"
            + "/checkout/ü," + Self.visitCSV
            + ",\"{\"\"emoji\"\":\"\"🦜 \\\"\"quoted\\\"\"\"\",\"\"plan\"\":\"\"pro\\nline\"\"}\""
            + ",12.3,EUR,13.456,USD,255,4000000000,false"
        #expect(record == expected)
    }

    @Test func eventCSVWithoutRevenueHasEmptyAmounts() {
        let record = EventExport.csvRecord(Fixtures.event())
        #expect(record.hasSuffix(",,,,,255,4000000000,false"))
    }

    @Test func sessionNDJSON() {
        let line = SessionExport.ndjsonLine(Fixtures.session(events: 2))
        let expected =
            #"{"timestamp":"2026-11-27T10:00:20Z","user_id":9223372036854775814,"#
            + #""session_id":17293822569102704811,"hostname":"shop.example.com","# + Self.visitJSON
            + #","start":"2026-11-27T10:00:00Z","duration":20,"pageviews":2,"events":2,"is_bounce":false,"#
            + #""entry_page":"/a","exit_page":"/a","exit_page_hostname":"shop.example.com","#
            + #""entry_props":{"lang":"日本語"}}"#
        #expect(line == expected)
    }

    @Test func sessionCSVRecord() {
        let record = SessionExport.csvRecord(Fixtures.session(events: 1))
        let expected =
            "2026-11-27T10:00:10Z,9223372036854775814,17293822569102704811,shop.example.com,"
            + Self.visitCSV + ",2026-11-27T10:00:00Z,10,1,1,true,/a,/a,shop.example.com,"
            + "\"{\"\"lang\"\":\"\"日本語\"\"}\""
        #expect(record == expected)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""),
        ("ünï 🦜", "ünï 🦜"),
    ])
    func csvFieldQuoting(value: String, field: String) {
        #expect(CSVRowSink.field(value) == field)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_795_773_600, "2026-11-27T10:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (4_107_542_399, "2100-02-28T23:59:59Z"),
        (-1, "1969-12-31T23:59:59Z"),
    ])
    func iso8601(seconds: Int64, text: String) {
        #expect(ISO8601UTC.text(unixSeconds: seconds) == text)
    }

    @Test func lineTerminators() {
        #expect(ExportFormat.ndjson.lineTerminator == "\n")
        #expect(ExportFormat.csv.lineTerminator == "\r\n")
        #expect(ExportFormat(rawValue: "csv") == .csv)
    }
}
