import Dispatch
import Logging

extension Journal {
    /// What `whenDurable` reports for an entry whose record was never written.
    static let lostError = JournalError.failed("the entry's journal write failed")

    /// Tells `observer` of failed and recovered writes. Replaces an earlier observer.
    package func observe(_ observer: any JournalObserver) {
        state.withLock { $0.observer = observer }
    }

    /// Whether the last write failed, so appends are being refused or probed (see `JournalFaults`).
    package var isFailing: Bool {
        state.withLock { $0.faults.current != nil }
    }

    /// After a failed write: the entries of `batch` and everything staged since were not written.
    /// In fsync mode their appenders learn it (the server answers 503) and they are forgotten; in
    /// buffer mode they were acknowledged already, so they still go to the store, from memory.
    /// Logs once per fault.
    func recordFailure(_ error: JournalError, unwritten batch: [JournalState.Staged]) {
        let now = DispatchTime.now().uptimeNanoseconds
        let (starts, waiters, observer) = state.withLock { state in
            let unwritten = batch + state.staged
            state.staged.removeAll(keepingCapacity: true)
            var lost: ClosedRange<UInt64>?
            if durability == .buffer {
                for record in unwritten { state.appendPending(record) }
            } else if let first = unwritten.first, let last = unwritten.last {
                state.unapplied -= unwritten.count
                state.unappliedBytes -= unwritten.reduce(0) { $0 + $1.cost }
                lost = first.sequence...last.sequence
            }
            let starts = state.faults.recordFailure(
                error, lost: lost, refuseUntil: now + retryAfterFailureNanoseconds)
            let waiters = lost.map { state.takeWaiters(through: $0.upperBound) } ?? []
            return (starts, waiters, state.observer)
        }
        if starts {
            logger.error(
                "journal write failed, refusing events until a write works", metadata: ["journal.error": "\(error)"])
        }
        observer?.journalWriteDidFail(error)
        for waiter in waiters { waiter.callback(.failure(error)) }
    }

    /// Says once that a fault of `failures` failed writes ended (`JournalFaults.recordSuccess`).
    func reportRecovery(failures: Int, observer: (any JournalObserver)?) {
        logger.notice("journal write recovered", metadata: ["failure.count": "\(failures)"])
        observer?.journalWriteDidRecover()
    }
}
