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

    /// What comes before the first event row, terminator included ("" for NDJSON).
    package var eventPreamble: String {
        self == .csv ? EventExport.csvHeader + lineTerminator : ""
    }

    /// What comes before the first session row, terminator included ("" for NDJSON).
    package var sessionPreamble: String {
        self == .csv ? SessionExport.csvHeader + lineTerminator : ""
    }

    /// One event row, terminator included.
    package func line(_ event: EventRecord) -> String {
        switch self {
        case .ndjson: EventExport.ndjsonLine(event) + lineTerminator
        case .csv: EventExport.csvRecord(event) + lineTerminator
        }
    }

    /// One session row, terminator included.
    package func line(_ session: SessionRecord) -> String {
        switch self {
        case .ndjson: SessionExport.ndjsonLine(session) + lineTerminator
        case .csv: SessionExport.csvRecord(session) + lineTerminator
        }
    }
}
