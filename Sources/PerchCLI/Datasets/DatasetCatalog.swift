import PerchEnrich

/// Which `DatasetContent` type verifies (and counts the entries of) each data-set kind. Commands
/// take one as a value, so tests can stand in for a kind whose type is not ready.
struct DatasetCatalog: Sendable {
    private let types: [DatasetKind: any DatasetContent.Type]

    init(_ types: [any DatasetContent.Type]) {
        self.types = Dictionary(types.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
    }

    func contentType(for kind: DatasetKind) -> (any DatasetContent.Type)? {
        types[kind]
    }

    /// Loads the file as `kind` and returns its entry count; refuses a kind without a type.
    func verify(_ kind: DatasetKind, path: String) throws(DatasetError) -> Int {
        guard let type = types[kind] else {
            throw DatasetError("this build of perch cannot verify \(kind.rawValue) data sets yet")
        }
        return try type.init(contentsOfFile: path).entryCount
    }
}
