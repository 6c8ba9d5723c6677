import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// The shapes the column cache answers beyond plain breakdowns (issue 14): goal breakdowns and
/// conversion rates, custom properties, text-matching filters of every operator (with and
/// without case), several dimensions at once, cities, group conversion rates, and event
/// breakdowns by or filtered by visit attributes (the events' copies), session metrics under
/// event filters, and a time bucket beside other dimensions. Each query must be one the cache
/// answers, with the answer SQL alone gives.
@Suite struct ColumnarShapesTests {
    typealias Rows = ColumnarRows
    static let paths = ["/", "/blog", "/blog/post-1", "/Blog/Second", "/BLOG", "/pricing", "/Ünï/x"]
    static let names = ["Signup", "Purchase", "Download", "Signup", "pageview"]
    static let plans: [[Prop]] = [
        [Prop(key: "plan", value: "pro")], [Prop(key: "plan", value: "starter"), Prop(key: "author", value: "a")],
        [Prop(key: "plan", value: "")], [], [Prop(key: "plan", value: "Pro ü")], [Prop(key: "plan", value: "(none)")],
    ]
    static let browsers = [("Chrome", "131.0"), ("Firefox", ""), ("", ""), ("Safari", "18.1"), ("Chrome", "130.0")]
    static let cities: [UInt32] = [0, 2_950_159, 5_128_581]
    static let sources = ["", "Google", "Direct / None", "google"]

