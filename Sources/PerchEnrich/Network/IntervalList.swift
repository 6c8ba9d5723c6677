/// Sorted, merged, non-overlapping closed intervals of unsigned integers, searched by bisection.
/// Starts and ends live in two arrays so a lookup touches only the starts until the last step.
struct IntervalList<Bound: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private(set) var starts: [Bound] = []
    private(set) var ends: [Bound] = []

    /// Sorts the intervals and merges those that overlap or touch.
    init(_ intervals: [(start: Bound, end: Bound)]) {
        let sorted = intervals.sorted { $0.start < $1.start }
        starts.reserveCapacity(sorted.count)
        ends.reserveCapacity(sorted.count)
        for interval in sorted {
            if let last = ends.last, last == .max || interval.start <= last + 1 {
                ends[ends.count - 1] = max(last, interval.end)
            } else {
                starts.append(interval.start)
                ends.append(interval.end)
            }
        }
    }

    var count: Int { starts.count }

    func contains(_ value: Bound) -> Bool {
        // The last interval starting at or before `value` is the only one that can hold it.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low &+ high) >> 1
            if starts[middle] <= value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low > 0 && value <= ends[low - 1]
    }

    /// The fewest aligned power-of-two blocks covering every interval, as (first value, prefix length).
    func prefixBlocks() -> [(start: Bound, prefixLength: Int)] {
        var blocks: [(start: Bound, prefixLength: Int)] = []
        let width = Bound.bitWidth
        for (start, end) in zip(starts, ends) {
            var cursor = start
            while true {
                let span = end - cursor
                var exponent: Int
                if span == .max {
                    exponent = width
                } else {
                    exponent = width - 1 - (span + 1).leadingZeroBitCount
                    if cursor != 0 { exponent = min(exponent, cursor.trailingZeroBitCount) }
                }
                blocks.append((cursor, width - exponent))
                let last = exponent == width ? Bound.max : cursor + ((1 << exponent) - 1)
                if last >= end { break }
                cursor = last + 1
            }
        }
        return blocks
    }
}
