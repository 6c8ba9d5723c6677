import PerchCore
import PerchStats

/// A `SideGroupsRequest` computed over a site's columns: the JSON text `perch_group` returns for
/// the same rows, so the planner's SQL around it gives the same answer either way.
///
/// Nil when the columns cannot answer: a dimension they do not hold, a measure of the other side,
/// or a sum past Int64.
enum ColumnarGroups {
    static func json(
        _ request: SideGroupsRequest, in range: PrecomputeRequest, columns: SiteColumns,
        bitmapLimit: Int = GroupedDistinct.defaultBitmapLimit
    ) -> String? {
        let groups: GroupAccumulators
        let operands: [GroupAccumulators.Operand]
        switch request.side {
        case .events:
            guard let selected = eventRows(request, range: range, columns: columns),
                let read = eventOperands(request.aggregates, columns: columns)
            else { return nil }
            (groups, operands) = (selected, read)
        case .sessions:
            guard let selected = sessionRows(request, range: range, columns: columns),
                let read = sessionOperands(request.aggregates, columns: columns)
            else { return nil }
            (groups, operands) = (selected, read)
        }
        var dropsEmpty = false
        if case .buckets = request.key { dropsEmpty = true }
        return groups.json(
            request.aggregates, operands: operands, withKeys: request.key != .whole, dropsEmptyGroups: dropsEmpty,
            bitmapLimit: bitmapLimit)
    }

    // MARK: events

    /// The events in range other than engagement events, each in its group.
    private static func eventRows(
        _ request: SideGroupsRequest, range: PrecomputeRequest, columns: SiteColumns
    ) -> GroupAccumulators? {
        let events = columns.events
        let names = events.texts[EventColumns.TextColumn.name.rawValue]
        let engagement = columns.dictionary.existingCode(of: "engagement")
        guard
            let filter = RowFilter.compile(
                range.filters, dictionary: columns.dictionary,
                column: { dimension in
                    eventTextColumn(dimension).map { (events.texts[$0.rawValue], nil) }
                })
        else { return nil }
        let span = events.firstIndex(atOrAfter: range.from)..<events.firstIndex(atOrAfter: range.to)
        let rows = span.lazy.filter { names[$0] != engagement && (filter.keepsAll || filter.keeps($0)) }
        var groups = GroupAccumulators()
        switch request.key {
        case .whole:
            groups.ensureGroup(key: "")
            for row in rows { groups.select(row: row, group: 0) }
        case .dimension(let dimension):
            guard let column = eventTextColumn(dimension) else { return nil }
            let codes = events.texts[column.rawValue]
            var labels = GroupLabels(dictionary: columns.dictionary, emptyLabel: nil)
            for row in rows { groups.select(row: row, group: labels.group(of: codes[row], in: &groups)) }
        case .buckets(let buckets):
            // Rows are in time order: each bucket's rows follow the previous bucket's.
            var bucket = 0
            var group = -1
            var groupBucket = -1
            for row in rows {
                let instant = events.timestamps[row]
                while bucket < buckets.count, buckets[bucket].to <= instant { bucket += 1 }
                guard bucket < buckets.count, buckets[bucket].from <= instant else { return nil }
                if groupBucket != bucket {
                    group = groups.ensureGroup(key: buckets[bucket].label)
                    groupBucket = bucket
                }
                groups.select(row: row, group: group)
            }
        }
        return groups
    }

    private static func eventOperands(_ aggregates: [Aggregate], columns: SiteColumns) -> [GroupAccumulators.Operand]? {
        let events = columns.events
        var operands: [GroupAccumulators.Operand] = []
        for aggregate in aggregates {
            switch aggregate.measure {
            case nil: operands.append(.none)
            case .eventVisitor?: operands.append(.members(events.users, universe: columns.numbers.visitors.count))
            case .eventSession?: operands.append(.members(events.sessions, universe: columns.numbers.sessions.count))
            case .isPageview?:
                operands.append(
                    .matches(
                        events.texts[EventColumns.TextColumn.name.rawValue],
                        code: columns.dictionary.existingCode(of: "pageview")))
            default: return nil
            }
        }
        return operands
    }

    private static func eventTextColumn(_ dimension: Dimension) -> EventColumns.TextColumn? {
        switch dimension {
        case .event(.name): .name
        case .event(.page): .pathname
        case .event(.hostname): .hostname
        default: nil
        }
    }

    // MARK: sessions

    /// The sessions in range (spec §14.4's session window), each in its group.
    private static func sessionRows(
        _ request: SideGroupsRequest, range: PrecomputeRequest, columns: SiteColumns
    ) -> GroupAccumulators? {
        let sessions = columns.sessions
        guard
            let filter = RowFilter.compile(
                range.filters, dictionary: columns.dictionary,
                column: { dimension in
                    guard case .visit(let attribute) = dimension,
                        let column = SessionColumns.textColumn(attribute.column)
                    else { return nil }
                    return (sessions.texts[column], attribute.emptyLabel)
                })
        else { return nil }
        let inRange = { (row: Int) -> Bool in
            let start = sessions.starts[row]
            return start >= range.sessionsFrom && start < range.to && sessions.timestamps[row] >= range.from
                && (filter.keepsAll || filter.keeps(row))
        }
        var groups = GroupAccumulators()
        switch request.key {
        case .whole:
            groups.ensureGroup(key: "")
            for row in 0..<sessions.count where inRange(row) { groups.select(row: row, group: 0) }
        case .dimension(let dimension):
            guard let column = sessionTextColumn(dimension) else { return nil }
            let codes = sessions.texts[column]
            var labels = GroupLabels(dictionary: columns.dictionary, emptyLabel: emptyLabel(dimension))
            for row in 0..<sessions.count where inRange(row) {
                groups.select(row: row, group: labels.group(of: codes[row], in: &groups))
            }
        case .buckets(let buckets):
            let bucketGroups = buckets.map { groups.ensureGroup(key: $0.label) }
            for row in 0..<sessions.count where inRange(row) {
                // A session begun before the range counts in its first bucket.
                let instant = max(sessions.starts[row], range.from)
                let bucket = buckets.partitioningIndex { $0.to > instant }
                guard bucket < buckets.count, buckets[bucket].from <= instant else { return nil }
                groups.select(row: row, group: bucketGroups[bucket])
            }
        }
        return groups
    }

    private static func sessionOperands(
        _ aggregates: [Aggregate], columns: SiteColumns
    ) -> [GroupAccumulators.Operand]? {
        let sessions = columns.sessions
        var operands: [GroupAccumulators.Operand] = []
        for aggregate in aggregates {
            switch aggregate.measure {
            case nil: operands.append(.none)
            case .sessionVisitor?: operands.append(.members(sessions.users, universe: columns.numbers.visitors.count))
            case .sessionBounce?: operands.append(.integers(sessions.bounces))
            case .sessionDuration?: operands.append(.integers(sessions.durations))
            case .sessionPageviews?: operands.append(.integers(sessions.pageviews))
            default: return nil
            }
        }
        return operands
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
