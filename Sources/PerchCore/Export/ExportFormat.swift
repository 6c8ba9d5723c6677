/// The formats of `perch events export` and `perch sessions export`.
package enum ExportFormat: String, Sendable, CaseIterable {
    /// One JSON object per line, each line ended by `"\n"`; no header.
    case ndjson
    /// A header record, then one record per row, each ended by `"\r\n"` (RFC 4180).
    case csv

    package var lineTerminator: String {
        switch self {
        case .ndjson: "\n"
        case .csv: "\r\n"
        }
    }
}
