/// The visit attributes events carry (their copies of their session's acquisition, geography
/// and device), held once per distinct combination: an event keeps the number of its
/// combination, so a visit dimension or filter on the events side reads the event's own values
/// (as SQL does) at 4 bytes an event instead of 4 per attribute.
struct VisitTuples: Sendable {
    /// The events table's visit attribute columns held, in tuple order: every one a `visit:*`
    /// dimension reads on the events side (session-only ones, entry and exit pages, are read
    /// from the session by SQL and not held).
    static let columns = [
        "referrer_source", "referrer", "acquisition_channel", "utm_medium", "utm_source", "utm_campaign",
        "utm_content", "utm_term", "screen_size", "browser", "browser_version", "operating_system",
        "operating_system_version", "country_code", "subdivision1_code", "city_geoname_id",
    ]

    /// The combinations' text codes, `columns.count` per combination.
    private(set) var codes: [UInt32] = []
    /// Combinations found by a hash of their codes (no array per combination: most sessions
    /// have one of their own).
    private var slots = NumberSlots()
    /// The combination being read (`setPending`), numbered by `numberOfPending`.
    private var pending = [UInt32](repeating: 0, count: columns.count)

    var count: Int { slots.count }
    /// Approximate bytes held.
    var byteSize: Int { codes.count * 4 + slots.byteSize }

    /// Sets attribute `column` (an index into `columns`) of the combination being read.
    mutating func setPending(_ column: Int, to code: UInt32) {
        pending[column] = code
    }

    /// The number of the combination set by `setPending`, added when new.
    mutating func numberOfPending() -> UInt32 {
        var hash: UInt64 = 0
        for pair in stride(from: 0, to: pending.count - 1, by: 2) {
            hash = NumberSlots.mix(hash, UInt64(pending[pair]) << 32 | UInt64(pending[pair + 1]))
        }
        if pending.count % 2 == 1 { hash = NumberSlots.mix(hash, UInt64(pending[pending.count - 1])) }
        let width = Self.columns.count
        let found = slots.find(hash) { number in
            let start = Int(number) * width
            return codes[start..<start + width].elementsEqual(pending)
        }
        if let found { return found }
        codes += pending
        return slots.add(hash)
    }

    /// The text code of attribute `column` (an index into `columns`) of combination `number`.
    func code(of number: UInt32, column: Int) -> UInt32 {
        codes[Int(number) * Self.columns.count + column]
    }

    static func column(_ name: String) -> Int? {
        columns.firstIndex(of: name)
    }
}

extension VisitTuples {
    func write(to writer: inout SnapshotWriter) throws {
        try writer.array(codes)
        try slots.write(to: &writer)
    }

    /// Combinations `write` wrote, whose codes are below `textCount`.
    init(reading reader: inout SnapshotReader, textCount: Int) throws(ColumnSnapshot.Rejection) {
        codes = try reader.array()
        slots = try NumberSlots(reading: &reader)
        guard codes.count == slots.count * Self.columns.count, codes.allBelow(textCount) else {
            throw .malformed("the visit combinations are inconsistent")
        }
    }
}
