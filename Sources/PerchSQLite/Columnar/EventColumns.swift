/// A site's events as columns, in the events table's key order (timestamp, then arrival `seq`),
/// so a time range is an index range found by binary search. Texts are `TextDictionary` codes;
/// `props` is the props column's whole JSON text (few distinct ones on most sites), read per
/// property key by `ColumnarDimensions`; `visits` the number of the event's visit attributes in
/// `SiteColumns.Numbers.visits`.
struct EventColumns: Sendable {
    enum TextColumn: Int, CaseIterable {
        case name, pathname, hostname, props
    }

    /// The columns read for each event, texts in `TextColumn` order.
    static let selectList =
        "timestamp, seq, user_id, session_id, name, pathname, hostname, props, "
        + VisitTuples.columns.joined(separator: ", ")
    static let selectedColumns = Int32(8 + VisitTuples.columns.count)
    static let selectedTexts: Range<Int32> = 4..<selectedColumns

    private(set) var timestamps: [Int64] = []
    private(set) var sequences: [Int64] = []
    /// `SiteColumns.visitors` numbers of the user ids.
    private(set) var users: [UInt32] = []
    /// `SiteColumns.eventSessions` numbers of the session ids.
    private(set) var sessions: [UInt32] = []
    /// One array per `TextColumn`.
    private(set) var texts: [[UInt32]] = Array(repeating: [], count: TextColumn.allCases.count)
    /// `SiteColumns.Numbers.visits` numbers of the events' visit attributes.
    private(set) var visits: [UInt32] = []

    var count: Int { timestamps.count }
    var byteSize: Int { count * (2 * 8 + 3 * 4 + TextColumn.allCases.count * 4) }

    /// The first index whose timestamp is `≥ instant`.
    func firstIndex(atOrAfter instant: Int64) -> Int {
        timestamps.partitioningIndex { $0 >= instant }
    }

    /// Appends a row read with `selectList`.
    mutating func append(_ statement: some ColumnRow, into numbers: inout SiteColumns.Numbers) {
        timestamps.append(statement.int64(0))
        sequences.append(statement.int64(1))
        users.append(numbers.visitors.number(of: statement.int64(2)))
        sessions.append(numbers.sessions.number(of: statement.int64(3)))
        for column in TextColumn.allCases {
            texts[column.rawValue].append(statement.withText(Int32(4 + column.rawValue)) { numbers.texts.code(of: $0) })
        }
        for column in VisitTuples.columns.indices {
            let code = statement.withText(Int32(8 + column)) { numbers.texts.code(of: $0) }
            numbers.visits.setPending(column, to: code)
        }
        visits.append(numbers.visits.numberOfPending())
    }

    /// Adds `newer` (in key order, every `seq` above those held) keeping key order: appended
    /// when all come after the last held event, else merged into the tail they overlap.
    mutating func add(_ newer: EventColumns) {
        guard let first = newer.timestamps.first else { return }
        let start = firstIndex(atOrAfter: first + 1)
        // Held events at the new first timestamp stay before it: their seq is lower.
        guard start < count else {
            append(contentsOf: newer, range: 0..<newer.count)
            return
        }
        let held = Self.slice(self, start..<count)
        removeTail(from: start)
        var left = 0
        var right = 0
        while left < held.count || right < newer.count {
            let takeHeld =
                right == newer.count
                || (left < held.count
                    && (held.timestamps[left], held.sequences[left]) < (newer.timestamps[right], newer.sequences[right]))
            if takeHeld {
                append(contentsOf: held, range: left..<left + 1)
                left += 1
            } else {
                append(contentsOf: newer, range: right..<right + 1)
                right += 1
            }
        }
    }

    private static func slice(_ columns: EventColumns, _ range: Range<Int>) -> EventColumns {
        var slice = EventColumns()
        slice.append(contentsOf: columns, range: range)
        return slice
    }

    private mutating func append(contentsOf other: EventColumns, range: Range<Int>) {
        timestamps += other.timestamps[range]
        sequences += other.sequences[range]
        users += other.users[range]
        sessions += other.sessions[range]
        visits += other.visits[range]
        for column in TextColumn.allCases { texts[column.rawValue] += other.texts[column.rawValue][range] }
    }

    private mutating func removeTail(from start: Int) {
        timestamps.removeSubrange(start...)
        sequences.removeSubrange(start...)
        users.removeSubrange(start...)
        sessions.removeSubrange(start...)
        visits.removeSubrange(start...)
        for column in TextColumn.allCases { texts[column.rawValue].removeSubrange(start...) }
    }
}

extension EventColumns {
    func write(to writer: inout SnapshotWriter) throws {
        try writer.array(timestamps)
        try writer.array(sequences)
        try writer.array(users)
        try writer.array(sessions)
        for column in texts { try writer.array(column) }
        try writer.array(visits)
    }

    /// Columns `write` wrote, checked against the numbers they index (`numbers`) and for key order.
    init(reading reader: inout SnapshotReader, numbers: SiteColumns.Numbers) throws(ColumnSnapshot.Rejection) {
        timestamps = try reader.array()
        sequences = try reader.array()
        users = try reader.array()
        sessions = try reader.array()
        texts = []
        for _ in TextColumn.allCases { texts.append(try reader.array()) }
        visits = try reader.array()
        let count = timestamps.count
        guard sequences.count == count, users.count == count, sessions.count == count, visits.count == count,
            texts.allSatisfy({ $0.count == count && $0.allBelow(numbers.texts.count) }),
            users.allBelow(numbers.visitors.count), sessions.allBelow(numbers.sessions.count),
            visits.allBelow(numbers.visits.count),
            zip(timestamps.indices.dropFirst(), timestamps.indices).allSatisfy({ later, earlier in
                (timestamps[earlier], sequences[earlier]) < (timestamps[later], sequences[later])
            })
        else { throw .malformed("the event columns are inconsistent") }
    }
}
