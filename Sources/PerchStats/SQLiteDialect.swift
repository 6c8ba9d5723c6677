/// SQL for the SQLite store (`events`/`sessions` tables of docs/storage.md).
///
/// Regular expressions need a `regexp(pattern, value)` function and distinct counts a
/// `perch_uniq(integer)` aggregate registered on the connection (the SQLite store registers
/// both); everything else is stock SQLite ≥ 3.38 (JSON functions built in).
package struct SQLiteDialect: SQLDialect {
    package init() {}

    package func quote(_ identifier: String) -> String {
        var quoted = "\""
        for character in identifier {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }

    package func placeholder(_ index: Int, for value: SQLValue) -> String {
        "?"
    }

    package func localSeconds(_ utc: SQLFragment, schedule: OffsetSchedule) -> SQLFragment {
        let segments = schedule.segments
        guard segments.count > 1 else { return "(\(utc) + \(bind: Int64(segments.first?.offset ?? 0)))" }
        var cases: SQLFragment = "CASE"
        for index in 0..<segments.count - 1 {
            cases += " WHEN \(utc) < \(bind: segments[index + 1].start) THEN \(bind: Int64(segments[index].offset))"
        }
        cases += " ELSE \(bind: Int64(segments[segments.count - 1].offset)) END"
        return "(\(utc) + \(cases))"
    }

    package func bucketLabel(_ local: SQLFragment, granularity: TimeGranularity, notBefore: CivilDate) -> SQLFragment {
        switch granularity {
        case .minute: "strftime('%Y-%m-%d %H:%M:00', \(local), 'unixepoch')"
        case .hour: "strftime('%Y-%m-%d %H:00:00', \(local), 'unixepoch')"
        case .day: "date(\(local), 'unixepoch')"
        case .week: "max(date(\(local), 'unixepoch', 'weekday 0', '-6 days'), \(bind: notBefore.description))"
        case .month: "strftime('%Y-%m-01', \(local), 'unixepoch')"
        }
    }

    package func propValue(_ column: String, key: String) -> SQLFragment {
        // The JSON path is bound too. SQLite quotes the key in `$."…"`, where `"` cannot be escaped
        // (and a NUL ends the text): such a path is malformed, an SQL error, so such a key reads as
        // absent instead, which is what it is — stored prop keys hold neither.
        guard !key.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 0 }) else { return "NULL" }
        return "json_extract(\(raw: column), \(bind: "$.\"" + key + "\""))"
    }

    package func regexMatch(_ value: SQLFragment, pattern: SQLFragment) -> SQLFragment {
        "regexp(\(pattern), \(value))"
    }

    package func contains(_ value: SQLFragment, _ needle: SQLFragment) -> SQLFragment {
        "instr(\(value), \(needle)) > 0"
    }

    package func lowercase(_ value: SQLFragment) -> SQLFragment {
        "lower(\(value))"
    }

    package func greatest(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment {
        "max(\(lhs), \(rhs))"
    }

    package func round(_ value: SQLFragment, decimals: Int) -> SQLFragment {
        "round(\(value), \(raw: String(decimals)))"
    }

    /// `perch_uniq` is a hash-set aggregate the store registers on its connections: SQLite's
    /// `count(DISTINCT …)` builds a B-tree per group, several times slower on a busy site.
    package func countDistinct(_ value: SQLFragment) -> SQLFragment {
        "perch_uniq(\(value))"
    }

    /// SQLite groups by sorting every row; a bucket's rows are one range of the tables' key.
    package var readsTimeBucketsAsRanges: Bool { true }

    package func packed(_ values: [SQLFragment]) -> SQLFragment {
        "json_array(" + SQLFragment.joined(values, separator: ", ") + ")"
    }

    /// SQLite's GROUP BY sorts every row; `perch_group` (registered by the store) groups in a hash
    /// table and returns the groups as one JSON array, `[[key…, aggregate…], …]`.
    package func hashGroupedRows(keys: [SQLFragment], aggregates: [Aggregate], source: SQLFragment) -> SQLFragment? {
        var spec = "\(keys.count):"
        var arguments: [SQLFragment] = [.value(.text(""))] + keys
        for aggregate in aggregates {
            switch aggregate {
            case .count:
                spec += "c"
                arguments.append("1")
            case .sum(let value):
                spec += "s"
                arguments.append(value)
            case .average(let value):
                spec += "a"
                arguments.append(value)
            case .distinct(let value):
                spec += "u"
                arguments.append(value)
            }
        }
        arguments[0] = .value(.text(spec))
        return "json_each((SELECT perch_group(" + SQLFragment.joined(arguments, separator: ", ") + ") FROM " + source
            + ")) j"
    }

    package func precomputedRows(_ json: String) -> SQLFragment? {
        "json_each(\(bind: json)) j"
    }

    package func hashGroupedColumn(_ index: Int) -> SQLFragment {
        unpacked("j.value", index: index)
    }

    /// Without the hint SQLite inlines the body, and a correlated subquery in it would run once
    /// per reference.
    package func materialized(_ name: String, as body: SQLFragment) -> SQLFragment {
        "WITH \(raw: name) AS MATERIALIZED (\(body))"
    }

    package func unpacked(_ packed: SQLFragment, index: Int) -> SQLFragment {
        "json_extract(\(packed), '$[\(raw: String(index))]')"
    }
}
