import PerchCore

/// The session states this store wrote last, by session id: what the `-1` row of a session's next
/// change must repeat. Only a shortcut: a session missing here is looked up in ClickHouse, so
/// states of sessions idle for longer than `retention` seconds are let go.
struct SessionStateCache {
    private var states: [UInt64: SessionRecord] = [:]
    private var newest: Int64 = .min
    private var lastPrune: Int64 = .min
    let retention: Int64

    init(retention: Int64 = 2 * 3600) {
        self.retention = retention
    }

    subscript(sessionID: UInt64) -> SessionRecord? {
        states[sessionID]
    }

    var count: Int { states.count }

    mutating func record(_ session: SessionRecord) {
        states[session.sessionID] = session
        newest = max(newest, session.timestamp)
        if newest >= lastPrune &+ 60 {
            lastPrune = newest
            let cutoff = newest - retention
            states = states.filter { $0.value.timestamp >= cutoff }
        }
    }

    mutating func removeAll() {
        states.removeAll()
    }
}
