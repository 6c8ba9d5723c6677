/// Numbers 0, 1, 2… given to ids (user or session ids, which are salted 64-bit hashes) in the
/// order they are first seen, so a set of them is a bitmap or a small table of 32-bit numbers
/// (`DenseDistinct`) instead of a hash set of scattered 64-bit values.
struct DenseIndex: Sendable {
    /// An id is its own hash: two numbers with the same hash have the same id.
    private var slots = NumberSlots()

    var count: Int { slots.count }
    var byteSize: Int { slots.byteSize }

    mutating func number(of id: Int64) -> UInt32 {
        let hash = UInt64(bitPattern: id)
        return slots.find(hash) { _ in true } ?? slots.add(hash)
    }
}

extension DenseIndex {
    func write(to writer: inout SnapshotWriter) throws {
        try slots.write(to: &writer)
    }

    init(reading reader: inout SnapshotReader) throws(ColumnSnapshot.Rejection) {
        slots = try NumberSlots(reading: &reader)
    }
}
