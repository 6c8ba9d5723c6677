import Dispatch
import Logging
import PerchCore

extension Journal {
    /// The segment file the flusher appends to; owned by the flusher thread alone.
    private struct ActiveFile {
        var descriptor: Int32
        var path: String
        /// Bytes of whole records written.
        var bytes: Int
        /// Bytes synced to disk by the last successful sync.
        var syncedBytes: Int
        /// The file's size: the records, then zeros (`SegmentFile.extensionBytes` at a time).
        var allocated: Int

        /// Cuts the zeros off and makes the file durable: for a segment that is done with.
        func finish() throws(JournalError) {
            if allocated > bytes {
                try SegmentFile.truncate(descriptor, to: bytes, path: path)
            } else {
                try SegmentFile.syncData(descriptor, path: path)
            }
        }
    }

    /// The flusher thread's body: group commit until `close()`. A failed write or sync does not
    /// stop it (see `recordFailure`): the next batch goes to a new segment once the disk works.
    func runFlusher() {
        var file: ActiveFile?
        var batch: [JournalState.Staged] = []
        var frames: [UInt8] = []
        // Buffer mode: the newest record written but not yet synced.
        var unsyncedThrough: UInt64?
        var unsyncedRecords = 0
        var lastSync = DispatchTime.now().uptimeNanoseconds
        var cpuSaturation = groupCommit.cpu.map { CPUSaturation(window: $0.window, idleBelow: $0.idleBelow) }
        if durability == .fsync { _ = cpuSaturation?.update(now: lastSync, read: cpuTimes) }
        while true {
            if unsyncedThrough != nil {
                _ = wakeup.wait(timeout: DispatchTime(uptimeNanoseconds: lastSync + Self.bufferSyncNanoseconds))
            } else {
                wakeup.wait()
            }
            if durability == .fsync {
                gatherBatch(cpuSaturation: &cpuSaturation)
            }
            // Swapping keeps both arrays' capacity, so steady state allocates no staging storage.
            let closing = state.withLock { state in
                swap(&batch, &state.staged)
                state.wakeupSent = false
                state.wakeupAt = 1
                if case .closing = state.phase { return true }
                return false
            }
            do throws(JournalError) {
                if let first = batch.first, let last = batch.last {
                    frames.removeAll(keepingCapacity: true)
                    for record in batch {
                        JournalFrame.append(sequence: record.sequence, payload: record.payload, to: &frames)
                    }
                    var active = try segment(for: first.sequence, file: &file)
                    try SegmentFile.writeAll(active.descriptor, frames, at: active.bytes, path: active.path)
                    active.bytes += frames.count
                    file = active
                    if active.bytes > active.allocated {
                        let allocated = (active.bytes / SegmentFile.extensionBytes + 1) * SegmentFile.extensionBytes
                        try SegmentFile.extend(active.descriptor, from: active.bytes, to: allocated, path: active.path)
                        active.allocated = allocated
                        file = active
                    }
                    unsyncedThrough = last.sequence
                    unsyncedRecords += batch.count
                }
                var durableThrough: UInt64?
                var syncedRecords = 0
                let now = DispatchTime.now().uptimeNanoseconds
                if let through = unsyncedThrough, var active = file,
                    durability == .fsync || closing || now - lastSync >= Self.bufferSyncNanoseconds
                {
                    try SegmentFile.syncData(active.descriptor, path: active.path)
                    active.syncedBytes = active.bytes
                    file = active
                    lastSync = now
                    unsyncedThrough = nil
                    durableThrough = through
                    syncedRecords = unsyncedRecords
                    unsyncedRecords = 0
                }
                finish(batch, durableThrough: durableThrough, syncedRecords: syncedRecords)
            } catch {
                abandon(&file)
                unsyncedThrough = nil
                unsyncedRecords = 0
                recordFailure(error, unwritten: batch)
            }
            batch.removeAll(keepingCapacity: true)
            if closing {
                finishClosing()
                break
            }
        }
        if let file {
            do throws(JournalError) {
                try file.finish()
            } catch {
                // Harmless: recovery reads the zeros after the last record as the segment's end.
                logger.warning(
                    "journal segment not cut back at close",
                    metadata: ["journal.segment": "\(file.path)", "journal.error": "\(error)"])
            }
            SegmentFile.closeDescriptor(file.descriptor)
        }
        flusherExited.signal()
    }

