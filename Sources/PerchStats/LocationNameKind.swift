import PerchCore

/// The three `visit:*_name` dimensions (spec §14.2): names over the code columns geolocation
/// stores. Each is grouped and filtered by its code dimension and named in Swift.
enum LocationNameKind: Sendable, CaseIterable {
    case country, region, city

    init?(_ dimension: Dimension) {
        switch dimension {
        case .visit(.countryName): self = .country
        case .visit(.regionName): self = .region
        case .visit(.cityName): self = .city
        default: return nil
        }
    }

    /// The dimension holding the codes this kind names.
    var codeDimension: Dimension {
        switch self {
        case .country: .visit(.country)
        case .region: .visit(.region)
        case .city: .visit(.city)
        }
    }

    /// The name of a stored code as a result column holds it; nil when unknown (or empty).
    func name(of value: SQLValue, in names: LocationNames) -> String? {
        switch (self, value) {
        case (.country, .text(let code)): names.countryName(code)
        case (.region, .text(let code)): names.regionName(code)
        case (.city, .integer(let id)): UInt32(exactly: id).flatMap(names.cityName)
        case (.city, .text(let text)): UInt32(text).flatMap(names.cityName)
        default: nil
        }
    }

    /// Every named code, as filter clauses on `codeDimension`.
    func entries(_ names: LocationNames) -> [(code: FilterClause, name: String)] {
        switch self {
        case .country: names.countries.map { (.string($0.key), $0.value) }
        case .region: names.regions.map { (.string($0.key), $0.value) }
        case .city: names.cities.map { (.integer(Int64($0.key)), $0.value) }
        }
    }

    /// A result-column code as a filter clause on `codeDimension`.
    func clause(_ value: SQLValue) -> FilterClause? {
        switch (self, value) {
        case (.city, .integer(let id)): .integer(id)
        case (.city, .text(let text)): Int64(text).map(FilterClause.integer)
        case (.country, .text(let code)), (.region, .text(let code)): .string(code)
        default: nil
        }
    }
}
