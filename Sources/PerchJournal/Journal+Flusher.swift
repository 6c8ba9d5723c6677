import Dispatch
import Logging
import PerchCore

extension Journal {
    /// The segment file the flusher appends to; owned by the flusher thread alone.
    private struct ActiveFile {
        var descriptor: Int32
        var path: String
        var bytes: Int
    }

    /// The flusher thread's body: group commit until `close()` or an I/O error.
    func runFlusher() {
        var file: ActiveFile?
        var batch: [JournalState.Staged] = []
        var frames: [UInt8] = []
        // Buffer mode: the newest record written but not yet synced.
        var unsyncedThrough: UInt64?
        var lastSync = DispatchTime.now().uptimeNanoseconds
        while true {
            if unsyncedThrough != nil {
                _ = wakeup.wait(timeout: DispatchTime(uptimeNanoseconds: lastSync + Self.bufferSyncNanoseconds))
            } else {
                wakeup.wait()
            }
            // Swapping keeps both arrays' capacity, so steady state allocates no staging storage.
            let closing = state.withLock { state in
                swap(&batch, &state.staged)
                state.wakeupSent = false
                if case .closing = state.phase { return true }
                return false
            }
            do throws(JournalError) {
                if let first = batch.first, let last = batch.last {
                    frames.removeAll(keepingCapacity: true)
                    for record in batch {
                        JournalFrame.append(sequence: record.sequence, payload: record.payload, to: &frames)
                    }
                    var active = try segment(for: first.sequence, current: file)
                    file = active
                    try SegmentFile.writeAll(active.descriptor, frames, path: active.path)
                    active.bytes += frames.count
                    file = active
                    unsyncedThrough = last.sequence
                }
                var durableThrough: UInt64?
                let now = DispatchTime.now().uptimeNanoseconds
                if let through = unsyncedThrough, let active = file,
                    durability == .fsync || closing || now - lastSync >= Self.bufferSyncNanoseconds
                {
                    try SegmentFile.syncData(active.descriptor, path: active.path)
                    lastSync = now
                    unsyncedThrough = nil
                    durableThrough = through
                }
                finish(batch, durableThrough: durableThrough)
            } catch {
                logger.error("journal write failed", metadata: ["journal.error": "\(error)"])
                fail(error, unwritten: batch)
                break
            }
            batch.removeAll(keepingCapacity: true)
            if closing {
                finishClosing()
                break
            }
        }
        if let file { SegmentFile.closeDescriptor(file.descriptor) }
        flusherExited.signal()
    }

    /// The file to write a batch starting at `sequence` to: the current one, or a new segment
    /// once the current one has reached `segmentBytes`.
    private func segment(for sequence: UInt64, current: ActiveFile?) throws(JournalError) -> ActiveFile {
        if let current, current.bytes < segmentBytes { return current }
        if let current {
            // Make the finished segment durable before records move on to the next one.
            try SegmentFile.syncData(current.descriptor, path: current.path)
            SegmentFile.closeDescriptor(current.descriptor)
        }
        let path = directory + "/" + SegmentFile.name(firstSequence: sequence)
        let descriptor = try SegmentFile.createExclusive(path)
        try SegmentFile.syncDirectory(directory)
        state.withLock { state in
            state.segments.append(JournalState.Segment(first: sequence, last: sequence, path: path))
            state.activeSegment = sequence
        }
        return ActiveFile(descriptor: descriptor, path: path, bytes: 0)
    }

    /// Publishes a written batch to the writer and fires the callbacks that are now durable.
    private func finish(_ batch: [JournalState.Staged], durableThrough: UInt64?) {
        let (due, ready) = state.withLock { state in
            if let durableThrough { state.durableSequence = max(state.durableSequence, durableThrough) }
            if let last = batch.last {
                // No reserveCapacity here: an exact reservation defeats geometric growth, and the
                // array would be copied whole for every batch.
                for record in batch { state.appendPending(record) }
                if !state.segments.isEmpty { state.segments[state.segments.count - 1].last = last.sequence }
            }
            let due = durableThrough.map { state.takeWaiters(through: $0) } ?? []
            let ready = !batch.isEmpty && state.pendingCount >= state.batchThreshold ? state.batchReady : nil
            return (due, ready)
        }
        for waiter in due { waiter.callback(.success(())) }
        ready?()
    }

    /// After an I/O error nothing more is accepted. Buffer mode already acknowledged the unwritten
    /// entries, so they still go to the store; in fsync mode their appenders learn of the failure.
    private func fail(_ error: JournalError, unwritten batch: [JournalState.Staged]) {
        let waiters = state.withLock { state in
            state.phase = .failed(error)
            if durability == .buffer {
                for record in batch + state.staged { state.appendPending(record) }
            }
            state.staged.removeAll()
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.callback(.failure(error)) }
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
