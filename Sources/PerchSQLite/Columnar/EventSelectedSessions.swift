import PerchStats

/// The sessions a filter on event attributes selects: those with an event in the range (other
/// than engagement events) the filter keeps, as the planner's `s.session_id IN (SELECT …
/// FROM events …)` selects them, by the events' session numbers (`SiteColumns.Numbers.sessions`).
enum EventSelectedSessions {
    /// Per session number, whether the session is selected; nil when the filter cannot be
    /// compiled against the event columns.
    static func selected(
        by filter: Filter, range: PrecomputeRequest, columns: SiteColumns, regexp: SQLiteRegexp
    ) -> [Bool]? {
        let events = columns.events
        let dimensions = ColumnarDimensions(columns: columns)
        let filterColumns = RowFilter.Columns(
            dictionarySize: columns.dictionary.count, regexp: regexp, column: dimensions.events,
            goals: { GoalMatcher(goals: $0.selectedGoals(range.goals), columns: columns, regexp: regexp) })
        guard let compiled = RowFilter.compile([filter], filterColumns) else { return nil }
        let names = events.texts[EventColumns.TextColumn.name.rawValue]
        let engagement = columns.dictionary.existingCode(of: "engagement")
        var selected = [Bool](repeating: false, count: columns.numbers.sessions.count)
        for row in events.firstIndex(atOrAfter: range.from)..<events.firstIndex(atOrAfter: range.to)
        where names[row] != engagement && compiled.keeps(row) {
            selected[Int(events.sessions[row])] = true
        }
        return selected
    }
}
