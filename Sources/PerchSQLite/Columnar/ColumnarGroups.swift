import PerchCore
import PerchStats

/// A `SideGroupsRequest` computed over a site's columns: the JSON text `perch_group` returns for
/// the same rows, so the planner's SQL around it gives the same answer either way.
///
/// Nil when the columns cannot answer: a dimension they do not hold, a measure of the other side,
/// or a sum past Int64.
enum ColumnarGroups {
    static func json(_ request: SideGroupsRequest, in range: PrecomputeRequest, columns: SiteColumns) -> String? {
        switch request.side {
        case .events: eventGroups(request, range: range, columns: columns)?.json(withKeys: request.key != .whole)
        case .sessions: sessionGroups(request, range: range, columns: columns)?.json(withKeys: request.key != .whole)
        }
    }

    private static func eventGroups(
        _ request: SideGroupsRequest, range: PrecomputeRequest, columns: SiteColumns
    ) -> GroupAccumulators? {
        let events = columns.events
        let names = events.texts[EventColumns.TextColumn.name.rawValue]
        let engagement = columns.dictionary.existingCode(of: "engagement")
        let pageview = columns.dictionary.existingCode(of: "pageview")
        var operands: [[Int64]?] = []
        for aggregate in request.aggregates {
            switch aggregate.measure {
            case nil: operands.append(nil)
            case .eventVisitor?: operands.append(events.users)
            case .eventSession?: operands.append(events.sessions)
            case .isPageview?: operands.append(names.map { $0 == pageview ? 1 : 0 })
            default: return nil
            }
        }
        let lower = events.firstIndex(atOrAfter: range.from)
        let upper = events.firstIndex(atOrAfter: range.to)
        var groups = GroupAccumulators(request.aggregates)
        switch request.key {
        case .whole:
            groups.ensureGroup(key: "")
            for row in lower..<upper where names[row] != engagement {
                guard groups.add(row: row, group: 0, operands) else { return nil }
            }
        case .dimension(let dimension):
            guard let column = eventTextColumn(dimension) else { return nil }
            let codes = events.texts[column.rawValue]
            var labels = GroupLabels(dictionary: columns.dictionary, emptyLabel: nil)
            for row in lower..<upper where names[row] != engagement {
                guard groups.add(row: row, group: labels.group(of: codes[row], in: &groups), operands) else {
                    return nil
                }
            }
        case .buckets(let buckets):
            // Rows are in time order: each bucket's rows follow the previous bucket's.
            var bucket = 0
            var group = -1
            var groupBucket = -1
            for row in lower..<upper where names[row] != engagement {
                let instant = events.timestamps[row]
                while bucket < buckets.count, buckets[bucket].to <= instant { bucket += 1 }
                guard bucket < buckets.count, buckets[bucket].from <= instant else { return nil }
                if groupBucket != bucket {
                    group = groups.ensureGroup(key: buckets[bucket].label)
                    groupBucket = bucket
                }
                guard groups.add(row: row, group: group, operands) else { return nil }
            }
        }
        return groups
    }

    private static func sessionGroups(
        _ request: SideGroupsRequest, range: PrecomputeRequest, columns: SiteColumns
    ) -> GroupAccumulators? {
        let sessions = columns.sessions
        var operands: [[Int64]?] = []
        for aggregate in request.aggregates {
            switch aggregate.measure {
            case nil: operands.append(nil)
            case .sessionVisitor?: operands.append(sessions.users)
            case .sessionBounce?: operands.append(sessions.bounces)
            case .sessionDuration?: operands.append(sessions.durations)
            case .sessionPageviews?: operands.append(sessions.pageviews)
            default: return nil
            }
        }
        var groups = GroupAccumulators(request.aggregates)
        var groupOfRow: (Int) -> Int
        switch request.key {
        case .whole:
            groups.ensureGroup(key: "")
            groupOfRow = { _ in 0 }
        case .dimension(let dimension):
            guard let column = sessionTextColumn(dimension) else { return nil }
            let codes = sessions.texts[column]
            var labels = GroupLabels(dictionary: columns.dictionary, emptyLabel: Self.emptyLabel(dimension))
            groupOfRow = { row in labels.group(of: codes[row], in: &groups) }
        case .buckets(let buckets):
            let bucketGroups = buckets.map { groups.ensureGroup(key: $0.label) }
            groupOfRow = { row in
                let instant = max(sessions.starts[row], range.from)
                var low = 0
                var high = buckets.count
                while low < high {
                    let middle = (low + high) / 2
                    if buckets[middle].to <= instant { low = middle + 1 } else { high = middle }
                }
                return low < buckets.count ? bucketGroups[low] : -1
            }
        }
        for row in 0..<sessions.count {
            let start = sessions.starts[row]
            guard start >= range.sessionsFrom, start < range.to, sessions.timestamps[row] >= range.from else {
                continue
            }
            let group = groupOfRow(row)
            guard group >= 0, groups.add(row: row, group: group, operands) else { return nil }
        }
        if case .buckets = request.key { groups.dropEmptyGroups() }
        return groups
    }

    private static func eventTextColumn(_ dimension: Dimension) -> EventColumns.TextColumn? {
        switch dimension {
        case .event(.name): .name
        case .event(.page): .pathname
        case .event(.hostname): .hostname
        default: nil
        }
    }

    private static func sessionTextColumn(_ dimension: Dimension) -> Int? {
        switch dimension {
        case .event(.page): SessionColumns.textColumn("entry_page")
        case .event(.hostname): SessionColumns.textColumn("hostname")
        case .visit(let attribute): SessionColumns.textColumn(attribute.column)
        default: nil
        }
    }

    private static func emptyLabel(_ dimension: Dimension) -> String? {
        guard case .visit(let attribute) = dimension else { return nil }
        return attribute.emptyLabel
    }
}
