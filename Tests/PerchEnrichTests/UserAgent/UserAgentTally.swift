/// Hits and misses per field, with the commonest expected→got confusions.
struct UserAgentTally {
    enum Field: String, CaseIterable { case browser, os, device }

    let corpus: String
    private var hits: [Field: Int] = [:]
    private var totals: [Field: Int] = [:]
    private var misses: [Field: [String: Int]] = [:]

    init(corpus: String) { self.corpus = corpus }

    mutating func add(_ field: Field, expected: String, got: String) {
        totals[field, default: 0] += 1
        if expected == got {
            hits[field, default: 0] += 1
        } else {
            misses[field, default: [:]]["\(expected)→\(got)", default: 0] += 1
        }
    }

    func rate(_ field: Field) -> Double {
        Double(hits[field] ?? 0) / Double(max(1, totals[field] ?? 0))
    }

    func report(fields: [Field] = Field.allCases, misses shown: Int = 15) {
        let figures = fields.map { field in
            let percent = (rate(field) * 1000).rounded() / 10
            return "\(field.rawValue) \(percent)% (\(hits[field] ?? 0)/\(totals[field] ?? 0))"
        }
        print("ua oracle \(corpus): " + figures.joined(separator: " "))
        for field in fields {
            let top = (misses[field] ?? [:]).sorted { $0.value > $1.value }.prefix(shown)
            print("  \(field.rawValue) misses: " + top.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        }
    }
}
