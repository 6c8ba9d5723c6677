import PerchCore

/// Turns filters on `visit:*_name` into filters on the code columns before planning, so a name
/// never reaches SQL and every code is a bound value: a leaf becomes `is`/`is_not` over the codes
/// whose names satisfy it (Plausible compares the names: `country_name = 'Estonia'`).
///
/// A code without a name reads as `""` (spec §10.1; Plausible's `dictGet` default). The codes
/// such a name stands for are not all known in advance (any code the database does not name,
/// and the empty one), so a leaf that `""` satisfies is written as the complement: not one of
/// the named codes that fail it. When a list would exceed `maxListedCodes` (a broad pattern over
/// 100,000 city names) the codes present in the queried rows stand in for all known ones: the
/// caller fetches them (`QueryPlanner.presentCodes`) and passes them as `present`.
struct LocationNameFilter {
    static let defaultMaxListedCodes = 1_000

    let names: LocationNames
    /// The codes of each kind that occur in the rows the query can see, where fetched.
    let present: [LocationNameKind: [SQLValue]]
    let maxListedCodes: Int

    init(names: LocationNames, present: [LocationNameKind: [SQLValue]] = [:], maxListedCodes: Int) {
        self.names = names
        self.present = present
        self.maxListedCodes = maxListedCodes
    }

    /// The name kinds of `filters` whose leaves need the present codes (their lists are too long).
    func kindsNeedingPresentCodes(_ filters: [Filter]) -> Set<LocationNameKind> {
        var kinds = Set<LocationNameKind>()
        for (leaf, _) in filters.flatMap({ $0.leaves() }) {
            guard let kind = LocationNameKind(leaf.dimension), present[kind] == nil else { continue }
            if case .tooLong = listing(leaf, kind: kind) { kinds.insert(kind) }
        }
        return kinds
    }

    func rewrite(_ filter: Filter) -> Filter {
        switch filter {
        case .leaf(let leaf): .leaf(rewrite(leaf))
        case .and(let filters): .and(filters.map(rewrite))
        case .or(let filters): .or(filters.map(rewrite))
        case .not(let inner): .not(rewrite(inner))
        case .hasDone(let inner): .hasDone(rewrite(inner))
        case .hasNotDone(let inner): .hasNotDone(rewrite(inner))
        }
    }

    private func rewrite(_ leaf: FilterLeaf) -> FilterLeaf {
        guard let kind = LocationNameKind(leaf.dimension) else { return leaf }
        // `.tooLong` only comes back without the present codes, when the caller did not fetch
        // them: listing every named code is still correct, merely long.
        guard case .listed(let codes, let complement) = listing(leaf, kind: kind, limit: .max) else { return leaf }
        // `complement`: the positive leaf holds for every code *not* listed.
        let op: FilterOperator = complement == leaf.op.isNegated ? .is : .isNot
        return FilterLeaf(op: op, dimension: kind.codeDimension, clauses: codes)
    }

    private enum Listing {
        case listed([FilterClause], complement: Bool)
        case tooLong
    }

    private func listing(_ leaf: FilterLeaf, kind: LocationNameKind, limit: Int? = nil) -> Listing {
        let matcher = LocationNameMatcher(leaf)
        if let present = present[kind] {
            let codes = present.filter { matcher.matches(kind.name(of: $0, in: names) ?? "") }
            return .listed(codes.compactMap(kind.clause).sorted(by: Self.order), complement: false)
        }
        let emptyMatches = matcher.matches("")
        // With "" satisfied, unnamed codes pass: list the named codes that fail instead.
        let codes = kind.entries(names).filter { matcher.matches($0.name) != emptyMatches }.map(\.code)
        guard codes.count <= limit ?? maxListedCodes else { return .tooLong }
        return .listed(codes.sorted(by: Self.order), complement: emptyMatches)
    }

    /// Codes in a fixed order, so the same query renders the same SQL.
    private static func order(_ lhs: FilterClause, _ rhs: FilterClause) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let left), .integer(let right)): left < right
        default: lhs.text < rhs.text
        }
    }
}
