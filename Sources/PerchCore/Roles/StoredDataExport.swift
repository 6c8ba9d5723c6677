/// `perch events export` and `perch sessions export`: a site's stored rows as export text,
/// streamed (`emit` receives the preamble, then one terminated line per row), never all in memory.
package protocol StoredDataExport: Sendable {
    /// The site's events, oldest first.
    func exportEvents(siteID: Int64, format: ExportFormat, _ emit: (String) throws -> Void) throws
    /// The site's sessions (each one's current state), by start time.
    func exportSessions(siteID: Int64, format: ExportFormat, _ emit: (String) throws -> Void) throws
}
