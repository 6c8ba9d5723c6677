import Synchronization

/// One site's held columns behind a lock: a query brings them up to date and groups them while
/// holding it, so the arrays have a single owner and the refresh appends and updates them in
/// place (a copy of a busy site's columns would cost more than the query).
final class SiteColumnsBox: Sendable {
    let siteID: Int64
    /// As `SiteColumns.from`, which never changes for a box.
    let from: Int64
    private let columns: Mutex<SiteColumns>

    init(_ columns: SiteColumns) {
        siteID = columns.siteID
        from = columns.from
        self.columns = Mutex(columns)
    }

    func withColumns<T: Sendable, E: Error>(_ body: (inout SiteColumns) throws(E) -> T) throws(E) -> T {
        try columns.withLock { (columns: inout sending SiteColumns) throws(E) -> sending T in try body(&columns) }
    }

    /// A copy of the columns as they are now (for tests and reports).
    var snapshot: SiteColumns { columns.withLock { $0 } }
}
