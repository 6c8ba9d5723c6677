import PerchCore

extension SQLiteRows {
    /// The event at the statement's current row (columns in `eventColumns` order).
    static func event(_ row: StatementHandle) throws(SQLiteStoreError) -> EventRecord {
        let base = Int32(7 + visitColumns.count)
        guard let props = PropsColumn.decode(row.string(base)) else {
            throw .corruptRow(table: "events", column: "props")
        }
        var revenue: Revenue?
        if let source = row.optionalInt64(base + 3) {
            revenue = Revenue(
                sourceAmount: MilliAmount(thousandths: source),
                sourceCurrency: row.string(base + 4),
                reportingAmount: row.optionalInt64(base + 5).map(MilliAmount.init(thousandths:)),
                reportingCurrency: row.string(base + 6)
            )
        }
        return EventRecord(
            timestamp: row.int64(0),
            name: row.string(1),
            siteID: row.int64(2),
            userID: unsigned(row.int64(3)),
            sessionID: unsigned(row.int64(4)),
            hostname: row.string(5),
            pathname: row.string(6),
            visit: visit(row, from: 7),
            props: props,
            scrollDepth: UInt8(truncatingIfNeeded: row.int64(base + 1)),
            engagementTime: UInt32(truncatingIfNeeded: row.int64(base + 2)),
            revenue: revenue,
            interactive: row.int64(base + 7) != 0
        )
    }

    /// The session at the statement's current row (columns in `sessionColumns` order).
    static func session(_ row: StatementHandle) throws(SQLiteStoreError) -> SessionRecord {
        let base = Int32(13 + visitColumns.count)
        guard let entryProps = PropsColumn.decode(row.string(base)) else {
            throw .corruptRow(table: "sessions", column: "entry_props")
        }
        return SessionRecord(
            sessionID: unsigned(row.int64(0)),
            siteID: row.int64(1),
            userID: unsigned(row.int64(2)),
            hostname: row.string(3),
            start: row.int64(4),
            timestamp: row.int64(5),
            isBounce: row.int64(9) != 0,
            entryPage: row.string(10),
            exitPage: row.string(11),
            exitPageHostname: row.string(12),
            pageviews: Int32(truncatingIfNeeded: row.int64(7)),
            events: Int32(truncatingIfNeeded: row.int64(8)),
            duration: UInt32(truncatingIfNeeded: row.int64(6)),
            visit: visit(row, from: 13),
            entryProps: entryProps
        )
    }

    private static func visit(_ row: StatementHandle, from first: Int32) -> VisitAttributes {
        var visit = VisitAttributes()
        visit.referrer = row.string(first)
        visit.referrerSource = row.string(first + 1)
        visit.utmMedium = row.string(first + 2)
        visit.utmSource = row.string(first + 3)
        visit.utmCampaign = row.string(first + 4)
        visit.utmContent = row.string(first + 5)
        visit.utmTerm = row.string(first + 6)
        visit.clickIDParam = row.string(first + 7)
        visit.acquisitionChannel = row.string(first + 8)
        visit.countryCode = row.string(first + 9)
        visit.subdivision1Code = row.string(first + 10)
        visit.subdivision2Code = row.string(first + 11)
        visit.cityGeonameID = UInt32(truncatingIfNeeded: row.int64(first + 12))
        visit.screenSize = row.string(first + 13)
        visit.operatingSystem = row.string(first + 14)
        visit.operatingSystemVersion = row.string(first + 15)
        visit.browser = row.string(first + 16)
        visit.browserVersion = row.string(first + 17)
        return visit
    }
}
