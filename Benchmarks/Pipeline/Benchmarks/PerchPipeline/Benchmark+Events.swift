import Benchmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BenchmarkMetric {
    /// The process's CPU time (`CLOCK_PROCESS_CPUTIME_ID`) over the measured events, in
    /// nanoseconds. The built-in `cpuTotal` counts scheduler ticks on Linux, 10 ms each, which is
    /// longer than an iteration of 1,000 events.
    static var processCPU: Self { .custom("Time (process CPU) (ns)") }
}

extension Benchmark {
    /// Measures `work` over one iteration's `count` events, adding its process CPU time, and then
    /// fails the benchmark unless `work` answered `count`: one whose events start to be dropped
    /// must fail, not look faster.
    func measureEvents(_ count: Int, _ work: () -> Int) {
        startMeasurement()
        let cpuStart = Self.processCPUNanoseconds()
        let done = work()
        let cpu = Self.processCPUNanoseconds() - cpuStart
        stopMeasurement()
        measurement(.processCPU, cpu)
        if done != count { error("\(done) of \(count) events went through") }
    }

    private static func processCPUNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }
}
