/// The body of `POST /api/events`: a JSON array of Events API objects, or NDJSON (one object per
/// line). Split into each event's own bytes, which the Events API decoder then reads one by one,
/// so every event is validated (and answered) exactly as `POST /api/event` would.
package enum EventBatch {
    package static let maxEvents = 1_000

    package enum Failure: Error, Sendable, Equatable {
        /// Neither a well-formed JSON array nor lines of text.
        case unparsable
        case tooManyEvents
        case empty
    }

    package static func split(_ bytes: [UInt8]) throws(Failure) -> [[UInt8]] {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { throw .empty }
        let events = bytes[first] == UInt8(ascii: "[") ? try arrayElements(bytes, from: first) : lines(bytes)
        guard !events.isEmpty else { throw .empty }
        guard events.count <= maxEvents else { throw .tooManyEvents }
        return events
    }

    /// The elements of the top-level array starting at `start`, each as its own bytes. Only the
    /// nesting is checked here (strings, brackets, commas); each element's JSON is the decoder's.
    private static func arrayElements(_ bytes: [UInt8], from start: Int) throws(Failure) -> [[UInt8]] {
        var elements: [[UInt8]] = []
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart: Int?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            defer { index += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if depth == 1, elementStart == nil { elementStart = index }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 2, elementStart == nil { elementStart = index }
                guard depth <= 64 else { throw .unparsable }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                guard depth >= 0 else { throw .unparsable }
                if depth == 0 {
                    if let begin = elementStart { elements.append(Array(bytes[begin..<index])) }
                    guard bytes[(index + 1)...].allSatisfy(isSpace) else { throw .unparsable }
                    return elements.map(trimmed)
                }
            case UInt8(ascii: ","):
                if depth == 1 {
                    guard let begin = elementStart else { throw .unparsable }
                    elements.append(Array(bytes[begin..<index]))
                    elementStart = nil
                    if elements.count > maxEvents { throw .tooManyEvents }
                }
            default:
                if depth == 1, elementStart == nil, !isSpace(byte) { elementStart = index }
            }
        }
        throw .unparsable
    }

    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let text = trimmed(Array(line))
            if !text.isEmpty { lines.append(text) }
            if lines.count > maxEvents { break }
        }
        return lines
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return Array(bytes[first...last])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
