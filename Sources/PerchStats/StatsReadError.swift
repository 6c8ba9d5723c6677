/// A read the store gave up on; the client may retry with a smaller query.
package enum StatsReadError: Error, Sendable, Equatable {
    /// The query ran past the reader's time limit (regular expressions over many rows).
    case timedOut(seconds: Int)

    package var message: String {
        switch self {
        case .timedOut(let seconds):
            "The query took longer than \(seconds) seconds and was stopped. "
                + "Narrow the date range or simplify the filter's pattern."
        }
    }
}
