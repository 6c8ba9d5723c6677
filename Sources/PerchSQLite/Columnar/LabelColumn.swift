import PerchCore

/// A column of text codes read as a dimension shows its values (`ColumnarDimensions`): each
/// code's label is what SQL's dimension expression gives for the row (the text, an empty one's
/// label, a property's value or `(none)`), and its key is that label in `perch_group`'s JSON.
struct LabelColumn {
    let codes: [UInt32]
    /// The label of a code; computed again on each call, so callers keep what they need per code.
    let label: (UInt32) -> String
    /// Whether the column holds integers (a city's geoname id), whose keys are JSON numbers.
    let isInteger: Bool
    /// How many codes there are, when they are not text codes (the dictionary's size).
    let codeCount: Int?

    init(codes: [UInt32], isInteger: Bool = false, codeCount: Int? = nil, label: @escaping (UInt32) -> String) {
        self.codes = codes
        self.isInteger = isInteger
        self.codeCount = codeCount
        self.label = label
    }

    /// A code's label as a JSON value.
    func keyJSON(_ code: UInt32) -> String {
        let text = label(code)
        return isInteger ? text : JSONText.quoted(text)
    }
}
