import PerchStats

/// `bounce_rate`'s operands under a page filter (`SideGroupsRequest.entryPage`): per session, its
/// bounce and 1 when its entry page passes the filter's page leaf, else 0.
enum EnteredSessions {
    /// Nil when the leaf cannot be evaluated here.
    static func operands(
        _ entryPage: EntryPageAggregates, columns: SiteColumns, regexp: SQLiteRegexp
    ) -> (bounces: [Int64], visits: [Int64])? {
        guard let column = ColumnarDimensions(columns: columns).sessions(.visit(.entryPage)),
            let predicate = LeafMatcher.predicate(entryPage.leaf, regexp: regexp)
        else { return nil }
        let label = column.label
        let holds = CodeTable(count: columns.dictionary.count) { predicate(label($0)) }
        let sessions = columns.sessions
        var bounces = [Int64](repeating: 0, count: sessions.count)
        var visits = [Int64](repeating: 0, count: sessions.count)
        for row in 0..<sessions.count where holds.holds(column.codes[row]) {
            bounces[row] = sessions.bounces[row]
            visits[row] = 1
        }
        return (bounces, visits)
    }
}
