/// Whether a predicate holds for each text code, worked out the first time a code is asked
/// about: a filter's leaves are asked about the few codes a column holds, not the whole
/// dictionary (which may be large, and a regex per entry is slow).
final class CodeTable {
    private var known: [Int8]
    private let predicate: (UInt32) -> Bool

    /// For codes below `count` (the dictionary's size).
    init(count: Int, predicate: @escaping (UInt32) -> Bool) {
        known = Array(repeating: -1, count: count)
        self.predicate = predicate
    }

    func holds(_ code: UInt32) -> Bool {
        let index = Int(code)
        let state = known[index]
        if state >= 0 { return state == 1 }
        let holds = predicate(code)
        known[index] = holds ? 1 : 0
        return holds
    }
}
