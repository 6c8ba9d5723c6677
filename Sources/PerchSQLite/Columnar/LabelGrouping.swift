/// Each row's group by the labels of one or more `LabelColumn`s: rows whose labels are equal
/// share a group, whatever their codes (an empty value and a value spelled like its label, as
/// in SQL). Labels are worked out once per code, groups once per combination of labels.
struct LabelGrouping {
    private let columns: [LabelColumn]
    /// Per column: code → label number, -1 until seen.
    private var labelOfCode: [[Int32]]
    /// Per column: label number → its key JSON.
    private var keys: [[String]]
    private var labelOfKey: [[String: Int32]]
    /// With one column: label number → group.
    private var groupOfLabel: [Int] = []
    /// With several: packed label numbers → group.
    private var groupOfLabels: [UInt64: Int] = [:]
    private let bits: UInt64

    /// Nil for no column or more than four.
    init?(_ columns: [LabelColumn], dictionarySize: Int) {
        guard (1...4).contains(columns.count) else { return nil }
        self.columns = columns
        labelOfCode = columns.map { Array(repeating: -1, count: $0.codeCount ?? dictionarySize) }
        keys = Array(repeating: [], count: columns.count)
        labelOfKey = Array(repeating: [:], count: columns.count)
        bits = UInt64(64 / columns.count)
    }

    /// The group of `row`, added to `groups` when new; nil when the labels are too many to pack.
    mutating func group(of row: Int, in groups: inout GroupAccumulators) -> Int? {
        if columns.count == 1 {
            let label = Int(label(column: 0, code: columns[0].codes[row]))
            if label < groupOfLabel.count { return groupOfLabel[label] }
            let group = groups.ensureGroup(key: keys[0][label])
            groupOfLabel.append(group)
            return group
        }
        var packed: UInt64 = 0
        for column in columns.indices {
            let label = UInt64(label(column: column, code: columns[column].codes[row]))
            guard label < (1 << bits) else { return nil }
            packed = packed << bits | label
        }
        if let group = groupOfLabels[packed] { return group }
        var key: [String] = []
        var rest = packed
        for column in columns.indices.reversed() {
            key.append(keys[column][Int(rest & ((1 << bits) - 1))])
            rest >>= bits
        }
        let group = groups.ensureGroup(key: key.reversed().joined(separator: ","))
        groupOfLabels[packed] = group
        return group
    }

    private mutating func label(column: Int, code: UInt32) -> Int32 {
        let known = labelOfCode[column][Int(code)]
        if known >= 0 { return known }
        let key = columns[column].keyJSON(code)
        let label: Int32
        if let existing = labelOfKey[column][key] {
            label = existing
        } else {
            label = Int32(keys[column].count)
            keys[column].append(key)
            labelOfKey[column][key] = label
        }
        labelOfCode[column][Int(code)] = label
        return label
    }
}
