/// A money amount in thousandths of the currency unit, as ClickHouse's `Decimal64(3)` stores it.
package struct MilliAmount: Sendable, Hashable, Comparable {
    package var thousandths: Int64

    package init(thousandths: Int64) {
        self.thousandths = thousandths
    }

    package static func < (lhs: MilliAmount, rhs: MilliAmount) -> Bool {
        lhs.thousandths < rhs.thousandths
    }

    /// Decimal text without trailing zeros: `12300` → `"12.3"`, `-5` → `"-0.005"`, `2000` → `"2"`.
    package var decimalText: String {
        let negative = thousandths < 0
        let magnitude = thousandths.magnitude
        let whole = magnitude / 1000
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let body = fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
        return negative ? "-" + body : body
    }
}

/// Revenue attached to an event: what the client sent and what the site reports in.
/// Without a conversion rate the reporting side is absent (spec box: revenue is always on).
package struct Revenue: Sendable, Hashable {
    package var sourceAmount: MilliAmount
    package var sourceCurrency: String
    package var reportingAmount: MilliAmount?
    package var reportingCurrency: String

    package init(
        sourceAmount: MilliAmount,
        sourceCurrency: String,
        reportingAmount: MilliAmount?,
        reportingCurrency: String
    ) {
        self.sourceAmount = sourceAmount
        self.sourceCurrency = sourceCurrency
        self.reportingAmount = reportingAmount
        self.reportingCurrency = reportingCurrency
    }
}
