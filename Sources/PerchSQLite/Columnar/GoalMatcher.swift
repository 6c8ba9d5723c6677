import PerchStats

/// Which of some goals an event completes, as the planner's SQL decides it: a custom event goal
/// by the event's name, a page goal by a pageview whose path matches the goal's wildcard (with
/// the store's `regexp`, as SQL).
final class GoalMatcher {
    let goals: [Goal]
    private let names: [UInt32]
    private let paths: [UInt32]
    private let pageview: UInt32?
    /// The name code each event goal needs (nil: no event has that name).
    private let eventNames: [UInt32?]
    /// Per page goal, whether a path code matches it.
    private let pages: [CodeTable?]

    init(goals: [Goal], columns: SiteColumns, regexp: SQLiteRegexp) {
        self.goals = goals
        let dictionary = columns.dictionary
        names = columns.events.texts[EventColumns.TextColumn.name.rawValue]
        paths = columns.events.texts[EventColumns.TextColumn.pathname.rawValue]
        pageview = dictionary.existingCode(of: "pageview")
        eventNames = goals.map { goal in
            guard case .event(let name) = goal.kind else { return nil }
            return dictionary.existingCode(of: name)
        }
        pages = goals.map { goal in
            guard case .page(let path) = goal.kind else { return nil }
            let pattern = WildcardPattern(path).regex
            return CodeTable(count: dictionary.count) {
                regexp.matches(pattern: pattern, value: dictionary[$0]) == true
            }
        }
    }

    /// Whether event `row` completes goal `index`.
    func completes(_ row: Int, goal index: Int) -> Bool {
        let name = names[row]
        if let page = pages[index] { return name == pageview && page.holds(paths[row]) }
        return eventNames[index] == name
    }

    func completesAny(_ row: Int) -> Bool {
        goals.indices.contains { completes(row, goal: $0) }
    }
}
