/// What can go wrong in the SQLite store, in terms a caller can act on. SQLite's own text is kept
/// only in `database(code:message:)` for logs; the server maps every case to its own response.
package enum SQLiteStoreError: Error, Sendable, Equatable {
    /// `sites add` for a domain that is already configured.
    case siteExists(domain: String)
    /// An update or lookup by a domain that is not configured.
    case unknownSite(domain: String)
    /// Not an IANA time zone name this system knows.
    case unknownTimezone(String)
    /// Empty after canonicalisation, or holds characters a host name cannot.
    case invalidDomain(String)
    /// A negative limit, or a limited site with a burst below 1.
    case invalidRateLimit
    /// The database file or its folder could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// Another process held the database lock past the busy timeout; retrying later may work.
    case busy
    /// A stored row that does not decode (e.g. props that are not a JSON object of strings).
    case corruptRow(table: String, column: String)
    /// Any other SQLite failure: its result code and message, for logs only.
    case database(code: Int32, message: String)
}
