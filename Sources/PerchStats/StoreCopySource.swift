import PerchCore

/// What `perch store copy` reads from the store it copies from (SQLite): each site's events and
/// sessions a batch at a time in a stable order, the data the configuration copy needs beyond the
/// administration roles, and the row counts the copy is verified by. (In PerchStats because goals
/// and API keys are Stats types.)
package protocol StoreCopySource: SiteAdministration, ShieldAdministration, SaltStore {
    /// The goals of the active site `domain`, in the order they were added.
    func goals(domain: String) throws -> [Goal]
    /// Up to `limit` events of the site after `cursor`, ordered by (timestamp, sequence); each
    /// with its sequence, a number unique in the store that never changes.
    func copyEvents(siteID: Int64, after cursor: CopyCursor, limit: Int) throws -> [SequencedEventRecord]
    /// Up to `limit` sessions of the site after `cursor`, ordered by (start, session id as Int64).
    func copySessions(siteID: Int64, after cursor: CopyCursor, limit: Int) throws -> [SessionRecord]
    /// Events and sessions per site id (sites without rows are absent).
    func copyRowCounts() throws -> [Int64: StoreRowCounts]
    /// Stats API keys not revoked, with the hash of their secret (the secret itself is not stored).
    func copyAPIKeys() throws -> [CopiedAPIKey]
}

/// A position in a site's rows ordered by (time, tie-break): rows strictly after it come next.
/// `start(at:)` is the position before every row of a second.
package struct CopyCursor: Sendable, Hashable {
    package var timestamp: Int64
    package var tieBreak: Int64

    package init(timestamp: Int64, tieBreak: Int64) {
        self.timestamp = timestamp
        self.tieBreak = tieBreak
    }

    /// Before every row of second `timestamp` (and after all earlier ones).
    package static func start(at timestamp: Int64) -> CopyCursor {
        CopyCursor(timestamp: timestamp, tieBreak: .min)
    }
}

/// An event with the source store's sequence number for it.
package struct SequencedEventRecord: Sendable, Hashable {
    package var sequence: Int64
    package var event: EventRecord

    package init(sequence: Int64, event: EventRecord) {
        self.sequence = sequence
        self.event = event
    }
}

/// How many rows a site has in a store.
package struct StoreRowCounts: Sendable, Hashable {
    package var events: Int64
    package var sessions: Int64

    package init(events: Int64 = 0, sessions: Int64 = 0) {
        self.events = events
        self.sessions = sessions
    }
}

/// A Stats API key as stored: its hash stays valid in the copy, so the secret keeps working.
package struct CopiedAPIKey: Sendable, Hashable {
    package var key: APIKey
    package var keyHash: String

    package init(key: APIKey, keyHash: String) {
        self.key = key
        self.keyHash = keyHash
    }
}
