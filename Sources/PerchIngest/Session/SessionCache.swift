import PerchCore
import Synchronization

/// The live sessions (spec §9, §4.7), keyed by site and visitor and sharded so concurrent visitors
/// rarely share a lock. A session is reused while its last-seen time is at most 30 whole minutes
/// (truncated) before the event; engagement events refresh last-seen without touching the session.
///
/// The cache holds at most `maxSessions` sessions, packed (`PackedSession`). Past the bound it
/// evicts the least recently active sessions of the full shard; when an evicted visitor returns
/// within the idle timeout, the session is read back from the `SessionArchive`, so eviction does
/// not split a visit as long as the store has the session's latest state (see docs/architecture.md, Memory bounds).
package final class SessionCache: Sendable {
    /// Reuse iff the whole minutes since last seen, truncated, are at most this.
    package static let idleMinutes: Int64 = 30
    /// The idle timeout in seconds; a session stays reusable up to 59 s past it (whole minutes).
    package static let idleTimeoutSeconds: Int64 = idleMinutes * 60
    /// The default bound on cached sessions (`perch serve --max-sessions`).
    package static let defaultMaxSessions = 500_000

    private final class Shard: Sendable {
        let entries = Mutex<[SessionKey: PackedSession]>([:])
    }

    /// What one event does to its cache entry.
    private enum Update {
        case none
        case lastSeen(Int64)
        case session(SessionRecord, lastSeen: Int64)
    }

    /// An `Update` as it is stored: a changed session already packed, so one event takes the
    /// string pool's lock (shared by every shard) once, to unpack and repack together.
    private enum PackedUpdate {
        case none
        case lastSeen(Int64)
        case session(PackedSession)
    }

    private let shards: [Shard]
    private let shardShift: UInt64
    private let shardCapacity: Int
    private let newSessionID: @Sendable (Int64) -> UInt64
    private let pool: SessionStringPool
    private let evicted: EvictedSessionFilter
    private let archive: (any SessionArchive)?
    private let evictionCount = Atomic<Int>(0)
    private let reloadCount = Atomic<Int>(0)

    /// - Parameters:
    ///   - maxSessions: the most sessions held, split evenly across the shards.
    ///   - shardBits: the cache has `2^shardBits` shards.
    ///   - archive: where evicted sessions are read back from; nil keeps no record of evictions.
    ///   - sessionIDs: makes the id of each new session from its start (Unix seconds); by default a
    ///     `SessionIDGenerator`'s.
    package init(
        maxSessions: Int = defaultMaxSessions,
        shardBits: Int = 6,
        archive: (any SessionArchive)? = nil,
        strings: SessionStringPool = SessionStringPool(),
        evicted: EvictedSessionFilter = EvictedSessionFilter(),
        sessionIDs: @escaping @Sendable (Int64) -> UInt64 = SessionIDGenerator().next(startingAt:)
    ) {
        precondition((0...16).contains(shardBits), "shardBits must be within 0...16")
        precondition(maxSessions > 0, "maxSessions must be positive")
        shards = (0..<(1 << shardBits)).map { _ in Shard() }
        shardShift = UInt64(64 - shardBits)
        shardCapacity = max(1, maxSessions >> shardBits)
        newSessionID = sessionIDs
        pool = strings
        self.evicted = evicted
        self.archive = archive
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
        let reloaded = reloadIfEvicted(currentKey, previousKey, at: draft.timestamp)
        guard let previousKey, shardIndex(previousKey) != currentShard else {
            return try shards[currentShard].entries.withLock { (entries) throws(Failure) -> R in
                let found =
                    live(entries[currentKey], at: draft.timestamp).map { ($0, currentKey) }
                    ?? previousKey.flatMap { key in live(entries[key], at: draft.timestamp).map { ($0, key) } }
                let (result, update, key) = decide(
                    draft, found: found, reloaded: reloaded, currentKey: currentKey,
                    isPageview: isPageview, isEngagement: isEngagement)
                let output = try body(result)
                store(update, at: key, in: &entries, existing: found?.0, now: draft.timestamp)
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
                let found = atCurrent.map { ($0, currentKey) } ?? atPrevious.map { ($0, previousKey) }
                let (result, update, key) = decide(
                    draft, found: found, reloaded: reloaded, currentKey: currentKey,
                    isPageview: isPageview, isEngagement: isEngagement)
                let output = try body(result)
                // A session found under the previous salt stays under its old user id (spec §8).
                if (key == currentKey) == currentIsLow {
                    store(update, at: key, in: &lowEntries, existing: found?.0, now: draft.timestamp)
                } else {
                    store(update, at: key, in: &highEntries, existing: found?.0, now: draft.timestamp)
                }
                return output
            }
        }
    }

    /// Loads sessions read from the store at start, so a restart does not split a visit.
    /// `lastSeen` gives each session's last activity (its `timestamp` unless the caller knows of
    /// later engagement events, e.g. from the journal). A newer session for the same key wins.
    /// Past the bound, the least recently active are evicted as they would be while serving.
    package func warm(with sessions: [SessionRecord], lastSeen: (SessionRecord) -> Int64 = { $0.timestamp }) {
        for session in sessions {
            let key = SessionKey(siteID: session.siteID, userID: session.userID)
            let seen = max(session.timestamp, lastSeen(session))
            shards[shardIndex(key)].entries.withLock { entries in
                if let existing = entries[key] {
                    let sameSession = existing.sessionID == session.sessionID
                    if sameSession && session.events < existing.events {
                        entries[key]?.lastSeen = max(existing.lastSeen, seen)
                        return
                    }
                    if !sameSession && seen <= existing.lastSeen { return }
                    let newest = sameSession ? max(existing.lastSeen, seen) : seen
                    entries[key] = pool.withInterner { PackedSession(session, lastSeen: newest, interner: &$0) }
                } else {
                    entries[key] = pool.withInterner { PackedSession(session, lastSeen: seen, interner: &$0) }
                }
                if entries.count > shardCapacity { makeRoom(in: &entries, now: seen) }
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
        guard let packed = shards[shardIndex(key)].entries.withLock({ $0[key] }) else { return nil }
        return pool.withInterner { packed.record(key: key, interner: $0) }
    }

    /// Sessions currently held, including expired ones not yet evicted.
    package var count: Int {
        shards.reduce(0) { total, shard in total + shard.entries.withLock { $0.count } }
    }

    /// Live sessions evicted to stay within the bound, since start.
    package var evictions: Int { evictionCount.load(ordering: .relaxed) }

    /// Evicted sessions read back from the archive when their visitor returned, since start.
    package var reloads: Int { reloadCount.load(ordering: .relaxed) }

    /// Spec §9: whole minutes between, truncated toward zero, at most 30; an earlier event is fine.
    package static func isReusable(lastSeen: Int64, at eventTime: Int64) -> Bool {
        (eventTime - lastSeen) / 60 <= idleMinutes
    }

    private func shardIndex(_ key: SessionKey) -> Int {
        shardShift == 64 ? 0 : Int(truncatingIfNeeded: key.mixed >> shardShift)
    }

    private func live(_ entry: PackedSession?, at time: Int64) -> PackedSession? {
        guard let entry, Self.isReusable(lastSeen: entry.lastSeen, at: time) else { return nil }
        return entry
    }

    /// The session the store has for a visitor whose session this cache may have evicted; nil
    /// (without I/O) unless the eviction filter says so and the cache has no live session for it.
    private func reloadIfEvicted(_ current: SessionKey, _ previous: SessionKey?, at time: Int64) -> SessionRecord? {
        guard let archive, !evicted.isEmpty,
            evicted.mightContain(current, at: time) || previous.map({ evicted.mightContain($0, at: time) }) == true
        else { return nil }
        let cached = [current, previous].contains { key in
            guard let key else { return false }
            return shards[shardIndex(key)].entries.withLock { live($0[key], at: time) } != nil
        }
        guard !cached else { return nil }
        let userIDs = [current.userID] + (previous.map { [$0.userID] } ?? [])
        let since = time - Self.idleTimeoutSeconds - 59
        guard let session = try? archive.latestSession(siteID: current.siteID, userIDs: userIDs, activeSince: since),
            session.siteID == current.siteID, userIDs.contains(session.userID),
            Self.isReusable(lastSeen: session.timestamp, at: time)
        else { return nil }
        reloadCount.add(1, ordering: .relaxed)
        return session
    }

    /// The outcome for one event, what to store, and under which key. A changed session is packed
    /// here (interning its new strings, which is harmless should the journal then refuse the entry).
    private func decide(
        _ draft: EventRecord,
        found: (PackedSession, SessionKey)?,
        reloaded: SessionRecord?,
        currentKey: SessionKey,
        isPageview: Bool,
        isEngagement: Bool
    ) -> (Result<JournalEntry, DropReason>, PackedUpdate, SessionKey) {
        pool.withInterner { interner in
            let existing: (SessionRecord, Int64)?
            let key: SessionKey
            if let (packed, foundKey) = found {
                existing = (packed.record(key: foundKey, interner: interner), packed.lastSeen)
                key = foundKey
            } else if let reloaded {
                existing = (reloaded, reloaded.timestamp)
                key = SessionKey(siteID: reloaded.siteID, userID: reloaded.userID)
            } else {
                existing = nil
                key = currentKey
            }
            var (result, update) = resolve(
                draft, found: existing, isPageview: isPageview, isEngagement: isEngagement)
            // An engagement continuing a reloaded session: the cache needs the whole session back.
            if found == nil, let reloaded, case .lastSeen(let seen) = update {
                update = .session(reloaded, lastSeen: seen)
            }
            let packed: PackedUpdate =
                switch update {
                case .none: .none
                case .lastSeen(let seen): .lastSeen(seen)
                case .session(let session, let seen):
                    if let (previous, _) = found {
                        // The cached session went on: its visit and entry props are packed already.
                        .session(PackedSession(absorbed: session, into: previous, lastSeen: seen, interner: &interner))
                    } else {
                        .session(PackedSession(session, lastSeen: seen, interner: &interner))
                    }
                }
            return (result, packed, key)
        }
    }

    /// Writes `update` for `key`, making room past the bound.
    private func store(
        _ update: PackedUpdate,
        at key: SessionKey,
        in entries: inout [SessionKey: PackedSession],
        existing: PackedSession?,
        now: Int64
    ) {
        switch update {
        case .none:
            return
        case .lastSeen(let seen):
            guard var packed = existing else { return }
            packed.lastSeen = seen
            entries[key] = packed
            return
        case .session(let packed):
            entries[key] = packed
        }
        if entries.count > shardCapacity { makeRoom(in: &entries, now: now) }
    }

    /// Brings a full shard down to 15/16 of its share: expired sessions first, then the least
    /// recently active, each recorded in the eviction filter and told to the archive (which keeps
    /// which session it was) so its visitor's return finds it.
    private func makeRoom(in entries: inout [SessionKey: PackedSession], now: Int64) {
        var expired: [SessionKey] = []
        var times: [Int64] = []
        times.reserveCapacity(entries.count)
        for (key, entry) in entries {
            if Self.isReusable(lastSeen: entry.lastSeen, at: now) {
                times.append(entry.lastSeen)
            } else {
                expired.append(key)
            }
        }
        for key in expired { entries[key] = nil }
        // Free a sixteenth of the share at once, so a full shard is scanned once per that many inserts.
        let keep = shardCapacity - max(1, shardCapacity / 16)
        let excess = entries.count - keep
        guard excess > 0 else { return }
        times.sort()
        let cutoff = times[excess - 1]
        var atCutoff = excess - times[..<excess].count(where: { $0 < cutoff })
        var victims: [EvictedSession] = []
        victims.reserveCapacity(excess)
        for (key, entry) in entries {
            if entry.lastSeen < cutoff || (entry.lastSeen == cutoff && atCutoff > 0) {
                if entry.lastSeen == cutoff { atCutoff -= 1 }
                victims.append(
                    EvictedSession(
                        siteID: key.siteID, userID: key.userID, sessionID: entry.sessionID, lastSeen: entry.lastSeen))
            }
        }
        for victim in victims {
            let key = SessionKey(siteID: victim.siteID, userID: victim.userID)
            entries[key] = nil
            if archive != nil { evicted.insert(key, lastSeen: victim.lastSeen) }
        }
        archive?.remember(victims)
        evictionCount.add(victims.count, ordering: .relaxed)
    }

    /// The outcome for one event and what it does to the cache entry.
    private func resolve(
        _ draft: EventRecord,
        found: (session: SessionRecord, lastSeen: Int64)?,
        isPageview: Bool,
        isEngagement: Bool
    ) -> (Result<JournalEntry, DropReason>, Update) {
        var event = draft
        guard var (session, lastSeen) = found else {
            if isEngagement { return (.failure(.noSessionForEngagement), .none) }
            event.sessionID = newSessionID(event.timestamp)
            let session = SessionRecord.started(by: event, isPageview: isPageview)
            return (
                .success(JournalEntry(event: event, session: session)), .session(session, lastSeen: event.timestamp)
            )
        }
        event.sessionID = session.sessionID
        event.userID = session.userID
        event.visit = session.visit
        lastSeen = max(lastSeen, event.timestamp)
        if isEngagement {
            return (.success(JournalEntry(event: event, session: nil)), .lastSeen(lastSeen))
        }
        session.absorb(event, isPageview: isPageview)
        return (.success(JournalEntry(event: event, session: session)), .session(session, lastSeen: lastSeen))
    }
}
