import PerchEnrich

extension DatasetCatalog {
    /// The content types of the data sets this build understands.
    // Integrator: add `MMDBReader.self`, `SpamReferrerList.self`, `ReferrerSourceTable.self` and
    // `PublicSuffixList.self` here once they conform to `DatasetContent`; until then those kinds
    // are refused by `datasets import` and `datasets update` with a clear message.
    static let standard = DatasetCatalog([IPRangeTable.self])
}
