import PerchCore

extension BinaryReader {
    mutating func readEvent() throws(JournalError) -> EventRecord {
        let timestamp = try read(Int64.self)
        let name = try readString()
        let siteID = try read(Int64.self)
        let userID = try read(UInt64.self)
        let sessionID = try read(UInt64.self)
        let hostname = try readString()
        let pathname = try readString()
        let visit = try readVisit()
        let props = try readProps()
        let scrollDepth = try readByte()
        let engagementTime = try read(UInt32.self)
        var revenue: Revenue?
        if try readBool() {
            let sourceAmount = MilliAmount(thousandths: try read(Int64.self))
            let sourceCurrency = try readString()
            let reportingAmount = try readBool() ? MilliAmount(thousandths: try read(Int64.self)) : nil
            let reportingCurrency = try readString()
            revenue = Revenue(
                sourceAmount: sourceAmount,
                sourceCurrency: sourceCurrency,
                reportingAmount: reportingAmount,
                reportingCurrency: reportingCurrency
            )
        }
        let interactive = try readBool()
        return EventRecord(
            timestamp: timestamp, name: name, siteID: siteID, userID: userID, sessionID: sessionID,
            hostname: hostname, pathname: pathname, visit: visit, props: props, scrollDepth: scrollDepth,
            engagementTime: engagementTime, revenue: revenue, interactive: interactive
        )
    }

    mutating func readSession() throws(JournalError) -> SessionRecord {
        let sessionID = try read(UInt64.self)
        let siteID = try read(Int64.self)
        let userID = try read(UInt64.self)
        let hostname = try readString()
        let start = try read(Int64.self)
        let timestamp = try read(Int64.self)
        let isBounce = try readBool()
        let entryPage = try readString()
        let exitPage = try readString()
        let exitPageHostname = try readString()
        let pageviews = try read(Int32.self)
        let events = try read(Int32.self)
        let duration = try read(UInt32.self)
        let visit = try readVisit()
        let entryProps = try readProps()
        return SessionRecord(
            sessionID: sessionID, siteID: siteID, userID: userID, hostname: hostname, start: start,
            timestamp: timestamp, isBounce: isBounce, entryPage: entryPage, exitPage: exitPage,
            exitPageHostname: exitPageHostname, pageviews: pageviews, events: events, duration: duration,
            visit: visit, entryProps: entryProps
        )
    }

    mutating func readVisit() throws(JournalError) -> VisitAttributes {
        var visit = VisitAttributes()
        visit.referrer = try readString()
        visit.referrerSource = try readString()
        visit.utmMedium = try readString()
        visit.utmSource = try readString()
        visit.utmCampaign = try readString()
        visit.utmContent = try readString()
        visit.utmTerm = try readString()
        visit.clickIDParam = try readString()
        visit.acquisitionChannel = try readString()
        visit.countryCode = try readString()
        visit.subdivision1Code = try readString()
        visit.subdivision2Code = try readString()
        visit.cityGeonameID = try read(UInt32.self)
        visit.screenSize = try readString()
        visit.operatingSystem = try readString()
        visit.operatingSystemVersion = try readString()
        visit.browser = try readString()
        visit.browserVersion = try readString()
        return visit
    }

    mutating func readProps() throws(JournalError) -> [Prop] {
        // Each prop is at least two one-byte lengths, which bounds the allocation by the input.
        let count = try readCount(minimumItemBytes: 2)
        var props: [Prop] = []
        props.reserveCapacity(count)
        for _ in 0..<count {
            let key = try readString()
            let value = try readString()
            props.append(Prop(key: key, value: value))
        }
        return props
    }
}
