import PerchCore
import Synchronization

/// The live sessions (spec §9, §4.7), keyed by site and visitor and sharded so concurrent visitors
/// rarely share a lock. A session is reused while its last-seen time is at most 30 whole minutes
/// (truncated) before the event; engagement events refresh last-seen without touching the session.
package final class SessionCache: Sendable {
    /// Reuse iff the whole minutes since last seen, truncated, are at most this.
    package static let idleMinutes: Int64 = 30
    /// The idle timeout in seconds; a session stays reusable up to 59 s past it (whole minutes).
    package static let idleTimeoutSeconds: Int64 = idleMinutes * 60

    private struct Entry {
        var session: SessionRecord
        /// Latest event time seen, engagements included; `session.timestamp` excludes them.
        var lastSeen: Int64
    }

    private final class Shard: Sendable {
        let entries = Mutex<[SessionKey: Entry]>([:])
    }

    private let shards: [Shard]
    private let shardShift: UInt64
    private let newSessionID: @Sendable () -> UInt64

    /// - Parameters:
    ///   - shardBits: the cache has `2^shardBits` shards.
    ///   - sessionIDs: makes the id of each new session; random and never 0 by default.
    package init(
        shardBits: Int = 6,
        sessionIDs: @escaping @Sendable () -> UInt64 = { UInt64.random(in: 1...UInt64.max) }
    ) {
        precondition((0...16).contains(shardBits), "shardBits must be within 0...16")
        shards = (0..<(1 << shardBits)).map { _ in Shard() }
        shardShift = UInt64(64 - shardBits)
        newSessionID = sessionIDs
    }

    /// Attaches `draft` to its session and runs `body` with the outcome while the session's lock is
    /// held, so entries of one session reach the journal in the order they were decided. When
    /// `body` throws (the journal refused the entry) the cache is left as it was.
    ///
    /// `draft` carries the event's own values, `userID` = the id under the current salt.
    /// On success the event row has the session's ids and visit attributes; `session` is the new
    /// session state, or nil for an engagement event (which only keeps the session alive).
    package func record<R, Failure: Error>(
        _ draft: EventRecord,
        previousUserID: UInt64?,
        isPageview: Bool,
        isEngagement: Bool,
        then body: (Result<JournalEntry, DropReason>) throws(Failure) -> R
    ) throws(Failure) -> R {
        let currentKey = SessionKey(siteID: draft.siteID, userID: draft.userID)
        let currentShard = shardIndex(currentKey)
        let previousKey = previousUserID.flatMap {
            $0 == draft.userID ? nil : SessionKey(siteID: draft.siteID, userID: $0)
        }
        guard let previousKey, shardIndex(previousKey) != currentShard else {
            return try shards[currentShard].entries.withLock { (entries) throws(Failure) -> R in
                let found =
                    live(entries[currentKey], at: draft.timestamp).map { ($0, currentKey) }
                    ?? previousKey.flatMap { key in live(entries[key], at: draft.timestamp).map { ($0, key) } }
                let (result, update) = resolve(
                    draft, found: found?.0, isPageview: isPageview,
                    isEngagement: isEngagement)
                let output = try body(result)
                if let update { entries[found?.1 ?? currentKey] = update }
                return output
            }
        }
        // Two shards: lock them in index order so two events cannot wait on each other.
        let previousShard = shardIndex(previousKey)
        let (low, high) = (min(currentShard, previousShard), max(currentShard, previousShard))
        return try shards[low].entries.withLock { (lowEntries) throws(Failure) -> R in
            try shards[high].entries.withLock { (highEntries) throws(Failure) -> R in
                let currentIsLow = currentShard == low
                let atCurrent = live(
                    currentIsLow ? lowEntries[currentKey] : highEntries[currentKey],
                    at: draft.timestamp)
                let atPrevious =
                    atCurrent == nil
                    ? live(currentIsLow ? highEntries[previousKey] : lowEntries[previousKey], at: draft.timestamp)
                    : nil
                let (result, update) = resolve(
                    draft, found: atCurrent ?? atPrevious, isPageview: isPageview,
                    isEngagement: isEngagement)
                let output = try body(result)
                if let update {
                    // A session found under the previous salt stays under its old user id (spec §8).
                    let inLow = (atPrevious == nil) == currentIsLow
                    let key = atPrevious == nil ? currentKey : previousKey
                    if inLow { lowEntries[key] = update } else { highEntries[key] = update }
                }
                return output
            }
        }
    }

    /// Loads sessions read from the store at start, so a restart does not split a visit.
    /// `lastSeen` gives each session's last activity (its `timestamp` unless the caller knows of
    /// later engagement events, e.g. from the journal). A newer session for the same key wins.
    package func warm(with sessions: [SessionRecord], lastSeen: (SessionRecord) -> Int64 = { $0.timestamp }) {
        for session in sessions {
            let key = SessionKey(siteID: session.siteID, userID: session.userID)
            let entry = Entry(session: session, lastSeen: max(session.timestamp, lastSeen(session)))
            shards[shardIndex(key)].entries.withLock { entries in
                guard let existing = entries[key] else {
                    entries[key] = entry
                    return
                }
                if existing.session.sessionID == entry.session.sessionID {
                    let newest = entry.session.events >= existing.session.events ? entry.session : existing.session
                    entries[key] = Entry(session: newest, lastSeen: max(existing.lastSeen, entry.lastSeen))
                } else if entry.lastSeen > existing.lastSeen {
                    entries[key] = entry
                }
            }
        }
    }

    /// Drops sessions no event at or after `nowSeconds` could reuse; returns how many.
    @discardableResult
    package func evictExpired(nowSeconds: Int64) -> Int {
        var removed = 0
        for shard in shards {
            shard.entries.withLock { entries in
                let before = entries.count
                entries = entries.filter { Self.isReusable(lastSeen: $0.value.lastSeen, at: nowSeconds) }
                removed += before - entries.count
            }
        }
        return removed
    }

    /// The cached state of the session under `key`, live or not yet evicted.
    package func session(for key: SessionKey) -> SessionRecord? {
        shards[shardIndex(key)].entries.withLock { $0[key]?.session }
    }

    /// Sessions currently held, including expired ones not yet evicted.
    package var count: Int {
        shards.reduce(0) { total, shard in total + shard.entries.withLock { $0.count } }
    }

    /// Spec §9: whole minutes between, truncated toward zero, at most 30; an earlier event is fine.
    package static func isReusable(lastSeen: Int64, at eventTime: Int64) -> Bool {
        (eventTime - lastSeen) / 60 <= idleMinutes
    }

    private func shardIndex(_ key: SessionKey) -> Int {
        shardShift == 64 ? 0 : Int(truncatingIfNeeded: key.mixed >> shardShift)
    }

    private func live(_ entry: Entry?, at time: Int64) -> Entry? {
        guard let entry, Self.isReusable(lastSeen: entry.lastSeen, at: time) else { return nil }
        return entry
    }

    /// The outcome for one event and the entry to store for its key (nil: leave the cache alone).
    private func resolve(
        _ draft: EventRecord,
        found: Entry?,
        isPageview: Bool,
        isEngagement: Bool
    ) -> (Result<JournalEntry, DropReason>, Entry?) {
        var event = draft
        guard var entry = found else {
            if isEngagement { return (.failure(.noSessionForEngagement), nil) }
            event.sessionID = newSessionID()
            let session = SessionRecord.started(by: event, isPageview: isPageview)
            let entry = Entry(session: session, lastSeen: event.timestamp)
            return (.success(JournalEntry(event: event, session: session)), entry)
        }
        event.sessionID = entry.session.sessionID
        event.userID = entry.session.userID
        event.visit = entry.session.visit
        entry.lastSeen = max(entry.lastSeen, event.timestamp)
        if isEngagement {
            return (.success(JournalEntry(event: event, session: nil)), entry)
        }
        entry.session.absorb(event, isPageview: isPageview)
        return (.success(JournalEntry(event: event, session: entry.session)), entry)
    }
}
