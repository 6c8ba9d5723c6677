import PerchCore

/// A session state as the writer stored it: its `sessions` row in RowBinary with sign 1, and the
/// two numbers the writer compares without decoding it. Kept instead of the `SessionRecord` in
/// `SessionStateCache` (about a third of the memory: one byte array rather than twenty-odd
/// strings), and the row cancelling it is the same bytes with sign -1, copied, not encoded again.
struct SessionStateRow: Sendable {
    /// Where `sign` lies in the row: after session_id, site_id and user_id (`sessionColumns`).
    static let signOffset = 24

    let sessionID: UInt64
    /// Unix seconds of the session's last event: what the cache keeps the newest by.
    let timestamp: Int64
    /// The state's version (`VersionedCollapsingMergeTree(sign, events)`).
    let events: Int32
    let bytes: [UInt8]

    init(_ session: SessionRecord) {
        var writer = RowBinaryWriter(reservingCapacity: 256)
        ClickHouseRows.append(session, sign: 1, to: &writer)
        sessionID = session.sessionID
        timestamp = session.timestamp
        events = session.events
        bytes = writer.bytes
    }

    /// The row with `sign`: 1 writes the state, -1 cancels it.
    func append(sign: Int8, to writer: inout RowBinaryWriter) {
        writer.encoded(bytes[..<Self.signOffset])
        writer.int8(sign)
        writer.encoded(bytes[(Self.signOffset + 1)...])
        writer.endRow()
    }
}
