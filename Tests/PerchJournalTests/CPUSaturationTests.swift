import Testing

@testable import PerchJournal

/// `CPUSaturation` reads the CPU times at most once a window and calls the CPUs saturated when
/// the idle share between its last two readings is under its threshold.
@Suite struct CPUSaturationTests {
    /// Feeds `readings` (nil: a failed read) to a `CPUSaturation`, one update at each of `times`,
    /// and returns its answers and how many readings it took.
    static func answers(
        window: Duration, at times: [UInt64], readings: [CPUTimes?]
    ) -> (answers: [Bool], reads: Int) {
        var saturation = CPUSaturation(window: window, idleBelow: 0.15)
        var queue = readings
        var reads = 0
        let answers = times.map { now in
            saturation.update(now: now) {
                reads += 1
                return queue.isEmpty ? nil : queue.removeFirst()
            }
        }
        return (answers, reads)
    }

    static let window: UInt64 = 200_000_000

    @Test func theIdleShareBetweenTheLastTwoReadingsDecides() {
        let result = Self.answers(
            window: .milliseconds(200), at: [0, Self.window, 2 * Self.window, 3 * Self.window],
            readings: [
                CPUTimes(idle: 0, total: 0), CPUTimes(idle: 5, total: 100), CPUTimes(idle: 25, total: 200),
                CPUTimes(idle: 39, total: 300),
            ])
        // One reading says nothing yet; then 5%, 20% and 14% idle.
        #expect(result.answers == [false, true, false, true])
        #expect(result.reads == 4)
    }

    @Test func withinAWindowTheLastAnswerStandsWithoutAReading() {
        let times = [1_000, 1_000 + Self.window] + (1..<10).map { 1_000 + Self.window + UInt64($0) * 10_000_000 }
        let result = Self.answers(
            window: .milliseconds(200), at: times,
            readings: [CPUTimes(idle: 0, total: 0), CPUTimes(idle: 1, total: 100)])
        #expect(result.answers == [false] + Array(repeating: true, count: 10))
        #expect(result.reads == 2)
    }

    @Test func aFailedReadOrCountersGoingBackSayNotSaturated() {
        let result = Self.answers(
            window: .zero, at: Array(1...8),
            readings: [
                CPUTimes(idle: 0, total: 0), CPUTimes(idle: 1, total: 100), nil, CPUTimes(idle: 2, total: 200),
                CPUTimes(idle: 3, total: 300), CPUTimes(idle: 3, total: 250), CPUTimes(idle: 4, total: 350),
                CPUTimes(idle: 3, total: 450),
            ])
        #expect(
            result.answers == [
                false,  // one reading
                true,  // 1% idle
                false,  // the read failed
                false,  // no reading left to compare with
                true,  // 1% idle
                false,  // the total went back
                true,  // compared with the reading that went back: 1% idle
                false,  // the idle time went back
            ])
    }

    @Test func noIdleTimeIsSaturatedAndAllIdleIsNot() {
        let busy = Self.answers(
            window: .zero, at: [1, 2], readings: [CPUTimes(idle: 7, total: 10), CPUTimes(idle: 7, total: 20)])
        let idle = Self.answers(
            window: .zero, at: [1, 2], readings: [CPUTimes(idle: 7, total: 10), CPUTimes(idle: 17, total: 20)])
        #expect(busy.answers == [false, true])
        #expect(idle.answers == [false, false])
    }
}