    /// Waits, if `groupCommit` says so, until more records are staged or its delay is over. The
    /// appenders then wake the flusher only when the target is reached (`JournalState.wakeupAt`);
    /// `close()` wakes it at once. A wake-up left over from a target reached just as the delay
    /// ran out makes at most one early pass over an empty or small batch. The CPU times are read
    /// (outside the lock) only when the last batch's size leaves the decision to them.
    private func gatherBatch(cpuSaturation: inout CPUSaturation?) {
        let now = DispatchTime.now().uptimeNanoseconds
        // Only the flusher writes these (in `finish`), so they hold until the decision below.
        let (lastSyncEnd, previousBatch) = state.withLock { ($0.lastSyncEnd, $0.lastSyncRecords) }
        let sinceLastSync = now &- lastSyncEnd
        var cpuSaturated = false
        if groupCommit.asksCPU(sinceLastSync: sinceLastSync, previousBatch: previousBatch) {
            cpuSaturated = cpuSaturation?.update(now: now, read: cpuTimes) ?? false
        }
        let delay: UInt64? = state.withLock { state in
            guard case .open = state.phase,
                let delay = groupCommit.delay(
                    staged: state.staged.count, sinceLastSync: sinceLastSync, previousBatch: previousBatch,
                    cpuSaturated: cpuSaturated)
            else { return nil }
            if previousBatch >= groupCommit.busyBatch {
                state.syncCounts.waitsAfterBatch += 1
            } else {
                state.syncCounts.waitsForCPU += 1
            }
            state.wakeupSent = false
            state.wakeupAt = groupCommit.targetRecords
            return delay
        }
        guard let delay else { return }
        _ = wakeup.wait(timeout: DispatchTime(uptimeNanoseconds: now + delay))
    }

    /// The file to write a batch starting at `sequence` to: the current one, or a new segment
    /// when there is none (at start, after a failed write) or the current one has reached
    /// `segmentBytes`. Leaves `file` naming whatever is open, for `abandon` if this throws.
    private func segment(for sequence: UInt64, file: inout ActiveFile?) throws(JournalError) -> ActiveFile {
        if let current = file {
            if current.bytes < segmentBytes { return current }
            // Make the finished segment durable before records move on to the next one.
            try current.finish()
            SegmentFile.closeDescriptor(current.descriptor)
            file = nil
            state.withLock { $0.activeSegment = nil }
        }
        let path = directory + "/" + SegmentFile.name(firstSequence: sequence)
        let descriptor = try SegmentFile.createExclusive(path)
        let created = ActiveFile(descriptor: descriptor, path: path, bytes: 0, syncedBytes: 0, allocated: 0)
        file = created
        state.withLock { state in
            state.segments.append(JournalState.Segment(first: sequence, last: sequence, path: path))
            state.activeSegment = sequence
        }
        try SegmentFile.syncDirectory(directory)
        return created
    }

    /// After a failed write or sync: cuts off the segment what the failure may have left on it (a
    /// torn record; in fsync mode also the records whose appenders are told they failed, so that
    /// a restart cannot store them) and closes it. The next batch starts a new segment, so no
    /// record is ever written after a torn one. Best effort: the disk is failing.
    private func abandon(_ file: inout ActiveFile?) {
        guard let current = file else { return }
        file = nil
        let keep = durability == .fsync ? current.syncedBytes : current.bytes
        do throws(JournalError) {
            try SegmentFile.truncate(current.descriptor, to: keep, path: current.path)
        } catch {
            logger.warning(
                "journal segment not cut back after a failed write",
                metadata: ["journal.segment": "\(current.path)", "journal.error": "\(error)"])
        }
        SegmentFile.closeDescriptor(current.descriptor)
        let empty = keep == 0 && (try? SegmentFile.remove(current.path)) != nil
        state.withLock { state in
            if empty { state.segments.removeAll { $0.path == current.path } }
            state.activeSegment = nil
        }
    }

    /// Publishes a written batch to the writer and fires the callbacks that are now durable; a
    /// sync made `syncedRecords` durable through `durableThrough`.
    private func finish(_ batch: [JournalState.Staged], durableThrough: UInt64?, syncedRecords: Int) {
        let now = durableThrough == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        let (due, ready, recovered, observer) = state.withLock { state in
            if let durableThrough {
                state.syncCounts.syncs += 1
                state.syncCounts.records += syncedRecords
                state.durableSequence = max(state.durableSequence, durableThrough)
                state.lastSyncEnd = now
                state.lastSyncRecords = batch.count
            }
            var recovered: Int?
            if let last = batch.last {
                // No reserveCapacity here: an exact reservation defeats geometric growth, and the
                // array would be copied whole for every batch.
                for record in batch { state.appendPending(record) }
                if !state.segments.isEmpty { state.segments[state.segments.count - 1].last = last.sequence }
                recovered = state.faults.recordSuccess()
            }
            let due = durableThrough.map { state.takeWaiters(through: $0) } ?? []
            let ready = !batch.isEmpty && state.pendingCount >= state.batchThreshold ? state.batchReady : nil
            return (due, ready, recovered, recovered == nil ? nil : state.observer)
        }
        if let recovered { reportRecovery(failures: recovered, observer: observer) }
        for waiter in due { waiter.callback(.success(())) }
        ready?()
    }

    private func finishClosing() {
        let waiters = state.withLock { state in
            state.phase = .closed
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.callback(.failure(.closed)) }
    }
}
