import Benchmark
import PerchBenchSupport

/// The ingest pipeline alone, per event: decoding a request body, and the whole pipeline from the
/// body to the encoded journal entry for first visits and for returning visitors. Each iteration
/// handles 1,000 events made before the measurement starts (`scalingFactor: .kilo`), so the
/// figures read per event. The tolerances are in `Benchmark.Configuration.perEvent(iterations:)`,
/// the figures they are checked against in `Thresholds/`. Names have no spaces: the benchmark tool
/// writes a threshold file with `_` for a space but looks for it with the space, and then checks
/// nothing.
let benchmarks: @Sendable () -> Void = {
    Benchmark("Decode", configuration: .perEvent(iterations: 1_000)) { (benchmark: Benchmark, bench: IngestBench) in
        let traffic = bench.returningVisitors(benchmark.scaledIterations.count)
        benchmark.measureEvents(traffic.count) { bench.decode(traffic) }
    } setup: {
        let bench = try IngestBench()
        bench.warm(visitors: 1_000)
        return bench
    }

    Benchmark("Pipeline-new-visitors", configuration: .perEvent(iterations: 300)) {
        (benchmark: Benchmark, bench: IngestBench) in
        let traffic = bench.newVisitors(benchmark.scaledIterations.count)
        benchmark.measureEvents(traffic.count) { bench.ingest(traffic) }
    } setup: {
        try IngestBench()
    }

    Benchmark("Pipeline-returning-visitors", configuration: .perEvent(iterations: 300)) {
        (benchmark: Benchmark, bench: IngestBench) in
        let traffic = bench.returningVisitors(benchmark.scaledIterations.count)
        benchmark.measureEvents(traffic.count) { bench.ingest(traffic) }
    } setup: {
        let bench = try IngestBench()
        bench.warm(visitors: 50_000)
        return bench
    }

    storeBenchmarks()
}
