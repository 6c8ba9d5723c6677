import Benchmark

extension Benchmark.Configuration {
    /// 1,000 events an iteration and results per event, over a fixed number of iterations (about
    /// 3 s): a run that ends with more sessions cached cannot show more memory.
    ///
    /// The tolerances are what `thresholds check` allows against the p90 figures in `Thresholds/`
    /// (the p50 ones serve `baseline check` between two runs made back to back). Mallocs per event
    /// do not vary between runs, so 2 % more is a regression. Time does: this machine's two cores
    /// are shared, and while the other one is busy an event costs up to 1.6 times the CPU time and
    /// wall clock, which shows at p90 as soon as a tenth of a run is slowed. So time fails only
    /// past half as much again (wall clock, which also counts being descheduled: 75 %).
    static func perEvent(iterations: Int) -> Self {
        Self(
            metrics: [.wallClock, .processCPU, .mallocCountTotal, .peakMemoryResident],
            timeUnits: .nanoseconds,
            warmupIterations: 5,
            scalingFactor: .kilo,
            maxDuration: .seconds(60),
            maxIterations: iterations,
            thresholds: [
                .wallClock: BenchmarkThresholds(relative: [.p50: 15, .p90: 75]),
                .processCPU: BenchmarkThresholds(relative: [.p50: 15, .p90: 50]),
                .mallocCountTotal: BenchmarkThresholds(relative: [.p50: 2, .p90: 2]),
                .peakMemoryResident: BenchmarkThresholds(relative: [.p90: 20]),
            ]
        )
    }
}
