import PerchCore
import PerchStats

/// A `SideGroupsRequest` computed over a site's columns: the JSON text `perch_group` returns for
/// the same rows, so the planner's SQL around it gives the same answer either way.
///
/// Nil when the columns cannot answer: a dimension or filter they do not hold, a measure of the
/// other side, or a sum past Int64.
enum ColumnarGroups {
    /// `filters` are the request's (`PrecomputeRequest.filters`, or its `conversionFilters`);
    /// `regexp` evaluates the patterns of filters and page goals.
    static func json(
        _ request: SideGroupsRequest, filters: [Filter], in range: PrecomputeRequest, columns: SiteColumns,
        regexp: SQLiteRegexp, bitmapLimit: Int = GroupedDistinct.defaultBitmapLimit
    ) -> String? {
        let groups: GroupAccumulators
        let operands: [GroupAccumulators.Operand]
        switch request.side {
        case .events:
            guard
                let selected = eventRows(
                    request, filters: filters, range: range, columns: columns, regexp: regexp),
                let read = eventOperands(request.aggregates, columns: columns)
            else { return nil }
            (groups, operands) = (selected, read)
        case .sessions:
            guard
                let selected = sessionRows(
                    request, filters: filters, range: range, columns: columns, regexp: regexp),
                let read = sessionOperands(request, columns: columns, regexp: regexp)
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

    /// The events in range other than engagement events, each in its group (or groups, by goal).
    private static func eventRows(
        _ request: SideGroupsRequest, filters: [Filter], range: PrecomputeRequest, columns: SiteColumns,
        regexp: SQLiteRegexp
    ) -> GroupAccumulators? {
        let events = columns.events
        let dimensions = ColumnarDimensions(columns: columns)
        let names = events.texts[EventColumns.TextColumn.name.rawValue]
        let engagement = columns.dictionary.existingCode(of: "engagement")
        let filterColumns = RowFilter.Columns(
            dictionarySize: columns.dictionary.count, regexp: regexp, column: dimensions.events,
            goals: { GoalMatcher(goals: $0.selectedGoals(range.goals), columns: columns, regexp: regexp) })
        guard let filter = RowFilter.compile(filters, filterColumns) else { return nil }
        let span = events.firstIndex(atOrAfter: range.from)..<events.firstIndex(atOrAfter: range.to)
        let rows = span.lazy.filter { names[$0] != engagement && (filter.keepsAll || filter.keeps($0)) }
        var groups = GroupAccumulators()
        switch request.key {
        case .whole:
            groups.ensureGroup(key: "")
            for row in rows { groups.select(row: row, group: 0) }
        case .dimensions(let keyDimensions), .dimensionsAndBuckets(let keyDimensions, _):
            var bucketColumn: LabelColumn?
            if case .dimensionsAndBuckets(_, let buckets) = request.key {
                guard let column = BucketColumn.events(events, span: span, buckets: buckets) else { return nil }
                bucketColumn = column
            }
            let keyColumns = keyDimensions.compactMap { $0.isTime ? bucketColumn : dimensions.events($0) }
            guard keyColumns.count == keyDimensions.count,
                var grouping = LabelGrouping(keyColumns, dictionarySize: columns.dictionary.count)
            else { return nil }
            for row in rows {
                guard let group = grouping.group(of: row, in: &groups) else { return nil }
                groups.select(row: row, group: group)
            }
        case .goals(let goals):
            let matcher = GoalMatcher(goals: goals, columns: columns, regexp: regexp)
            var groupOfGoal = [Int?](repeating: nil, count: goals.count)
            for row in rows {
                for index in goals.indices where matcher.completes(row, goal: index) {
                    let group = groupOfGoal[index] ?? groups.ensureGroup(key: JSONText.quoted(goals[index].displayName))
                    groupOfGoal[index] = group
                    groups.select(row: row, group: group)
                }
            }
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
                    group = groups.ensureGroup(key: JSONText.quoted(buckets[bucket].label))
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

    // MARK: sessions

    /// The sessions in range (spec §14.4's session window), each in its group.
    private static func sessionRows(
        _ request: SideGroupsRequest, filters: [Filter], range: PrecomputeRequest, columns: SiteColumns,
        regexp: SQLiteRegexp
    ) -> GroupAccumulators? {
        let sessions = columns.sessions
        let dimensions = ColumnarDimensions(columns: columns)
        let filterColumns = RowFilter.Columns(
            dictionarySize: columns.dictionary.count, regexp: regexp,
            column: { dimension in
                guard case .visit = dimension else { return nil }
                return dimensions.sessions(dimension)
            }, goals: nil)
        // A top-level filter naming an event dimension selects the sessions by their events.
        var compiled: [RowFilter] = []
        for filter in filters {
            if filter.leaves().contains(where: { $0.0.dimension.isEventDimension }) {
                guard
                    let selected = EventSelectedSessions.selected(
                        by: filter, range: range, columns: columns, regexp: regexp)
                else { return nil }
                compiled.append(.sessions(selected: selected, sessionNumbers: sessions.eventSessions))
            } else {
                guard let one = RowFilter.compile([filter], filterColumns) else { return nil }
                compiled.append(one)
            }
        }
        let filter = RowFilter.all(compiled)
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
        case .dimensions(let keyDimensions), .dimensionsAndBuckets(let keyDimensions, _):
            var bucketColumn: LabelColumn?
            if case .dimensionsAndBuckets(_, let buckets) = request.key {
                guard let column = BucketColumn.sessions(sessions, from: range.from, to: range.to, buckets: buckets)
                else { return nil }
                bucketColumn = column
            }
            let keyColumns = keyDimensions.compactMap { $0.isTime ? bucketColumn : dimensions.sessions($0) }
            guard keyColumns.count == keyDimensions.count,
                var grouping = LabelGrouping(keyColumns, dictionarySize: columns.dictionary.count)
            else { return nil }
            for row in 0..<sessions.count where inRange(row) {
                guard let group = grouping.group(of: row, in: &groups) else { return nil }
                groups.select(row: row, group: group)
            }
        case .goals: return nil
        case .buckets(let buckets):
            let bucketGroups = buckets.map { groups.ensureGroup(key: JSONText.quoted($0.label)) }
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
        _ request: SideGroupsRequest, columns: SiteColumns, regexp: SQLiteRegexp
    ) -> [GroupAccumulators.Operand]? {
        let sessions = columns.sessions
        var entered: (bounces: [Int64], visits: [Int64])?
        if let entryPage = request.entryPage {
            guard let operands = EnteredSessions.operands(entryPage, columns: columns, regexp: regexp) else {
                return nil
            }
            entered = operands
        }
        var operands: [GroupAccumulators.Operand] = []
        for aggregate in request.aggregates {
            if let entered, let entryPage = request.entryPage {
                if aggregate == entryPage.bounces {
                    operands.append(.integers(entered.bounces))
                    continue
                }
                if aggregate == entryPage.visits {
                    operands.append(.integers(entered.visits))
                    continue
                }
            }
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
}
