/// A data set loaded from a file and verified as a whole: a file that does not parse, is truncated
/// or is empty where entries are expected is refused with a `DatasetError`, so the caller can keep
/// the previous version active.
package protocol DatasetContent: Sendable {
    static var kind: DatasetKind { get }

    init(contentsOfFile path: String) throws(DatasetError)

    /// How many entries (hosts, sources, ranges, rules, networks) the file holds, for `datasets status`.
    var entryCount: Int { get }
}

/// Why a data-set file was refused, in words for the operator (it names the file's problem, not
/// Swift types).
package struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
