/// When an appended entry counts as accepted (`--durability`).
package enum JournalDurability: String, Sendable, Hashable, CaseIterable {
    /// Accepted once written and `fdatasync`'d; concurrent appends share one sync (group commit).
    case fsync
    /// Accepted at once; written promptly and synced about every 100 ms and at close.
    case buffer
}
