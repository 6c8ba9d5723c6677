import GRDBSQLite
import PerchCore

/// The state of one `perch_group` call: rows grouped by their key values in a hash table, each
/// group with its accumulators; rendered as a JSON array of `[key…, result…]` arrays.
///
/// Why: SQLite implements GROUP BY by sorting every input row, which on a busy site's month
/// (a million rows) costs seconds; a hash table costs one lookup per row. Keys are compared by
/// their stored bytes, so a row whose group exists allocates nothing. Keys of different storage
/// classes are different groups (SQLite's GROUP BY would merge 1 and 1.0); every dimension the
/// planner groups by has one type.
final class GroupedAggregates {
    /// What each non-key argument accumulates (see `SQLiteGroupedAggregate` for the spec letters).
    enum Operation {
        case count, sum, average, distinct
    }

    private struct KeyValue: Equatable {
        var type: Int32
        var integer: Int64 = 0
        var real: Double = 0
        var bytes: [UInt8] = []
    }

    let keyCount: Int
    let operations: [Operation]
    // Group g's key k is keys[g * keyCount + k], its operation o's state is at g * operations.count + o.
    // Flat arrays on a final class that never escapes a single SQLite call: exclusivity checks
    // per access would cost more than the grouping itself.
    @exclusivity(unchecked) private var keys: [KeyValue] = []
    @exclusivity(unchecked) private var integerSums: [Int64] = []
    @exclusivity(unchecked) private var realSums: [Double] = []
    @exclusivity(unchecked) private var isReal: [Bool] = []
    @exclusivity(unchecked) private var valueCounts: [Int] = []
    @exclusivity(unchecked) private var distinctSets: [DistinctIntegers?] = []
    private var groupCount = 0
    /// Key hash → the first group with that hash; later ones chain through `nextWithHash`.
    private var index: [UInt64: Int] = [:]
    @exclusivity(unchecked) private var nextWithHash: [Int] = []

    init(keyCount: Int, operations: [Operation]) {
        self.keyCount = keyCount
        self.operations = operations
    }

