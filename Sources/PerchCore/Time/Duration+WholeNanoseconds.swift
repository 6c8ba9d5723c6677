extension Duration {
    /// The duration in whole nanoseconds (what is below a nanosecond dropped), for the APIs that
    /// take an integer count of them.
    package var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
