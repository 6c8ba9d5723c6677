/// The machine's CPU time since boot, summed over its CPUs, in clock ticks: how much of it the
/// CPUs had nothing to run (idle, and idle waiting for I/O) and how much there was in all.
///
/// Time the hypervisor gave to other guests (`steal`) counts as busy: it was not there to use.
/// Time in guests of this machine (`guest`, `guest_nice`) is already inside `user` and `nice`,
/// so it is not added again.
package struct CPUTimes: Sendable, Hashable {
    package var idle: UInt64
    package var total: UInt64

    package init(idle: UInt64, total: UInt64) {
        self.idle = idle
        self.total = total
    }

    /// Reads the aggregate line that starts Linux's `/proc/stat`:
    /// `cpu  user nice system idle iowait irq softirq steal guest guest_nice` (kernels before
    /// 2.6.33 give fewer fields; at least `user nice system idle` are needed). Nil for anything
    /// else, and for a line without its newline, whose last number may have been cut short.
    package init?(procStat bytes: some Collection<UInt8>) {
        let prefix = Array("cpu ".utf8)
        guard bytes.starts(with: prefix), let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        var fields: [UInt64] = []
        fields.reserveCapacity(10)
        var current: UInt64?
        for byte in bytes[bytes.index(bytes.startIndex, offsetBy: prefix.count)..<newline] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times10, overflowTimes) = (current ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflowPlus) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowPlus else { return nil }
                current = sum
            case UInt8(ascii: " "):
                if let value = current { fields.append(value) }
                current = nil
            default:
                return nil
            }
        }
        if let value = current { fields.append(value) }
        guard fields.count >= 4 else { return nil }
        // user, nice, system, idle, iowait, irq, softirq, steal; guest time is inside user and nice.
        let counted = fields.prefix(8)
        var total: UInt64 = 0
        for value in counted {
            let (sum, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { return nil }
            total = sum
        }
        idle = fields[3] &+ (fields.count > 4 ? fields[4] : 0)
        self.total = total
    }
}
