/// An Aho–Corasick automaton over lower-case needles, compiled once into a dense DFA so a scan is
/// one table load per input byte with no backtracking and no allocation. ASCII upper-case input
/// folds onto the lower-case classes through the byte-class map, so callers never copy the UA
/// to lower-case it.
///
/// Bytes that occur in no needle share class 0, which keeps the table narrow (a few dozen
/// columns instead of 256).
struct BotNeedleMatcher: Sendable {
    private let byteClass: [UInt8]
    private let classCount: Int
    /// Row `state` holds the next state per byte class; `outputFlag` marks a next state that
    /// ends at least one needle, so the common case costs no extra load.
    private let transitions: [UInt16]
    /// Needles ending in state `s` (its own and those reached through failure links) are
    /// `outputs[outputStart[s] ..< outputStart[s + 1]]`, longest first.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    /// `needles` must be lower-case and non-empty; their count of trie states must fit `UInt16`.
    init(needles: [[UInt8]]) {
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for needle in needles {
            for byte in needle where byteClass[Int(byte)] == 0 {
                precondition(classCount < 255, "bot needles use too many distinct bytes")
                byteClass[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            byteClass[Int(upper)] = byteClass[Int(upper | 0x20)]
        }

        var trie = Trie(classCount: classCount)
        for (index, needle) in needles.enumerated() {
            precondition(!needle.isEmpty, "empty bot needle")
            trie.insert(needle.map { Int(byteClass[Int($0)]) }, id: Int32(index))
        }
        precondition(trie.stateCount <= Int(Self.stateMask), "too many bot needle states for the table")
        let (transitions, outputStart, outputs) = trie.compiled()

        self.byteClass = byteClass
        self.classCount = classCount
        self.transitions = transitions
        self.outputStart = outputStart
        self.outputs = outputs
    }

    static let outputFlag: UInt16 = 0x8000
    static let stateMask: UInt16 = 0x7FFF

    /// Scans `bytes` and returns the first occurrence (needle index, end offset) that `accept`
    /// approves, in order of end position.
    func firstMatch(
        in bytes: UnsafeBufferPointer<UInt8>,
        where accept: (_ needle: Int, _ end: Int) -> Bool
    ) -> (needle: Int, end: Int)? {
        byteClass.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                outputStart.withUnsafeBufferPointer { starts in
                    var state = 0
                    for offset in 0..<bytes.count {
                        let byteClass = Int(classes[Int(bytes[offset])])
                        let next = table[state &* classCount &+ byteClass]
                        state = Int(next & Self.stateMask)
                        guard next & Self.outputFlag != 0 else { continue }
                        for slot in Int(starts[state])..<Int(starts[state &+ 1]) {
                            let needle = Int(outputs[slot])
                            if accept(needle, offset &+ 1) { return (needle, offset &+ 1) }
                        }
                    }
                    return nil
                }
            }
        }
    }
}

/// The build-time trie; discarded once compiled.
private struct Trie {
    let classCount: Int
    var children: [Int32]
    var own: [[Int32]] = [[]]

    init(classCount: Int) {
        self.classCount = classCount
        children = [Int32](repeating: -1, count: classCount)
    }

    var stateCount: Int { own.count }

    mutating func insert(_ classes: [Int], id: Int32) {
        var state = 0
        for byteClass in classes {
            let slot = state * classCount + byteClass
            if children[slot] < 0 {
                children[slot] = Int32(own.count)
                own.append([])
                children.append(contentsOf: repeatElement(-1, count: classCount))
            }
            state = Int(children[slot])
        }
        own[state].append(id)
    }

    /// Breadth-first: failure links, the complete DFA (missing edges follow the failure link)
    /// and each state's output list (its own needles, then its failure state's).
    func compiled() -> (transitions: [UInt16], outputStart: [Int32], outputs: [Int32]) {
        var table = [UInt16](repeating: 0, count: children.count)
        var failure = [Int](repeating: 0, count: stateCount)
        var output = [[Int32]](repeating: [], count: stateCount)
        var queue: [Int] = []
        output[0] = own[0]
        for byteClass in 0..<classCount where children[byteClass] >= 0 {
            let child = Int(children[byteClass])
            table[byteClass] = UInt16(child)
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            output[state] = own[state] + output[failure[state]]
            for byteClass in 0..<classCount {
                let slot = state * classCount + byteClass
                let fallback = table[failure[state] * classCount + byteClass]
                if children[slot] >= 0 {
                    let child = Int(children[slot])
                    failure[child] = Int(fallback)
                    table[slot] = UInt16(child)
                    queue.append(child)
                } else {
                    table[slot] = fallback
                }
            }
        }
        // Renumber breadth-first so the shallow states, where a scan of browser text spends
        // nearly all its time, share a few cache lines; flag the targets that end a needle.
        let order = [0] + queue
        var renamed = [Int](repeating: 0, count: stateCount)
        for (new, old) in order.enumerated() { renamed[old] = new }
        var compact = [UInt16](repeating: 0, count: table.count)
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for (new, old) in order.enumerated() {
            for byteClass in 0..<classCount {
                let target = Int(table[old * classCount + byteClass])
                let flag = output[target].isEmpty ? 0 : BotNeedleMatcher.outputFlag
                compact[new * classCount + byteClass] = UInt16(renamed[target]) | flag
            }
            outputs.append(contentsOf: output[old])
            outputStart.append(Int32(outputs.count))
        }
        return (compact, outputStart, outputs)
    }
}
