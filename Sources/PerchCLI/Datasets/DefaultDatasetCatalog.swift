import PerchEnrich

extension DatasetCatalog {
    /// The content types of the data sets this build understands: one per `DatasetKind`.
    static let standard = DatasetCatalog([
        MMDBReader.self, SpamReferrerList.self, ReferrerSourceTable.self, IPRangeTable.self, PublicSuffixList.self,
    ])
}
