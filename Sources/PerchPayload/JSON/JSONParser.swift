/// A strict RFC 8259 parser over bytes: one value with optional surrounding whitespace, valid
/// UTF-8 only, no lone surrogate escapes, bounded nesting. It never traps, whatever the input.
package struct JSONParser: Sendable {
    /// Why a body is not JSON; callers only need to know that it is not.
    package enum Failure: Error, Sendable, Hashable {
        case unexpectedEnd
        case unexpectedByte(offset: Int)
        case invalidString(offset: Int)
        case invalidNumber(offset: Int)
        case tooDeep
        case trailingBytes(offset: Int)
    }

    /// Deeper nesting than this is refused, so recursion stays far from the stack limit.
    package var maxDepth: Int

    package init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    package func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(Failure) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    package func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
        var cursor = JSONCursor(bytes: bytes, maxDepth: maxDepth)
        cursor.skipWhitespace()
        let value = try cursor.value(depth: 0)
        cursor.skipWhitespace()
        guard cursor.index == bytes.count else { throw .trailingBytes(offset: cursor.index) }
        return value
    }
}

/// The parse position; a value type so the parser itself stays `Sendable` and reusable.
struct JSONCursor {
    typealias Failure = JSONParser.Failure

    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    var index = 0

    init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func peek() throws(Failure) -> UInt8 {
        guard index < bytes.count else { throw .unexpectedEnd }
        return bytes[index]
    }

    mutating func expect(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw .unexpectedEnd }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw .unexpectedByte(offset: index + offset)
        }
        index += count
    }

    mutating func value(depth: Int) throws(Failure) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw .unexpectedByte(offset: index)
        }
    }

    mutating func array(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= maxDepth else { throw .tooDeep }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            let byte = try peek()
            index += 1
            if byte == UInt8(ascii: "]") { return .array(elements) }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(offset: index - 1) }
        }
    }

    mutating func object(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= maxDepth else { throw .tooDeep }
        index += 1
        // The body's own object (an event: four to ten members) gets room for them at once;
        // nested ones grow as they need, so many small objects cost no more than their members.
        var members = JSONMembers(expected: depth == 1 ? JSONMembers.expectedTopLevel : 0)
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members.pairs)
        }
        while true {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw .unexpectedByte(offset: index) }
            let key = try string()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw .unexpectedByte(offset: index) }
            index += 1
            skipWhitespace()
            members.set(key, try value(depth: depth))
            skipWhitespace()
            let byte = try peek()
            index += 1
            if byte == UInt8(ascii: "}") { return .object(members.pairs) }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(offset: index - 1) }
        }
    }
}

/// Object members in first-seen order where a repeated key replaces the earlier value; a hash
/// index appears only for larger objects, so hostile bodies with many keys stay linear.
struct JSONMembers {
    /// Room made at the first member of a body's top-level object: one allocation where growing
    /// one member at a time made three.
    static let expectedTopLevel = 8

    var pairs: [(key: String, value: JSONValue)] = []
    private var positions: [String: Int]?
    private let expected: Int

    init(expected: Int = 0) {
        self.expected = expected
    }

    mutating func set(_ key: String, _ value: JSONValue) {
        if pairs.isEmpty, expected > 0 { pairs.reserveCapacity(expected) }
        if positions != nil {
            if let position = positions![key] {
                pairs[position].value = value
            } else {
                positions![key] = pairs.count
                pairs.append((key, value))
            }
            return
        }
        if let position = pairs.firstIndex(where: { $0.key == key }) {
            pairs[position].value = value
            return
        }
        pairs.append((key, value))
        if pairs.count > 16 {
            var index: [String: Int] = [:]
            for (position, pair) in pairs.enumerated() { index[pair.key] = position }
            positions = index
        }
    }
}
