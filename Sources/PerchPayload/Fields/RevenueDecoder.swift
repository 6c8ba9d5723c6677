import PerchCore

/// Revenue (spec §4.6 and the box): `{amount, currency}` as an object or a JSON-object string.
/// Anything unusable means "no revenue", never an error. Without exchange rates the reporting
/// side repeats the source side.
package enum RevenueDecoder {
    package static func decode(_ raw: JSONValue?, parser: JSONParser) -> Revenue? {
        let object: JSONValue
        switch raw {
        case .object?: object = raw!
        case .string(let text)?:
            guard let parsed = try? parser.parse(Array(text.utf8)), case .object = parsed else { return nil }
            object = parsed
        default: return nil
        }
        guard case .string(let currency)? = object["currency"], CurrencyCodes.isKnown(currency),
            let amountValue = object["amount"], let amount = amount(amountValue)
        else { return nil }
        return Revenue(
            sourceAmount: amount, sourceCurrency: currency, reportingAmount: amount, reportingCurrency: currency)
    }

    private static func amount(_ value: JSONValue) -> MilliAmount? {
        switch value {
        case .integer(let integer):
            return DecimalAmount.thousandths(prefixOf: String(integer))
        case .double(let double):
            return DecimalAmount.thousandths(prefixOf: ElixirFloat.text(double))
        case .string(let text):
            return DecimalAmount.thousandths(prefixOf: text)
        default:
            return nil
        }
    }
}
