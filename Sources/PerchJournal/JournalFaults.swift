/// What the journal remembers of failed writes (a full or read-only disk, an I/O error), so that it
/// refuses events while its disk fails, tries again now and then, and never calls an entry durable
/// whose record was not written.
///
/// A fault starts with the first failed write and ends with the next successful one. While it
/// lasts, appends are refused for a while after each failure (`Journal.retryAfterFailure`, 1 s);
/// the first append after that is written, as a probe of the disk.
struct JournalFaults {
    /// Lost ranges kept for late `whenDurable` calls; one range is added per failed write.
    static let maxLostRanges = 1024

    /// The error of the last failed write while a fault lasts; nil while writes work.
    private(set) var current: JournalError?
    /// Appends are refused until this uptime (nanoseconds).
    private(set) var refuseUntil: UInt64 = 0
    /// Failed writes in the current fault.
    private(set) var failures = 0
    /// Counts failed writes ever: a reservation made before one cannot be used after it.
    private(set) var epoch = 0
    /// Sequences handed out whose records were never written (oldest first).
    private(set) var lost: [ClosedRange<UInt64>] = []

    /// The error to refuse an append with at `now`, or nil to accept it.
    func refusal(now: UInt64) -> JournalError? {
        guard let current, now < refuseUntil else { return nil }
        return current
    }

    /// Records a failed write that lost the entries in `lostRange` (nil if none were lost), and
    /// refuses appends until `refuseUntil`. Returns true when this failure starts a fault.
    mutating func recordFailure(
        _ error: JournalError, lost lostRange: ClosedRange<UInt64>?, refuseUntil: UInt64
    ) -> Bool {
        let starts = current == nil
        current = error
        self.refuseUntil = refuseUntil
        failures += 1
        epoch += 1
        if let lostRange {
            if let previous = lost.last, previous.upperBound + 1 == lostRange.lowerBound {
                lost[lost.count - 1] = previous.lowerBound...lostRange.upperBound
            } else {
                lost.append(lostRange)
                if lost.count > Self.maxLostRanges { lost.removeFirst() }
            }
        }
        return starts
    }

    /// Ends the current fault after a successful write: the number of failed writes it had, or nil
    /// if there was no fault.
    mutating func recordSuccess() -> Int? {
        guard current != nil else { return nil }
        defer {
            current = nil
            failures = 0
        }
        return failures
    }

    /// Whether the record of `sequence` was never written.
    func isLost(_ sequence: UInt64) -> Bool {
        // Ranges are in sequence order and few: a scan from the newest is enough.
        for range in lost.reversed() {
            if range.contains(sequence) { return true }
            if range.upperBound < sequence { return false }
        }
        return false
    }
}