    /// Adds one row: `arguments` holds the keys, then one value per operation. False on a value
    /// it cannot aggregate exactly (a non-integer distinct value, an integer sum overflow).
    func add(_ arguments: UnsafeMutablePointer<OpaquePointer?>) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for position in 0..<keyCount { hash = Self.hash(arguments[position], into: hash) }
        let base = groupIndex(hash: hash, arguments: arguments) &* operations.count
        for offset in 0..<operations.count {
            guard let value = arguments[keyCount &+ offset] else { continue }
            let slot = base &+ offset
            let type = sqlite3_value_type(value)
            switch operations[offset] {
            case .count:
                valueCounts[slot] &+= 1
            case .sum, .average:
                guard type != SQLITE_NULL else { continue }
                if type == SQLITE_INTEGER, !isReal[slot] {
                    let (sum, overflow) = integerSums[slot].addingReportingOverflow(sqlite3_value_int64(value))
                    if overflow { return false }
                    integerSums[slot] = sum
                } else {
                    if !isReal[slot] {
                        isReal[slot] = true
                        realSums[slot] = Double(integerSums[slot])
                    }
                    realSums[slot] += sqlite3_value_double(value)
                }
                valueCounts[slot] &+= 1
            case .distinct:
                guard type != SQLITE_NULL else { continue }
                guard type == SQLITE_INTEGER else { return false }
                if let set = distinctSets[slot] {
                    set.insert(sqlite3_value_int64(value))
                } else {
                    let set = DistinctIntegers()
                    set.insert(sqlite3_value_int64(value))
                    distinctSets[slot] = set
                }
            }
        }
        return true
    }

    /// `[[key…, result…], …]`: sums are integers unless a real was added, NULL without values
    /// (as SQL's `sum`); averages are reals or NULL; counts are integers.
    var json: String {
        var out = "["
        for group in 0..<groupCount {
            out += group == 0 ? "[" : ",["
            for position in 0..<keyCount {
                if position > 0 { out += "," }
                Self.append(keys[group * keyCount + position], to: &out)
            }
            for (offset, operation) in operations.enumerated() {
                if keyCount > 0 || offset > 0 { out += "," }
                let slot = group * operations.count + offset
                switch operation {
                case .count: out += String(valueCounts[slot])
                case .distinct: out += String(distinctSets[slot]?.count ?? 0)
                case .sum:
                    if valueCounts[slot] == 0 {
                        out += "null"
                    } else {
                        out += isReal[slot] ? Self.real(realSums[slot]) : String(integerSums[slot])
                    }
                case .average:
                    let total = isReal[slot] ? realSums[slot] : Double(integerSums[slot])
                    out += valueCounts[slot] == 0 ? "null" : Self.real(total / Double(valueCounts[slot]))
                }
            }
            out += "]"
        }
        return out + "]"
    }

    private func groupIndex(hash: UInt64, arguments: UnsafeMutablePointer<OpaquePointer?>) -> Int {
        var candidate = index[hash] ?? -1
        while candidate >= 0 {
            if matches(group: candidate, arguments) { return candidate }
            candidate = nextWithHash[candidate]
        }
        let group = groupCount
        groupCount += 1
        for position in 0..<keyCount { keys.append(Self.keyValue(arguments[position])) }
        integerSums.append(contentsOf: repeatElement(0, count: operations.count))
        realSums.append(contentsOf: repeatElement(0, count: operations.count))
        isReal.append(contentsOf: repeatElement(false, count: operations.count))
        valueCounts.append(contentsOf: repeatElement(0, count: operations.count))
        distinctSets.append(contentsOf: repeatElement(nil, count: operations.count))
        nextWithHash.append(index[hash] ?? -1)
        index[hash] = group
        return group
    }

    private func matches(group: Int, _ arguments: UnsafeMutablePointer<OpaquePointer?>) -> Bool {
        let base = group &* keyCount
        for position in 0..<keyCount {
            let value = arguments[position]
            let type = sqlite3_value_type(value)
            guard type == keys[base &+ position].type else { return false }
            switch type {
            case SQLITE_INTEGER: if sqlite3_value_int64(value) != keys[base &+ position].integer { return false }
            case SQLITE_FLOAT: if sqlite3_value_double(value) != keys[base &+ position].real { return false }
            case SQLITE_NULL: continue
            default:
                let count = Int(sqlite3_value_bytes(value))
                guard count == keys[base &+ position].bytes.count else { return false }
                guard count > 0 else { continue }
                guard let text = sqlite3_value_blob(value) else { return false }
                let equal = keys[base &+ position].bytes.withUnsafeBytes {
                    $0.elementsEqual(UnsafeRawBufferPointer(start: text, count: count))
                }
                if !equal { return false }
            }
        }
        return true
    }

    private static func keyValue(_ value: OpaquePointer?) -> KeyValue {
        let type = sqlite3_value_type(value)
        switch type {
        case SQLITE_INTEGER: return KeyValue(type: type, integer: sqlite3_value_int64(value))
        case SQLITE_FLOAT: return KeyValue(type: type, real: sqlite3_value_double(value))
        case SQLITE_NULL: return KeyValue(type: type)
        default:
            let count = Int(sqlite3_value_bytes(value))
            guard count > 0, let bytes = sqlite3_value_blob(value) else { return KeyValue(type: type) }
            return KeyValue(type: type, bytes: Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        }
    }

    /// FNV-1a over the value's type and bytes.
    private static func hash(_ value: OpaquePointer?, into seed: UInt64) -> UInt64 {
        var hash = (seed ^ UInt64(UInt32(bitPattern: sqlite3_value_type(value)))) &* 0x100_0000_01B3
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: hash = (hash ^ UInt64(bitPattern: sqlite3_value_int64(value))) &* 0x100_0000_01B3
        case SQLITE_FLOAT: hash = (hash ^ sqlite3_value_double(value).bitPattern) &* 0x100_0000_01B3
        case SQLITE_NULL: break
        default:
            let count = Int(sqlite3_value_bytes(value))
            guard count > 0, let bytes = sqlite3_value_blob(value) else { break }
            for byte in UnsafeRawBufferPointer(start: bytes, count: count) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
        }
        return hash
    }

    private static func append(_ key: KeyValue, to out: inout String) {
        switch key.type {
        case SQLITE_INTEGER: out += String(key.integer)
        case SQLITE_FLOAT: out += real(key.real)
        case SQLITE_NULL: out += "null"
        // Invalid UTF-8 becomes U+FFFD, as SQLite reads such text.
        default: out += JSONText.quoted(String(decoding: key.bytes, as: UTF8.self))
        }
    }

    static func real(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }
}
