extension Array where Element == UInt32 {
    /// True when every element is below `bound` (a snapshot's codes against the table they index).
    func allBelow(_ bound: Int) -> Bool {
        guard bound > 0 else { return isEmpty }
        let limit = UInt32(clamping: bound)
        return withUnsafeBufferPointer { values in values.allSatisfy { $0 < limit } }
    }
}
