import Foundation
import Logging
import PerchCore

extension Journal {
    /// Recovers the journal and starts the flusher thread. Call once, before appending.
    ///
    /// Scans every segment; drops a torn or corrupt tail of the last segment (truncating the file)
    /// and, for older segments, logs the damage and ignores the rest of that segment. Deletes
    /// segments holding nothing after `appliedSequence`, makes every entry after it pending, and
    /// continues sequences after the larger of `appliedSequence` and the last one on disk.
    /// - Returns: the number of entries pending for the store.
    @discardableResult
    package func open(appliedSequence: UInt64) throws(JournalError) -> Int {
        let ready = state.withLock { state in
            if case .created = state.phase { return true }
            return false
        }
        guard ready else { throw .closed }
        let files = try SegmentFile.list(directory)
        var segments: [JournalState.Segment] = []
        var pending: [SequencedEntry] = []
        var costs: [Int] = []
        var lastOnDisk: UInt64 = 0
        for (index, file) in files.enumerated() {
            let isLast = index == files.count - 1
            let bytes = try SegmentFile.readAll(file.path)
            var scan = bytes.withUnsafeBytes { JournalFrame.scan($0, after: lastOnDisk) }
            var entries: [SequencedEntry] = []
            for (position, record) in scan.records.enumerated() where record.sequence > appliedSequence {
                do throws(JournalError) {
                    let payload = bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[record.payload]) }
                    entries.append(SequencedEntry(sequence: record.sequence, entry: try JournalCodec.decode(payload)))
                    costs.append(Self.entryCost(payloadBytes: record.payload.count))
                } catch {
                    scan.damage = "undecodable entry"
                    scan.validLength = record.payload.lowerBound - JournalFrame.headerBytes
                    scan.records.removeSubrange(position...)
                    break
                }
            }
            if let damage = scan.damage {
                let metadata: Logger.Metadata = [
                    "journal.segment": "\(file.path)", "journal.damage": "\(damage)",
                    "journal.offset": "\(scan.validLength)", "journal.bytes": "\(bytes.count)",
                ]
                if isLast {
                    logger.warning("journal tail dropped", metadata: metadata)
                    try SegmentFile.truncate(file.path, to: scan.validLength)
                } else {
                    logger.error("journal segment damaged, rest of segment skipped", metadata: metadata)
                }
            }
            pending += entries
            guard let first = scan.records.first, let last = scan.records.last, last.sequence > appliedSequence else {
                try SegmentFile.remove(file.path)
                lastOnDisk = max(lastOnDisk, scan.records.last?.sequence ?? 0)
                continue
            }
            lastOnDisk = last.sequence
            segments.append(JournalState.Segment(first: first.sequence, last: last.sequence, path: file.path))
        }
        try SegmentFile.syncDirectory(directory)
        let next = max(appliedSequence, lastOnDisk) + 1
        let count = pending.count
        state.withLock { state in
            state.phase = .open
            state.nextSequence = next
            state.durableSequence = next - 1
            state.appliedSequence = appliedSequence
            state.pending = pending
            state.pendingCosts = costs
            state.unapplied = count
            state.unappliedBytes = costs.reduce(0, +)
            state.segments = segments
        }
        logger.info(
            "journal opened",
            metadata: [
                "journal.pending": "\(count)", "journal.next_sequence": "\(next)",
                "journal.segments": "\(segments.count)",
            ]
        )
        let thread = Thread { [self] in
            // Foundation's `Thread.name` does not reach the kernel on Linux; this name shows in
            // `top -H`, `ps -L` and profiles.
            ThreadName.setCurrent("perch-journal")
            runFlusher()
        }
        thread.name = "perch-journal"
        thread.start()
        return count
    }
}
