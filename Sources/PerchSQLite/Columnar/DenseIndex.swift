/// Numbers 0, 1, 2… given to ids (user or session ids, which are salted 64-bit hashes) in the
/// order they are first seen, so a set of them is a bitmap or a small table of 32-bit numbers
/// (`DenseDistinct`) instead of a hash set of scattered 64-bit values.
struct DenseIndex: Sendable {
    private var numbers: [Int64: UInt32] = [:]

    var count: Int { numbers.count }
    var byteSize: Int { numbers.capacity * 16 }

    mutating func number(of id: Int64) -> UInt32 {
        if let number = numbers[id] { return number }
        let number = UInt32(truncatingIfNeeded: numbers.count)
        numbers[id] = number
        return number
    }
}
