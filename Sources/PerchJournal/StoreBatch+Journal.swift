import PerchCore

extension StoreBatch {
    /// The batch for a run of journal entries: every event in order, and one state per session
    /// (the one with the most `events`; on a tie the later entry's), in order of first appearance.
    package init(collapsing entries: [SequencedEntry]) {
        var events: [EventRecord] = []
        events.reserveCapacity(entries.count)
        var sessions: [SessionRecord] = []
        var positions: [UInt64: Int] = [:]
        var keys: [(key: String, timestamp: Int64)] = []
        for item in entries {
            events.append(item.entry.event)
            if let key = item.entry.idempotencyKey { keys.append((key, item.entry.event.timestamp)) }
            guard let session = item.entry.session else { continue }
            if let position = positions[session.sessionID] {
                if session.events >= sessions[position].events { sessions[position] = session }
            } else {
                positions[session.sessionID] = sessions.count
                sessions.append(session)
            }
        }
        self.init(
            events: events, sessions: sessions, lastSequence: entries.last?.sequence ?? 0, idempotencyKeys: keys)
    }
}
