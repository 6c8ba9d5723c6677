import PerchCore

/// Sample rows with every column set to a distinctive value.
enum Fixtures {
    static let bigID: UInt64 = 0xF000_0000_0000_00AB

    static var visit: VisitAttributes {
        var visit = VisitAttributes()
        visit.referrer = "https://news.example.org/a?b=1"
        visit.referrerSource = "Example News"
        visit.utmMedium = "email"
        visit.utmSource = "newsletter"
        visit.utmCampaign = "winter, \"sale\""
        visit.utmContent = "banner"
        visit.utmTerm = "shoes"
        visit.clickIDParam = "gclid"
        visit.acquisitionChannel = "Paid Search"
        visit.countryCode = "DE"
        visit.subdivision1Code = "DE-BE"
        visit.subdivision2Code = ""
        visit.cityGeonameID = 2_950_159
        visit.screenSize = "Desktop"
        visit.operatingSystem = "GNU/Linux"
        visit.operatingSystemVersion = "6.1"
        visit.browser = "Firefox"
        visit.browserVersion = "133.0"
        return visit
    }

    static func event(
        timestamp: Int64 = 1_795_773_600, siteID: Int64 = 1, sessionID: UInt64 = bigID, name: String = "Signup",
        revenue: Revenue? = nil
    ) -> EventRecord {
        EventRecord(
            timestamp: timestamp,
            name: name,
            siteID: siteID,
            userID: UInt64.max,
            sessionID: sessionID,
            hostname: "shop.example.com",
            pathname: "/checkout/ü",
            visit: visit,
            props: [Prop(key: "emoji", value: "🦜 \"quoted\""), Prop(key: "plan", value: "pro\nline")],
            scrollDepth: 255,
            engagementTime: 4_000_000_000,
            revenue: revenue,
            interactive: false
        )
    }

    static func session(
        id: UInt64 = bigID, siteID: Int64 = 1, start: Int64 = 1_795_773_600, events: Int32 = 1,
        exitPage: String = "/a"
    ) -> SessionRecord {
        SessionRecord(
            sessionID: id,
            siteID: siteID,
            userID: UInt64(Int64.max) + 7,
            hostname: "shop.example.com",
            start: start,
            timestamp: start + Int64(events) * 10,
            isBounce: events < 2,
            entryPage: "/a",
            exitPage: exitPage,
            exitPageHostname: "shop.example.com",
            pageviews: events,
            events: events,
            duration: UInt32(events) * 10,
            visit: visit,
            entryProps: [Prop(key: "lang", value: "日本語")]
        )
    }

    static let revenue = Revenue(
        sourceAmount: MilliAmount(thousandths: 12_300), sourceCurrency: "EUR",
        reportingAmount: MilliAmount(thousandths: 13_456), reportingCurrency: "USD"
    )
}
