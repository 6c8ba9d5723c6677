import PerchCore

/// The session states this store wrote last, by session id: what the `-1` row of a session's next
/// change must repeat. Only a shortcut: a session missing here is looked up in ClickHouse, so
/// states of sessions idle for longer than `retention` seconds are let go, and past `limit`
/// states the older half is (unbounded, two hours of a flood of new visitors would hold
/// gigabytes). A state is kept as its encoded row (`SessionStateRow`, about 300 bytes with the
/// table's overhead) rather than as a `SessionRecord` (about 700 with its strings).
struct SessionStateCache {
    private var states: [UInt64: SessionStateRow] = [:]
    private var newest: Int64 = .min
    private var lastPrune: Int64 = .min
    let retention: Int64
    let limit: Int

    init(retention: Int64 = 2 * 3600, limit: Int = 100_000) {
        precondition(limit > 1, "the cache keeps half of its limit when it prunes")
        self.retention = retention
        self.limit = limit
    }

    subscript(sessionID: UInt64) -> SessionStateRow? {
        states[sessionID]
    }

    var count: Int { states.count }

    mutating func record(_ session: SessionStateRow) {
        states[session.sessionID] = session
        newest = max(newest, session.timestamp)
        if newest >= lastPrune &+ 60 {
            lastPrune = newest
            let cutoff = newest - retention
            states = states.filter { $0.value.timestamp >= cutoff }
        }
        if states.count > limit { keepNewest(limit / 2) }
    }

    /// Keeps the `count` states whose sessions were active last.
    private mutating func keepNewest(_ count: Int) {
        let kept = states.values.sorted { $0.timestamp > $1.timestamp }.prefix(count)
        states = Dictionary(uniqueKeysWithValues: kept.map { ($0.sessionID, $0) })
    }

    mutating func removeAll() {
        states.removeAll()
    }
}
