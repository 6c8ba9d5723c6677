import GRDB

/// One site's recent events and sessions held in memory as columns (see `ColumnarCache`): the
/// rows a plain Stats API query reads, scanned in Swift (`ColumnarGroups`) at a few nanoseconds
/// per row instead of SQLite's few hundred.
struct SiteColumns: Sendable {
    let siteID: Int64
    /// Held: events with `timestamp ≥ from`, sessions with `start ≥ from`.
    let from: Int64
    /// The `event_sequence` value the columns reflect: they hold every event and session change
    /// committed with the events numbered up to it.
    private(set) var sequence: Int64
    /// The numbering of the columns' texts and ids, shared by events and sessions.
    struct Numbers: Sendable {
        var texts = TextDictionary()
        var visitors = DenseIndex()
        /// Of the events' session ids (sessions' own rows are found by id).
        var sessions = DenseIndex()
        /// Of the events' visit attributes.
        var visits = VisitTuples()
    }

    private(set) var numbers = Numbers()
    private(set) var events = EventColumns()
    private(set) var sessions = SessionColumns()

    var dictionary: TextDictionary { numbers.texts }

    var byteSize: Int {
        events.byteSize + sessions.byteSize + numbers.texts.byteSize + numbers.visitors.byteSize
            + numbers.sessions.byteSize + numbers.visits.byteSize
    }

    /// Reads the site's rows from `from` on, in one read transaction.
    static func load(_ db: Database, siteID: Int64, from: Int64) throws -> SiteColumns {
        var columns = SiteColumns(siteID: siteID, from: from, sequence: try currentSequence(db))
        var events = try columns.eventStatement(db, where: "timestamp >= ?", bound: [from])
        while try events.step() { columns.events.append(events, into: &columns.numbers) }
        try columns.upsertSessions(db, where: "start >= ?", bound: [from])
        return columns
    }

    /// Brings the columns to `sequence` (read in the same transaction as `db`), given that no
    /// event or session changed by the commits in between is older than `since`. Every new row
    /// is read before any is applied, so a failed read leaves the columns as they were.
    mutating func refresh(_ db: Database, since: Int64, through sequence: Int64) throws {
        let since = max(since, from)
        var statement = try eventStatement(
            db, where: "timestamp >= ? AND seq > ? AND seq <= ?", bound: [since, self.sequence, sequence])
        var newEvents: [BufferedRow] = []
        while try statement.step() {
            newEvents.append(
                BufferedRow(statement, columns: EventColumns.selectedColumns, texts: EventColumns.selectedTexts))
        }
        // A session changed by those commits has its last event (`timestamp`) at or after `since`.
        let changedSessions = try sessionRows(db, where: "timestamp >= ? AND start >= ?", bound: [since, from])
        var newer = EventColumns()
        for row in newEvents { newer.append(row, into: &numbers) }
        events.add(newer)
        for row in changedSessions { sessions.upsert(row, into: &numbers) }
        self.sequence = sequence
    }

    /// Marks the columns current at `sequence` when the commits up to it left the site alone.
    mutating func advance(to sequence: Int64) {
        self.sequence = max(self.sequence, sequence)
    }

    static func currentSequence(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last FROM event_sequence WHERE id = 1") ?? 0
    }

    private mutating func upsertSessions(_ db: Database, where condition: String, bound: [Int64]) throws {
        var statement = try sessionStatement(db, where: condition, bound: bound)
        while try statement.step() { sessions.upsert(statement, into: &numbers) }
    }

    private func sessionRows(_ db: Database, where condition: String, bound: [Int64]) throws -> [BufferedRow] {
        var statement = try sessionStatement(db, where: condition, bound: bound)
        var rows: [BufferedRow] = []
        while try statement.step() {
            rows.append(
                BufferedRow(statement, columns: SessionColumns.selectedColumns, texts: SessionColumns.selectedTexts))
        }
        return rows
    }

    private func eventStatement(_ db: Database, where condition: String, bound: [Int64]) throws -> StatementHandle {
        try statement(
            db, EventColumns.selectList, from: "events", where: condition, bound: bound, order: "timestamp, seq")
    }

    private func sessionStatement(_ db: Database, where condition: String, bound: [Int64]) throws -> StatementHandle {
        try statement(db, SessionColumns.selectList, from: "sessions", where: condition, bound: bound)
    }

    /// `columns` of the site's rows of `table` matching `condition` (whose `?` take `bound`),
    /// in `order` if given.
    private func statement(
        _ db: Database, _ columns: String, from table: String, where condition: String, bound: [Int64],
        order: String? = nil
    ) throws -> StatementHandle {
        let sql =
            "SELECT \(columns) FROM \(table) WHERE site_id = ? AND \(condition)"
            + (order.map { " ORDER BY " + $0 } ?? "")
        var statement = StatementHandle(try db.makeStatement(sql: sql), in: db)
        statement.bind(siteID)
        for value in bound { statement.bind(value) }
        return statement
    }
}

extension SiteColumns {
    /// Writes the numbering, then the events' and sessions' columns (`ColumnSnapshot`).
    func write(to writer: inout SnapshotWriter) throws {
        try numbers.texts.write(to: &writer)
        try numbers.visitors.write(to: &writer)
        try numbers.sessions.write(to: &writer)
        try numbers.visits.write(to: &writer)
        try events.write(to: &writer)
        try sessions.write(to: &writer)
    }

    /// Columns `write` wrote, current at `sequence`; every index checked against what it indexes,
    /// and every row against `from`.
    init(
        reading reader: inout SnapshotReader, siteID: Int64, from: Int64, sequence: Int64
    ) throws(ColumnSnapshot.Rejection) {
        self.siteID = siteID
        self.from = from
        self.sequence = sequence
        var numbers = Numbers()
        numbers.texts = try TextDictionary(reading: &reader)
        numbers.visitors = try DenseIndex(reading: &reader)
        numbers.sessions = try DenseIndex(reading: &reader)
        numbers.visits = try VisitTuples(reading: &reader, textCount: numbers.texts.count)
        self.numbers = numbers
        events = try EventColumns(reading: &reader, numbers: numbers)
        sessions = try SessionColumns(reading: &reader, numbers: numbers)
        guard (events.timestamps.first ?? from) >= from, sessions.starts.allSatisfy({ $0 >= from }) else {
            throw .malformed("rows before the columns' start")
        }
    }
}
