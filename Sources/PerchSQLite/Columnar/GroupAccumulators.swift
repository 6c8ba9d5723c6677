import PerchCore
import PerchStats

/// The rows of one `ColumnarGroups` computation, each assigned to a keyed group, and the
/// requested aggregates over them rendered in `perch_group`'s JSON form.
///
/// Rows are collected first and each aggregate is then computed in one pass of its own over
/// them (a tight loop over flat arrays). Every operand a `Measure` names is a NOT NULL column,
/// so a group's sums and averages have as many values as the group has rows.
struct GroupAccumulators {
    /// The column an aggregate reads, by row.
    enum Operand {
        /// `count`: none.
        case none
        case integers([Int64])
        /// Dense numbers below `universe` (`DenseIndex`), for distinct counts.
        case members([UInt32], universe: Int)
        /// 1 where the text code is `code`, else 0.
        case matches([UInt32], code: UInt32?)
    }

    private(set) var keys: [String] = []
    private var groupOfKey: [String: Int] = [:]
    private var selectedRows: [Int32] = []
    private var selectedGroups: [Int32] = []

    /// The group keyed `key` (its key values as JSON, comma-separated), added when new.
    @discardableResult
    mutating func ensureGroup(key: String) -> Int {
        if let group = groupOfKey[key] { return group }
        let group = keys.count
        keys.append(key)
        groupOfKey[key] = group
        return group
    }

    mutating func select(row: Int, group: Int) {
        selectedRows.append(Int32(truncatingIfNeeded: row))
        selectedGroups.append(Int32(truncatingIfNeeded: group))
    }

    /// `[[key, result…], …]` (without the key when `withKeys` is false), one array per
    /// `aggregates` entry read from the matching `operands` entry; groups without rows are left
    /// out when `dropsEmptyGroups`. Nil when a sum leaves Int64 or an operand does not fit.
    func json(
        _ aggregates: [Aggregate], operands: [Operand], withKeys: Bool, dropsEmptyGroups: Bool,
        bitmapLimit: Int = GroupedDistinct.defaultBitmapLimit
    ) -> String? {
        var rowCounts = Array(repeating: 0, count: keys.count)
        for group in selectedGroups { rowCounts[Int(group)] &+= 1 }
        var results: [[Int64]] = []
        for (aggregate, operand) in zip(aggregates, operands) {
            switch (aggregate, operand) {
            case (.count, _): results.append(rowCounts.map(Int64.init))
            case (.sum, .integers(let values)), (.average, .integers(let values)):
                guard let sums = sums(values) else { return nil }
                results.append(sums)
            case (.sum, .matches(let codes, let code)), (.average, .matches(let codes, let code)):
                results.append(matches(codes, code))
            case (.distinct, .members(let members, let universe)):
                results.append(distinct(members, universe: universe, bitmapLimit: bitmapLimit))
            default: return nil
            }
        }
        var out = "["
        var firstGroup = true
        for group in keys.indices where !(dropsEmptyGroups && rowCounts[group] == 0) {
            out += firstGroup ? "[" : ",["
            firstGroup = false
            var first = true
            if withKeys {
                out += keys[group]
                first = false
            }
            for (index, aggregate) in aggregates.enumerated() {
                if !first { out += "," }
                first = false
                let value = results[index][group]
                switch aggregate {
                case .count, .distinct: out += String(value)
                case .sum: out += rowCounts[group] == 0 ? "null" : String(value)
                case .average:
                    out +=
                        rowCounts[group] == 0
                        ? "null" : GroupedAggregates.real(Double(value) / Double(rowCounts[group]))
                }
            }
            out += "]"
        }
        return out + "]"
    }

    private func sums(_ values: [Int64]) -> [Int64]? {
        var sums = Array(repeating: Int64(0), count: keys.count)
        var overflow = false
        values.withUnsafeBufferPointer { values in
            for (row, group) in zip(selectedRows, selectedGroups) {
                let (sum, over) = sums[Int(group)].addingReportingOverflow(values[Int(row)])
                sums[Int(group)] = sum
                overflow = overflow || over
            }
        }
        return overflow ? nil : sums
    }

    private func matches(_ codes: [UInt32], _ code: UInt32?) -> [Int64] {
        var sums = Array(repeating: Int64(0), count: keys.count)
        guard let code else { return sums }
        codes.withUnsafeBufferPointer { codes in
            for (row, group) in zip(selectedRows, selectedGroups) where codes[Int(row)] == code {
                sums[Int(group)] &+= 1
            }
        }
        return sums
    }

    private func distinct(_ members: [UInt32], universe: Int, bitmapLimit: Int) -> [Int64] {
        let sets = GroupedDistinct(groups: keys.count, universe: universe, bitmapLimit: bitmapLimit)
        members.withUnsafeBufferPointer { members in
            for (row, group) in zip(selectedRows, selectedGroups) {
                sets.insert(group: Int(group), member: members[Int(row)])
            }
        }
        return sets.counts.map(Int64.init)
    }
}
