import PerchCore

/// A live session as the cache holds it: the counters inline and every string packed into one
/// byte array, short repetitive ones as ids into a `SessionStringPool`; times as offsets from the start,
/// the duration derived from them. `perch-bench sessions` measures the bytes a session takes.
/// The site and user ids are the cache key's.
struct PackedSession: Sendable {
    var sessionID: UInt64
    var start: Int64
    private var text: [UInt8]
    /// `timestamp - start`: an event may be stamped a little before the session's start.
    private var timestampOffset: Int32
    private var lastSeenOffset: Int32
    var pageviews: Int32
    var events: Int32
    var isBounce: Bool

    private static let exitHostnameIsEntry: UInt64 = 1
    private static let exitPageIsEntry: UInt64 = 2

    init(_ session: SessionRecord, lastSeen: Int64, interner: inout SessionStringPool.Interner) {
        var writer = PackedTextWriter(reusing: interner.takeScratch())
        Self.writePages(of: session, to: &writer, interner: &interner)
        let visit = session.visit
        writer.literal(visit.referrer)
        writer.text(visit.referrerSource, interner: &interner)
        writer.text(visit.utmMedium, interner: &interner)
        writer.text(visit.utmSource, interner: &interner)
        writer.literal(visit.utmCampaign)
        writer.literal(visit.utmContent)
        writer.literal(visit.utmTerm)
        writer.text(visit.clickIDParam, interner: &interner)
        writer.text(visit.acquisitionChannel, interner: &interner)
        writer.text(visit.countryCode, interner: &interner)
        writer.text(visit.subdivision1Code, interner: &interner)
        writer.text(visit.subdivision2Code, interner: &interner)
        writer.varint(UInt64(visit.cityGeonameID))
        writer.text(visit.screenSize, interner: &interner)
        writer.text(visit.operatingSystem, interner: &interner)
        writer.text(visit.operatingSystemVersion, interner: &interner)
        writer.text(visit.browser, interner: &interner)
        writer.text(visit.browserVersion, interner: &interner)
        writer.varint(UInt64(session.entryProps.count))
        for prop in session.entryProps {
            writer.text(prop.key, interner: &interner)
            writer.literal(prop.value)
        }
        let text = writer.packed()
        interner.returnScratch(writer.bytes)
        self.init(counters: session, lastSeen: lastSeen, text: text)
    }

    /// `session` packed again after `SessionRecord.absorb` folded an event into this packed
    /// session's record: only the counters, times, pages and hostnames are written anew, while the
    /// visit attributes and entry props, which `absorb` never changes, are copied as they are
    /// packed here, without interning them again.
    init(
        absorbed session: SessionRecord, into packed: PackedSession, lastSeen: Int64,
        interner: inout SessionStringPool.Interner
    ) {
        var reader = PackedTextReader(packed.text)
        let flags = reader.varint()
        reader.skipText()
        reader.skipText()
        if flags & Self.exitPageIsEntry == 0 { reader.skipText() }
        if flags & Self.exitHostnameIsEntry == 0 { reader.skipText() }
        var writer = PackedTextWriter(reusing: interner.takeScratch())
        Self.writePages(of: session, to: &writer, interner: &interner)
        writer.raw(packed.text[reader.offset...])
        let text = writer.packed()
        interner.returnScratch(writer.bytes)
        self.init(counters: session, lastSeen: lastSeen, text: text)
    }

    /// `session`'s ids, counters and times beside `text`, packed by the caller.
    private init(counters session: SessionRecord, lastSeen: Int64, text: [UInt8]) {
        sessionID = session.sessionID
        start = session.start
        timestampOffset = Int32(clamping: session.timestamp - session.start)
        lastSeenOffset = Int32(clamping: lastSeen - session.start)
        pageviews = session.pageviews
        events = session.events
        isBounce = session.isBounce
        self.text = text
    }

    /// The fields `SessionRecord.absorb` changes besides the counters, which lead the packed text.
    private static func writePages(
        of session: SessionRecord, to writer: inout PackedTextWriter, interner: inout SessionStringPool.Interner
    ) {
        let sameHostname = session.exitPageHostname == session.hostname
        let samePage = session.exitPage == session.entryPage
        writer.varint((sameHostname ? exitHostnameIsEntry : 0) | (samePage ? exitPageIsEntry : 0))
        writer.text(session.hostname, interner: &interner)
        writer.literal(session.entryPage)
        if !samePage { writer.literal(session.exitPage) }
        if !sameHostname { writer.text(session.exitPageHostname, interner: &interner) }
    }

    /// The session in full, as the pipeline and the journal use it.
    func record(key: SessionKey, interner: borrowing SessionStringPool.Interner) -> SessionRecord {
        var reader = PackedTextReader(text)
        let flags = reader.varint()
        let hostname = reader.text(interner)
        let entryPage = reader.text(interner)
        let exitPage = flags & Self.exitPageIsEntry != 0 ? entryPage : reader.text(interner)
        let exitPageHostname = flags & Self.exitHostnameIsEntry != 0 ? hostname : reader.text(interner)
        var visit = VisitAttributes()
        visit.referrer = reader.text(interner)
        visit.referrerSource = reader.text(interner)
        visit.utmMedium = reader.text(interner)
        visit.utmSource = reader.text(interner)
        visit.utmCampaign = reader.text(interner)
        visit.utmContent = reader.text(interner)
        visit.utmTerm = reader.text(interner)
        visit.clickIDParam = reader.text(interner)
        visit.acquisitionChannel = reader.text(interner)
        visit.countryCode = reader.text(interner)
        visit.subdivision1Code = reader.text(interner)
        visit.subdivision2Code = reader.text(interner)
        visit.cityGeonameID = UInt32(truncatingIfNeeded: reader.varint())
        visit.screenSize = reader.text(interner)
        visit.operatingSystem = reader.text(interner)
        visit.operatingSystemVersion = reader.text(interner)
        visit.browser = reader.text(interner)
        visit.browserVersion = reader.text(interner)
        let propCount = Int(truncatingIfNeeded: min(reader.varint(), 1_000))
        var props: [Prop] = []
        props.reserveCapacity(propCount)
        for _ in 0..<propCount {
            let key = reader.text(interner)
            props.append(Prop(key: key, value: reader.text(interner)))
        }
        return SessionRecord(
            sessionID: sessionID,
            siteID: key.siteID,
            userID: key.userID,
            hostname: hostname,
            start: start,
            timestamp: timestamp,
            isBounce: isBounce,
            entryPage: entryPage,
            exitPage: exitPage,
            exitPageHostname: exitPageHostname,
            pageviews: pageviews,
            events: events,
            duration: UInt32(clamping: Int64(timestampOffset).magnitude),
            visit: visit,
            entryProps: props
        )
    }

    /// Unix seconds of the last (non-engagement) event.
    var timestamp: Int64 { start + Int64(timestampOffset) }

    /// Latest event time seen, engagements included; `timestamp` excludes them.
    var lastSeen: Int64 {
        get { start + Int64(lastSeenOffset) }
        set { lastSeenOffset = Int32(clamping: newValue - start) }
    }
}
