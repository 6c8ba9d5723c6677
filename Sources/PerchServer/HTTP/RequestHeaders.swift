import HTTPTypes
import NIOHTTP1

/// A request's header fields looked up by name, whichever type holds them: HTTPTypes' `HTTPFields`
/// on Hummingbird's routes, NIOHTTP1's `HTTPHeaders` on the events fast path (which runs before the
/// conversion to HTTPTypes). Both read alike: several fields of one name are one value joined
/// with ", ", as `HTTPFields` joins them.
package protocol RequestHeaders {
    func value(of name: HTTPField.Name) -> String?
}

extension HTTPFields: RequestHeaders {
    package func value(of name: HTTPField.Name) -> String? {
        self[name]
    }
}

extension HTTPHeaders: RequestHeaders {
    /// Compares names byte by byte, ignoring ASCII case, without building an array of values for
    /// the usual single field.
    package func value(of name: HTTPField.Name) -> String? {
        let wanted = name.canonicalName.utf8
        var found: String?
        for (fieldName, value) in self where Self.sameName(fieldName.utf8, lowercased: wanted) {
            if let previous = found { found = previous + ", " + value } else { found = value }
        }
        return found
    }

    private static func sameName(_ name: String.UTF8View, lowercased wanted: String.UTF8View) -> Bool {
        guard name.count == wanted.count else { return false }
        // Walked by index: `zip` over the two views cost more than the comparison itself.
        var index = name.startIndex
        var expectedIndex = wanted.startIndex
        while index != name.endIndex {
            let byte = name[index]
            let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if lowered != wanted[expectedIndex] { return false }
            name.formIndex(after: &index)
            wanted.formIndex(after: &expectedIndex)
        }
        return true
    }
}