    /// Site 1 (example.com): 60 sessions of 40 visitors over two days, three events each, and
    /// four goals (one no event completes).
    static func store(_ folder: TemporaryFolder) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.path + "/perch.sqlite3")
        _ = try store.addSite(domain: "example.com", timezone: "UTC")
        for goal in [Goal.event("Signup"), .page("/blog/**"), .page("/pricing"), .event("Nope")] {
            try store.addGoal(goal, domain: "example.com")
        }
        var events: [EventRecord] = []
        var sessions: [SessionRecord] = []
        for index in 0..<60 {
            let start = Rows.day + Int64(index) * 2_500
            let user = UInt64(index % 40 + 1)
            let session = UInt64(index + 1)
            var visit = VisitAttributes()
            (visit.browser, visit.browserVersion) = browsers[index % browsers.count]
            visit.cityGeonameID = cities[index % cities.count]
            visit.referrerSource = sources[index % sources.count]
            visit.countryCode = index % 3 == 0 ? "" : (index % 2 == 0 ? "DE" : "US")
            let entry = paths[index % paths.count]
            let exit = paths[(index + 3) % paths.count]
            var entered = Rows.event(at: start, path: entry, user: user, session: session)
            var exited = Rows.event(at: start + 30, path: exit, user: user, session: session)
            var custom = Rows.event(
                at: start + 60, name: names[index % names.count], path: exit, user: user, session: session)
            custom.props = plans[index % plans.count]
            // Events carry their session's visit attributes; some a source of their own, so the
            // columns must read the events' copies (as SQL does), not the session's.
            (entered.visit, exited.visit, custom.visit) = (visit, visit, visit)
            if index % 5 == 0 { custom.visit.referrerSource = "Newsletter" }
            events += [entered, exited, custom]
            sessions.append(
                SessionRecord(
                    sessionID: session, siteID: 1, userID: user, hostname: "example.com", start: start,
                    timestamp: start + 60, isBounce: index % 4 == 0, entryPage: entry, exitPage: exit,
                    exitPageHostname: "example.com", pageviews: 2, events: 3, duration: 60, visit: visit,
                    entryProps: []))
        }
        try store.write(Rows.batch(events, sessions))
        return store
    }

    static func body(_ metrics: String, _ dimensions: String = "", filters: String = "") -> String {
        let dimensionsPart = dimensions.isEmpty ? "" : #","dimensions":[\#(dimensions)]"#
        let filtersPart = filters.isEmpty ? "" : #","filters":[\#(filters)]"#
        return #"{"site_id":"example.com","metrics":[\#(metrics)],"date_range":"7d"\#(dimensionsPart)\#(filtersPart)}"#
    }

    static let goalBodies = [
        body(#""visitors","events","conversion_rate""#, #""event:goal""#),
        body(#""visitors","conversion_rate""#, #""event:goal""#, filters: #"["contains","event:page",["blog"]]"#),
        body(#""visitors","events","conversion_rate""#, filters: #"["is","event:goal",["Signup"]]"#),
        body(#""visitors","conversion_rate""#, #""event:page""#, filters: #"["is","event:goal",["Visit /blog/**"]]"#),
        body(#""visitors","conversion_rate""#, filters: #"["is_not","event:goal",["Visit /pricing","Signup"]]"#),
        body(
            #""visitors","conversion_rate""#, #""event:goal""#,
            filters: #"["is","event:props:plan",["pro"]],["is","event:name",["Signup","pageview"]]"#),
        body(#""visitors","events""#, filters: #"["contains","event:goal",["Visit"]]"#),
    ]

    static let propBodies = [
        body(#""visitors","events""#, #""event:props:plan""#),
        body(#""visitors","events","percentage""#, #""event:props:author""#),
        body(#""visitors""#, #""event:props:missing""#),
        body(#""visitors","events""#, filters: #"["is","event:props:plan",["pro","(none)"]]"#),
        body(#""visitors""#, #""event:name""#, filters: #"["contains","event:props:plan",["ro"]]"#),
        body(
            #""visitors""#, #""event:props:plan""#,
            filters: #"["is","event:props:plan",["PRO ü"],{"case_sensitive":false}]"#),
    ]

    static let textFilterBodies = [
        body(#""visitors","pageviews""#, filters: #"["contains","event:page",["blog"]]"#),
        body(#""visitors","pageviews""#, filters: #"["contains","event:page",["BLOG"],{"case_sensitive":false}]"#),
        body(
            #""visitors","pageviews""#, #""event:page""#, filters: #"["contains_not","event:page",["blog","pricing"]]"#),
        body(#""visitors","events""#, filters: #"["contains","event:page",["ünï"],{"case_sensitive":false}]"#),
        body(#""visitors""#, #""event:page""#, filters: #"["matches","event:page",["^/[Bb]log/[a-z-]+[0-9]$"]]"#),
        body(#""visitors""#, #""event:page""#, filters: #"["matches_not","event:page",["(unclosed"]]"#),
        body(#""visitors""#, #""event:page""#, filters: #"["matches_wildcard","event:page",["/blog/*","/Ü*/**"]]"#),
        body(
            #""visitors""#, #""event:page""#,
            filters: #"["matches_wildcard_not","event:page",["/blog*"],{"case_sensitive":false}]"#),
        body(#""visitors","events""#, filters: #"["is","event:name",["signup"],{"case_sensitive":false}]"#),
        body(#""visitors","bounce_rate""#, #""visit:browser""#, filters: #"["contains","visit:browser",["ir"]]"#),
        body(#""visitors""#, #""visit:source""#, filters: #"["contains","visit:source",["Direct"]]"#),
        body(
            #""visitors","visit_duration""#,
            filters: #"["contains","visit:source",["DIRECT"],{"case_sensitive":false}]"#
        ),
        body(#""visitors""#, #""visit:browser""#, filters: #"["not",["matches_wildcard","visit:browser",["*r*"]]]"#),
        body(#""visitors""#, filters: #"["or",[["contains","visit:source",["oo"]],["is","visit:country",["DE"]]]]"#),
    ]

    static let multiDimensionBodies = [
        body(#""visitors""#, #""visit:browser","visit:browser_version""#),
        body(#""visitors","bounce_rate","percentage""#, #""visit:source","visit:country""#),
        body(#""visitors","events""#, #""event:page","event:name""#),
        body(#""visitors""#, #""event:name","event:props:plan""#),
        body(#""visitors","visits""#, #""visit:country","visit:browser","visit:browser_version""#),
    ]

    static let cityBodies = [
        body(#""visitors""#, #""visit:city""#),
        body(#""visitors","bounce_rate""#, #""visit:city""#, filters: #"["is","visit:browser",["Chrome"]]"#),
        body(#""visitors""#, #""visit:city","visit:browser""#),
        body(#""visitors""#, #""visit:browser""#, filters: #"["is","visit:city",[2950159,5128581]]"#),
        body(#""visitors","visit_duration""#, #""visit:city""#, filters: #"["is_not","visit:city",[0]]"#),
        body(#""visitors","percentage""#, #""visit:city_name""#, filters: #"["is_not","visit:city_name",["Nowhere"]]"#),
    ]

    /// `group_conversion_rate` under a goal filter, by visit attributes, pages, time and none.
    static let groupConversionBodies = [
        body(#""visitors","group_conversion_rate""#, #""visit:source""#, filters: #"["is","event:goal",["Signup"]]"#),
        body(
            #""visitors","group_conversion_rate""#, #""event:page""#,
            filters: #"["is","event:goal",["Visit /blog/**"]]"#),
        body(
            #""visitors","conversion_rate","group_conversion_rate""#, #""visit:browser","visit:browser_version""#,
            filters: #"["is","event:goal",["Signup","Visit /pricing"]],["is","event:props:plan",["pro","(none)"]]"#),
        body(#""visitors","events","group_conversion_rate""#, filters: #"["is","event:goal",["Signup"]]"#),
        body(#""visitors","group_conversion_rate""#, #""time:day""#, filters: #"["is","event:goal",["Signup"]]"#),
        body(
            #""visitors","group_conversion_rate""#, #""visit:city""#,
            filters: #"["is","event:goal",["Signup"]],["is","visit:country",["DE"]]"#),
    ]

    /// Event breakdowns by the events' copies of visit attributes, or filtered by them.
    static let eventVisitBodies = [
        body(#""visitors","pageviews""#, #""event:page""#, filters: #"["is","visit:country",["DE"]]"#),
        body(#""visitors","events""#, #""event:name""#, filters: #"["contains","visit:source",["ews"]]"#),
        body(#""visitors""#, #""event:page","visit:source""#),
        body(#""visitors","pageviews""#, #""visit:browser""#, filters: #"["is","event:name",["Signup"]]"#),
        body(#""visitors""#, #""event:props:plan""#, filters: #"["is","visit:city",[2950159]]"#),
        body(
            #""visitors","percentage""#, #""event:page""#,
            filters: #"["is_not","visit:source",["Direct / None"]],["is","visit:browser",["(not set)","Chrome"]]"#),
        body(#""visits","pageviews""#, filters: #"["is","visit:source",["Newsletter"]]"#),
    ]

    /// Session metrics under event filters (the sessions with a matching event; `bounce_rate`
    /// counting those that entered on a filtered page).
    static let sessionsByEventBodies = [
        body(
            #""visitors","visits","pageviews","bounce_rate","visit_duration""#,
            filters: #"["is","event:page",["/blog"]]"#),
        body(
            #""visitors","bounce_rate","visit_duration""#, #""visit:source""#,
            filters: #"["contains","event:page",["blog"],{"case_sensitive":false}]"#),
        body(#""visits","bounce_rate","views_per_visit""#, filters: #"["is","event:name",["Signup"]]"#),
        body(
            #""bounce_rate","visit_duration""#,
            filters: #"["is","event:goal",["Signup"]],["is","visit:country",["DE","US"]]"#),
        body(
            #""visitors","bounce_rate","percentage""#, #""visit:browser""#,
            filters: #"["is_not","event:page",["/pricing"]]"#),
        body(#""bounce_rate","visits""#, #""event:page""#, filters: #"["matches_wildcard","event:page",["/blog*"]]"#),
        body(
            #""visit_duration""#,
            filters: #"["or",[["is","event:props:plan",["pro"]],["is","visit:browser",["Firefox"]]]]"#),
    ]

    /// A time bucket beside other dimensions, on either side.
    static let timeBesideBodies = [
        body(#""visitors""#, #""time:day","visit:source""#),
        body(#""visitors","pageviews""#, #""event:page","time:hour""#),
        body(#""visitors","bounce_rate""#, #""time:day","visit:browser""#, filters: #"["is","event:page",["/blog"]]"#),
        body(
            #""visitors","group_conversion_rate""#, #""time:day","visit:source""#,
            filters: #"["is","event:goal",["Signup"]]"#),
        body(#""visits","visit_duration""#, #""visit:country","time:month""#),
    ]

    enum Shape: String, CaseIterable {
        case goals, properties, textFilters, dimensions, cities, groupConversions, eventVisits, sessionsByEvents
        case timeBeside

        var bodies: [String] {
            switch self {
            case .goals: goalBodies
            case .properties: propBodies
            case .textFilters: textFilterBodies
            case .dimensions: multiDimensionBodies
            case .cities: cityBodies
            case .groupConversions: groupConversionBodies
            case .eventVisits: eventVisitBodies
            case .sessionsByEvents: sessionsByEventBodies
            case .timeBeside: timeBesideBodies
            }
        }
    }

    @Test(arguments: Shape.allCases)
    func cacheAnswersAsSQL(_ shape: Shape) async throws {
        let folder = TemporaryFolder()
        let store = try Self.store(folder)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        for body in shape.bodies {
            let before = store.database.columns.answeredRequests
            let cached = try await ColumnarQueries.answer(body, reader: store)
            #expect(store.database.columns.answeredRequests == before + 1, "not answered by the columns: \(body)")
            let reference = try await ColumnarQueries.answer(body, reader: SQLOnlyReader(store: store))
            #expect(cached.json == reference.json, "\(body)")
            // Not an empty answer both ways.
            guard case .array(let rows)? = reference["results"] else { throw QueryError("no results") }
            #expect(!rows.isEmpty, "\(body)")
        }
    }
}
