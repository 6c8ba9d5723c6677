import PerchCore
import PerchStats

/// The groups of one `ColumnarGroups` computation: each group's key and the states of the
/// requested aggregates, rendered in `perch_group`'s JSON form. Every operand a `Measure` names
/// is a NOT NULL column, so a group's sums and averages have as many values as it has rows.
struct GroupAccumulators {
    private enum Operation {
        case count, sum, average, distinct
    }

    private let operations: [Operation]
    private(set) var keys: [String] = []
    private var groupOfKey: [String: Int] = [:]
    private var rows: [Int] = []
    /// Group g's operation o is at g * operations.count + o.
    private var sums: [Int64] = []
    private var sets: [DistinctIntegers?] = []

    init(_ aggregates: [Aggregate]) {
        operations = aggregates.map {
            switch $0 {
            case .count: .count
            case .sum: .sum
            case .average: .average
            case .distinct: .distinct
            }
        }
    }

    /// The group keyed `key`, added when new.
    @discardableResult
    mutating func ensureGroup(key: String) -> Int {
        if let group = groupOfKey[key] { return group }
        let group = keys.count
        keys.append(key)
        groupOfKey[key] = group
        rows.append(0)
        sums.append(contentsOf: repeatElement(0, count: operations.count))
        sets.append(contentsOf: repeatElement(nil, count: operations.count))
        return group
    }

    /// Adds row `row` to `group`, reading each operation's operand (nil for `count`) at `row`;
    /// false when a sum leaves Int64.
    mutating func add(row: Int, group: Int, _ operands: [[Int64]?]) -> Bool {
        rows[group] &+= 1
        let base = group &* operations.count
        for (offset, operation) in operations.enumerated() {
            switch operation {
            case .count: continue
            case .sum, .average:
                guard let values = operands[offset] else { continue }
                let (sum, overflow) = sums[base &+ offset].addingReportingOverflow(values[row])
                if overflow { return false }
                sums[base &+ offset] = sum
            case .distinct:
                guard let values = operands[offset] else { continue }
                if let set = sets[base &+ offset] {
                    set.insert(values[row])
                } else {
                    let set = DistinctIntegers(expected: 8)
                    set.insert(values[row])
                    sets[base &+ offset] = set
                }
            }
        }
        return true
    }

    /// Drops the groups no row was added to (a bucket of the range without rows).
    mutating func dropEmptyGroups() {
        var kept = GroupAccumulators(operations: operations)
        for group in keys.indices where rows[group] > 0 {
            let copy = kept.ensureGroup(key: keys[group])
            kept.rows[copy] = rows[group]
            for offset in operations.indices {
                kept.sums[copy * operations.count + offset] = sums[group * operations.count + offset]
                kept.sets[copy * operations.count + offset] = sets[group * operations.count + offset]
            }
        }
        self = kept
    }

    /// `[[key, result…], …]`, without the key when `withKeys` is false.
    func json(withKeys: Bool) -> String {
        var out = "["
        for group in keys.indices {
            out += group == 0 ? "[" : ",["
            var first = true
            if withKeys {
                out += JSONText.quoted(keys[group])
                first = false
            }
            for (offset, operation) in operations.enumerated() {
                if !first { out += "," }
                first = false
                let slot = group * operations.count + offset
                switch operation {
                case .count: out += String(rows[group])
                case .distinct: out += String(sets[slot]?.count ?? 0)
                case .sum: out += rows[group] == 0 ? "null" : String(sums[slot])
                case .average:
                    out += rows[group] == 0 ? "null" : GroupedAggregates.real(Double(sums[slot]) / Double(rows[group]))
                }
            }
            out += "]"
        }
        return out + "]"
    }

    private init(operations: [Operation]) {
        self.operations = operations
    }
}

/// Each text code's group, by its label: the text, or the dimension's empty label for an empty
/// one (so an empty value and a value spelled like the label share a group, as in SQL).
struct GroupLabels {
    let dictionary: TextDictionary
    let emptyLabel: String?
    private var groupOfCode: [Int] = []

    init(dictionary: TextDictionary, emptyLabel: String?) {
        self.dictionary = dictionary
        self.emptyLabel = emptyLabel
    }

    mutating func group(of code: UInt32, in groups: inout GroupAccumulators) -> Int {
        let index = Int(code)
        if index < groupOfCode.count, groupOfCode[index] >= 0 { return groupOfCode[index] }
        if index >= groupOfCode.count {
            groupOfCode.append(contentsOf: repeatElement(-1, count: index + 1 - groupOfCode.count))
        }
        let text = dictionary[code]
        let group = groups.ensureGroup(key: text.isEmpty ? (emptyLabel ?? "") : text)
        groupOfCode[index] = group
        return group
    }
}
