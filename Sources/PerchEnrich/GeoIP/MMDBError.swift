/// Why a MaxMind DB could not be opened or a record could not be decoded.
package enum MMDBError: Error, Sendable, Equatable {
    /// The file could not be opened or mapped (path, errno).
    case cannotOpen(String, Int32)
    /// No `\xAB\xCD\xEFMaxMind.com` metadata marker near the end of the file.
    case notMMDB
    /// The metadata map is missing a field or holds an impossible value.
    case corruptMetadata(String)
    /// Only 24, 28 and 32-bit records exist in format version 2.
    case unsupportedRecordSize(Int)
    /// The search tree points outside itself or outside the data section.
    case corruptTree
    /// A data-section value is malformed, out of bounds, too deep or too large (section offset).
    case corruptData(offset: Int)
    /// One record would decode to more values, payload bytes or nesting than a reader allows
    /// (what hostile, amplifying databases run into).
    case limitExceeded(String)
}
