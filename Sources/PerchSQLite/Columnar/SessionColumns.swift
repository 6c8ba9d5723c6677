/// A site's sessions as columns, in no particular order, each findable by its id so a session
/// the writer updated since can be replaced. Texts are `TextDictionary` codes.
struct SessionColumns: Sendable {
    /// The text columns held, in order: every text attribute a `visit:*` dimension groups by,
    /// and the city's geoname id (an integer, held as its decimal text).
    static let textColumns = [
        "referrer_source", "referrer", "acquisition_channel", "utm_medium", "utm_source", "utm_campaign",
        "utm_content", "utm_term", "screen_size", "browser", "browser_version", "operating_system",
        "operating_system_version", "country_code", "subdivision1_code", "entry_page", "exit_page", "hostname",
        "exit_page_hostname", "city_geoname_id",
    ]

    static let selectList =
        "session_id, start, timestamp, user_id, is_bounce, duration, pageviews, " + textColumns.joined(separator: ", ")
    static var selectedTexts: Range<Int32> { 7..<selectedColumns }
    static var selectedColumns: Int32 { Int32(7 + textColumns.count) }

    private(set) var ids: [Int64] = []
    private(set) var starts: [Int64] = []
    /// The session's last event.
    private(set) var timestamps: [Int64] = []
    /// `SiteColumns.visitors` numbers of the user ids.
    private(set) var users: [UInt32] = []
    /// `SiteColumns.Numbers.sessions` numbers of the session ids (as the events number them).
    private(set) var eventSessions: [UInt32] = []
    private(set) var bounces: [Int64] = []
    private(set) var durations: [Int64] = []
    private(set) var pageviews: [Int64] = []
    /// One array per `textColumns` entry.
    private(set) var texts: [[UInt32]] = Array(repeating: [], count: textColumns.count)
    /// By `SiteColumns.Numbers.sessions` number: the session's position in these arrays, or -1.
    private var positions: [Int32] = []

    var count: Int { ids.count }
    var byteSize: Int { count * (6 * 8 + 2 * 4 + Self.textColumns.count * 4) + positions.capacity * 4 }

    /// Adds a row read with `selectList`, or replaces the session's earlier version.
    mutating func upsert(_ statement: some ColumnRow, into numbers: inout SiteColumns.Numbers) {
        let id = statement.int64(0)
        let number = Int(numbers.sessions.number(of: id))
        if number >= positions.count { positions += repeatElement(-1, count: number + 1 - positions.count) }
        guard positions[number] >= 0 else {
            positions[number] = Int32(ids.count)
            ids.append(id)
            eventSessions.append(UInt32(number))
            starts.append(statement.int64(1))
            timestamps.append(statement.int64(2))
            users.append(numbers.visitors.number(of: statement.int64(3)))
            bounces.append(statement.int64(4))
            durations.append(statement.int64(5))
            pageviews.append(statement.int64(6))
            for column in texts.indices {
                texts[column].append(statement.withText(Int32(7 + column)) { numbers.texts.code(of: $0) })
            }
            return
        }
        let position = Int(positions[number])
        starts[position] = statement.int64(1)
        timestamps[position] = statement.int64(2)
        users[position] = numbers.visitors.number(of: statement.int64(3))
        bounces[position] = statement.int64(4)
        durations[position] = statement.int64(5)
        pageviews[position] = statement.int64(6)
        for column in texts.indices {
            texts[column][position] = statement.withText(Int32(7 + column)) { numbers.texts.code(of: $0) }
        }
    }

    /// The index of a text column in `texts`.
    static func textColumn(_ name: String) -> Int? {
        textColumns.firstIndex(of: name)
    }
}

extension SessionColumns {
    func write(to writer: inout SnapshotWriter) throws {
        try writer.array(ids)
        try writer.array(starts)
        try writer.array(timestamps)
        try writer.array(users)
        try writer.array(eventSessions)
        try writer.array(bounces)
        try writer.array(durations)
        try writer.array(pageviews)
        for column in texts { try writer.array(column) }
        try writer.array(positions)
    }

    /// Columns `write` wrote, checked against the numbers they index (`numbers`), and each
    /// session's position against its number.
    init(reading reader: inout SnapshotReader, numbers: SiteColumns.Numbers) throws(ColumnSnapshot.Rejection) {
        ids = try reader.array()
        starts = try reader.array()
        timestamps = try reader.array()
        users = try reader.array()
        eventSessions = try reader.array()
        bounces = try reader.array()
        durations = try reader.array()
        pageviews = try reader.array()
        texts = []
        for _ in Self.textColumns { texts.append(try reader.array()) }
        positions = try reader.array()
        let count = ids.count
        guard
            [starts.count, timestamps.count, bounces.count, durations.count, pageviews.count].allSatisfy({ $0 == count }
            ),
            users.count == count, eventSessions.count == count,
            texts.allSatisfy({ $0.count == count && $0.allBelow(numbers.texts.count) }),
            users.allBelow(numbers.visitors.count), eventSessions.allBelow(numbers.sessions.count),
            positions.count <= numbers.sessions.count,
            eventSessions.indices.allSatisfy({ row in
                let number = Int(eventSessions[row])
                return number < positions.count && positions[number] == Int32(row)
            }),
            positions.allSatisfy({ $0 >= -1 && $0 < Int32(clamping: count) })
        else { throw .malformed("the session columns are inconsistent") }
    }
}
