/// The timing loop every benchmark shares: the best rate over `passes` passes of `calls` calls that
/// cycle through a fixed array of inputs, and the way rates are printed. Taking the best pass, not
/// the mean, filters out the noise of the other engineers' processes on this shared machine.
struct BenchmarkTimer {
    /// One measurement: the best calls per second, and the sum of what the calls returned.
    struct Measurement {
        var rate: Double
        /// Printed or compared by the caller so the optimiser cannot drop the measured calls.
        var checksum: UInt64
    }

    var passes: Int
    var calls: Int

    /// Runs `passes` passes of `calls` calls to `body`, cycling through `inputs`.
    func measure<Input>(_ inputs: [Input], _ body: (Input) -> UInt64) -> Measurement {
        precondition(!inputs.isEmpty, "nothing to measure")
        var best = 0.0
        var checksum: UInt64 = 0
        let clock = ContinuousClock()
        for _ in 0..<passes {
            // Inline rather than through `timed(_:)`: a closure would keep `checksum` in memory.
            let start = clock.now
            var index = 0
            for _ in 0..<calls {
                checksum &+= body(inputs[index])
                index += 1
                if index == inputs.count { index = 0 }
            }
            best = max(best, Double(calls) / Self.seconds(start.duration(to: clock.now)))
        }
        if checksum == 42 { print("") }  // keeps the loop from being optimised away
        return Measurement(rate: best, checksum: checksum)
    }

    /// What `body` returns, and the wall-clock seconds it took.
    static func timed<Value>(_ body: () throws -> Value) rethrows -> (value: Value, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        return (value, seconds(start.duration(to: clock.now)))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// A rate as "2.41 M" or "577 k" (truncated, not rounded, so runs compare digit by digit).
    static func format(_ rate: Double) -> String {
        rate >= 1e6 ? "\(Double(Int(rate / 1e4)) / 100) M" : "\(Int(rate / 1e3)) k"
    }

    /// `rate / reference` truncated to three decimals.
    static func ratio(_ rate: Double, _ reference: Double) -> String {
        "\(Double(Int(rate / reference * 1000)) / 1000)"
    }
}
