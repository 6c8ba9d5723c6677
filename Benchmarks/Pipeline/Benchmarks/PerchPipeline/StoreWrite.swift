import Benchmark
import PerchBenchSupport

extension BenchmarkMetric {
    /// Bytes the process caused to be written to storage over the measured events
    /// (`/proc/self/io`): SQLite's WAL frames and checkpoint copies.
    static var diskWrites: Self { .custom("Disk writes (bytes)", polarity: .prefersSmaller, useScalingFactor: true) }
}

extension Benchmark.Configuration {
    /// `perEvent(iterations:)` with the bytes written to disk as well: what `synchronous = FULL`
    /// commits and checkpoints cost besides CPU. Bytes vary little between runs (13.6-14.0 KB an
    /// event at p90 over four runs of the same code, whatever the machine's load), so they fail
    /// past a tenth more: the CPU time's tolerance, which this shared machine needs, would not
    /// catch the index write that v10 took out (17 KB an event before), the bytes do.
    static func storeWrite(iterations: Int) -> Self {
        var configuration = perEvent(iterations: iterations)
        configuration.metrics.append(.diskWrites)
        configuration.thresholds?[.diskWrites] = BenchmarkThresholds(relative: [.p50: 10, .p90: 10])
        return configuration
    }
}

/// The SQLite event writer per event: one iteration is one batch of 1,000 journal entries (half
/// new visitors, half returning ones continuing their sessions) collapsed and written in one
/// transaction, into a store grown to 300,000 events first (`StoreBench`).
let storeBenchmarks: @Sendable () -> Void = {
    Benchmark("Store-write", configuration: .storeWrite(iterations: 200)) { (benchmark: Benchmark, bench: StoreBench) in
        let batch = bench.batch(benchmark.scaledIterations.count)
        let bytesBefore = StoreBench.bytesWritten()
        benchmark.measureEvents(batch.events) { (try? bench.write(batch)) ?? 0 }
        if let before = bytesBefore, let after = StoreBench.bytesWritten() {
            benchmark.measurement(.diskWrites, after - before)
        }
    } setup: {
        let bench = try StoreBench()
        try bench.grow(batches: 300, events: 1_000)
        return bench
    }
}
