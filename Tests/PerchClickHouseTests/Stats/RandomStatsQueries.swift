/// Random valid-looking Stats API query bodies over `StatsComparisonWorld`, drawn from a seed:
/// metrics, dimensions, filters, date ranges and orders mixed freely. Some draws are invalid (a
/// session metric with an event dimension, say); the API refuses those on both stores alike.
struct RandomStatsQueries {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    static let metrics = [
        "visitors", "visits", "pageviews", "events", "bounce_rate", "visit_duration", "views_per_visit",
        "percentage", "conversion_rate", "group_conversion_rate", "scroll_depth", "time_on_page", "total_revenue",
        "average_revenue",
    ]
    static let dimensions = [
        "event:page", "event:name", "event:goal", "event:hostname", "event:props:plan", "visit:source",
        "visit:country", "visit:browser", "visit:os", "visit:entry_page", "visit:exit_page", "visit:device",
        "visit:channel", "visit:utm_source", "visit:city", "time:day", "time:hour", "time:week", "time:month",
    ]
    static let filters = [
        #"["is","visit:country",["EE"]]"#,
        #"["is_not","visit:browser",["Chrome"]]"#,
        #"["contains","event:page",["blog"]]"#,
        #"["matches","event:page",["^/(about|pricing)$"]]"#,
        #"["is","event:goal",["Signup"]]"#,
        #"["is","event:goal",["Visit /blog/**","Purchase"]]"#,
        #"["is","event:props:plan",["pro"]]"#,
        #"["is","visit:entry_page",["/"]]"#,
        #"["is","visit:exit_page",["/blog/a","/about"]]"#,
        #"["has_done",["is","event:name",["Purchase"]]]"#,
        #"["has_not_done",["is","event:page",["/Café"]]]"#,
        #"["not",["is","visit:source",["Google"]]]"#,
        #"["contains","visit:source",["ODD"],{"case_sensitive":false}]"#,
        #"["matches_wildcard","event:page",["/blog/**"]]"#,
        #"["or",[["is","visit:country",["DE"]],["is","event:page",["/pricing"]]]]"#,
    ]
    static let ranges = [
        #"["2026-03-25","2026-03-31"]"#, #"["2026-03-28","2026-03-29"]"#, #""7d""#, #""all""#, #""month""#,
    ]

    /// The next query body.
    mutating func next() -> String {
        let metrics = distinct(Self.metrics, count: 1 + draw(3))
        let dimensions = distinct(Self.dimensions, count: draw(3))
        let filters = distinct(Self.filters, count: draw(3))
        var body = #"{"site_id":"cmp.example","metrics":["# + metrics.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        body += #","date_range":"# + Self.ranges[draw(Self.ranges.count)]
        if !dimensions.isEmpty {
            body += #","dimensions":["# + dimensions.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }
        if !filters.isEmpty { body += #","filters":["# + filters.joined(separator: ",") + "]" }
        if draw(3) == 0 {
            let target = (metrics + dimensions)[draw(metrics.count + dimensions.count)]
            body += #","order_by":[[""# + target + #"",""# + (draw(2) == 0 ? "asc" : "desc") + #""]]"#
        }
        if draw(4) == 0 { body += #","include":{"total_rows":true},"pagination":{"limit":3,"offset":1}"# }
        return body + "}"
    }

    private mutating func distinct(_ pool: [String], count: Int) -> [String] {
        var chosen: [String] = []
        while chosen.count < count {
            let item = pool[draw(pool.count)]
            if !chosen.contains(item) { chosen.append(item) }
        }
        return chosen
    }

    /// SplitMix64, reduced to `0..<bound`.
    private mutating func draw(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
