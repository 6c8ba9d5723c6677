import Testing

@testable import PerchJournal

/// Reading the aggregate line of Linux's `/proc/stat` (proc(5): user nice system idle iowait irq
/// softirq steal guest guest_nice, in clock ticks, guest time already inside user and nice).
@Suite struct CPUTimesTests {
    static func parse(_ text: String) -> CPUTimes? {
        CPUTimes(procStat: Array(text.utf8))
    }

    @Test func idleIsIdleAndIOWaitAndTheTotalLeavesGuestTimeOut() {
        let times = Self.parse(
            "cpu  1370185 11900 294030 1062388 25830 0 33034 36868 700 11\ncpu0 646418 5632 138282 589695 5611 0 13520 17721 0 0\n"
        )
        #expect(
            times
                == CPUTimes(
                    idle: 1_062_388 + 25830, total: 1_370_185 + 11900 + 294_030 + 1_062_388 + 25830 + 33034 + 36868))
    }

    @Test func olderKernelsShortLineIsEnough() {
        #expect(Self.parse("cpu 10 20 30 40\n") == CPUTimes(idle: 40, total: 100))
        #expect(Self.parse("cpu 10 20 30 40 5\n") == CPUTimes(idle: 45, total: 105))
    }

    @Test func anythingElseIsNil() {
        #expect(Self.parse("") == nil)
        #expect(Self.parse("cpu  1 2 3 4 5 6 7 8 9 10") == nil, "no newline: the last number may be cut short")
        #expect(Self.parse("cpu0 1 2 3 4 5 6 7 8 0 0\n") == nil, "one CPU's line, not the sum")
        #expect(Self.parse("cpu  1 2 3\n") == nil, "no idle field")
        #expect(Self.parse("cpu  1 2 x 4\n") == nil)
        #expect(Self.parse("cpu  1 2 -3 4\n") == nil)
        #expect(Self.parse("cpu  99999999999999999999 1 1 1\n") == nil, "over UInt64")
        #expect(Self.parse("intr 1 2 3 4\n") == nil)
    }

    @Test func thisMachineHasTimesThatGrow() throws {
        #if os(Linux)
            let first = try #require(CPUTimes.readSystem())
            var spin: UInt64 = 0
            var second = first
            // Ticks are 10 ms: spin until the counters move (each read is a few microseconds).
            while second.total == first.total {
                for index in 0..<100_000 { spin &+= UInt64(index) }
                second = try #require(CPUTimes.readSystem())
            }
            #expect(spin > 0)
            #expect(second.total > first.total && second.idle >= first.idle)
            #expect(first.idle <= first.total)
        #endif
    }
}
