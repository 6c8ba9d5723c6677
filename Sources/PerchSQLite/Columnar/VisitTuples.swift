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
    /// Hash of a combination's codes → its first number with that hash; later ones chain in
    /// `nextWithHash` (no array per combination: most sessions have one of their own).
    private var firstWithHash: [Int: UInt32] = [:]
    private var nextWithHash: [UInt32] = []
    /// The combination being read (`setPending`), numbered by `numberOfPending`.
    private var pending = [UInt32](repeating: 0, count: columns.count)

    var count: Int { nextWithHash.count }
    /// Approximate bytes held.
    var byteSize: Int { codes.count * 4 + nextWithHash.count * 4 + firstWithHash.capacity * 17 }

    /// Sets attribute `column` (an index into `columns`) of the combination being read.
    mutating func setPending(_ column: Int, to code: UInt32) {
        pending[column] = code
    }

    /// The number of the combination set by `setPending`, added when new.
    mutating func numberOfPending() -> UInt32 {
        var hasher = Hasher()
        for code in pending { hasher.combine(code) }
        let hash = hasher.finalize()
        var candidate = firstWithHash[hash]
        while let number = candidate {
            let start = Int(number) * Self.columns.count
            if codes[start..<start + Self.columns.count].elementsEqual(pending) { return number }
            let next = nextWithHash[Int(number)]
            candidate = next == UInt32.max ? nil : next
        }
        let number = UInt32(truncatingIfNeeded: nextWithHash.count)
        nextWithHash.append(firstWithHash[hash] ?? UInt32.max)
        firstWithHash[hash] = number
        codes += pending
        return number
    }

    /// The text code of attribute `column` (an index into `columns`) of combination `number`.
    func code(of number: UInt32, column: Int) -> UInt32 {
        codes[Int(number) * Self.columns.count + column]
    }

    static func column(_ name: String) -> Int? {
        columns.firstIndex(of: name)
    }
}
