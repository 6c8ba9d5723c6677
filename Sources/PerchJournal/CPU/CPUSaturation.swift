/// Whether the machine's CPUs were all but fully busy over the last sampling window, from two
/// readings of `CPUTimes` at least `window` apart.
///
/// The journal's flusher asks it before holding a batch back (`JournalGroupCommit.CPURule`):
/// when the CPUs are saturated, the syncs and wake-ups a fuller batch saves go to the event
/// loops, which are waiting for CPU; when some CPU is idle, the saving buys nothing and the wait
/// only adds latency. The CPUs are the machine's as `/proc/stat` counts them: in a container held
/// to a CPU quota below the machine's, the quota's saturation does not show, and the journal
/// waits only after the batches its size rule names. Owned by one thread.
struct CPUSaturation {
    let windowNanoseconds: UInt64
    /// The idle share of the CPU time below which the CPUs count as saturated.
    let idleBelow: Double
    private var reading: (at: UInt64, times: CPUTimes)?
    private(set) var isSaturated = false

    init(window: Duration, idleBelow: Double) {
        windowNanoseconds = UInt64(max(0, window.wholeNanoseconds))
        self.idleBelow = idleBelow
    }

    /// Takes a reading from `read` unless the last is less than a window old, and says whether
    /// the CPUs were saturated between the last two. Not saturated while there is only one
    /// reading, when `read` fails, and when the counters went backwards.
    mutating func update(now: UInt64, read: () -> CPUTimes?) -> Bool {
        if let reading, now &- reading.at < windowNanoseconds { return isSaturated }
        let previous = reading
        guard let times = read() else {
            reading = nil
            isSaturated = false
            return false
        }
        reading = (now, times)
        if let previous, times.total > previous.times.total, times.idle >= previous.times.idle {
            let idleShare = Double(times.idle - previous.times.idle) / Double(times.total - previous.times.total)
            isSaturated = idleShare < idleBelow
        } else {
            isSaturated = false
        }
        return isSaturated
    }
}
