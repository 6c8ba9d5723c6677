/// One pass over a User-Agent's bytes: which tokens occur, in what order, and where their versions
/// are. Works on borrowed bytes and a caller-provided slot buffer, so scanning allocates nothing.
struct UserAgentScan {
    struct Slot {
        var order: Int32
        var start: Int32
        var end: Int32
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private let slots: UnsafeMutableBufferPointer<Slot>
    private var nextOrder: Int32 = 1
    /// The Android device model (e.g. `SM-T510`), the comment part naming the hardware.
    private(set) var model: Range<Int> = 0..<0
    private(set) var productCount = 0
    /// The first product's name, and whether it is one of the tokens (`Mozilla`, `Dalvik`, …).
    private(set) var firstProduct: Range<Int> = 0..<0
    private(set) var firstProductIsToken = false
    /// The client of `UserAgentParser.clients` the products name, the most telling kind first,
    /// then the first in the UA; and where its version sits.
    private(set) var client: UserAgentClient?
    private(set) var clientVersion: Range<Int> = 0..<0

    init(bytes: UnsafeBufferPointer<UInt8>, slots: UnsafeMutableBufferPointer<Slot>) {
        self.bytes = bytes
        self.slots = slots
        for index in slots.indices { slots[index] = Slot(order: 0, start: 0, end: 0) }
    }

    func has(_ token: UserAgentToken) -> Bool { slots[token.rawValue].order != 0 }

    /// Order of first appearance (1-based), 0 when absent.
    func order(_ token: UserAgentToken) -> Int32 { slots[token.rawValue].order }

    func version(_ token: UserAgentToken) -> Range<Int> {
        let slot = slots[token.rawValue]
        return Int(slot.start)..<Int(slot.end)
    }

    private mutating func record(_ token: UserAgentToken, _ start: Int, _ end: Int) {
        guard slots[token.rawValue].order == 0 else { return }
        slots[token.rawValue] = Slot(order: nextOrder, start: Int32(start), end: Int32(end))
        nextOrder += 1
    }

    mutating func scan(
        products: UserAgentTokenTable, comments: UserAgentTokenTable, clients: UserAgentWordTable<UserAgentClient>
    ) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") {
                index = scanComment(from: index + 1, comments: comments)
            } else if Self.isProductSeparator(byte) {
                index += 1
            } else {
                index = scanProduct(from: index, products: products, clients: clients)
            }
        }
    }

    private mutating func scanProduct(
        from start: Int, products: UserAgentTokenTable, clients: UserAgentWordTable<UserAgentClient>
    ) -> Int {
        var index = start
        var slash = -1
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isProductSeparator(byte) || byte == UInt8(ascii: "(") { break }
            if byte == UInt8(ascii: "/") && slash < 0 { slash = index }
            index += 1
        }
        productCount += 1
        let nameEnd = slash < 0 ? index : slash
        let versionRange = slash < 0 ? index..<index : (slash + 1)..<index
        let token = products.lookup(bytes, from: start, to: nameEnd)
        if let token { record(token, versionRange.lowerBound, versionRange.upperBound) }
        if productCount == 1 {
            firstProduct = start..<nameEnd
            firstProductIsToken = token != nil
        }
        if let named = clients.lookup(bytes, from: start, to: nameEnd),
            client.map({ named.kind.precedence < $0.kind.precedence }) ?? true
        {
            client = named
            clientVersion = versionRange
        }
        return index
    }

    private mutating func scanComment(from start: Int, comments: UserAgentTokenTable) -> Int {
        var index = start
        var partStart = start
        var afterAndroid = false
        while index <= bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: ")")
            if byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "(")
                || byte == UInt8(ascii: ")")
            {
                classifyPart(trimmed(partStart, index), comments: comments, afterAndroid: &afterAndroid)
                partStart = index + 1
                if byte == UInt8(ascii: ")") { return index + 1 }
            }
            index += 1
        }
        return index
    }

    private func trimmed(_ start: Int, _ end: Int) -> Range<Int> {
        var lower = start
        var upper = end
        while lower < upper && bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower && bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        return lower..<upper
    }

    private mutating func classifyPart(_ part: Range<Int>, comments: UserAgentTokenTable, afterAndroid: inout Bool) {
        guard !part.isEmpty else { return }
        var wordEnd = part.lowerBound
        while wordEnd < part.upperBound {
            let byte = bytes[wordEnd]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") { break }
            wordEnd += 1
        }
        let rest = trimmed(min(wordEnd + 1, part.upperBound), part.upperBound)
        guard let token = comments.lookup(bytes, from: part.lowerBound, to: wordEnd) else {
            if afterAndroid { noteModel(part) }
            return
        }
        switch token {
        case .android:
            afterAndroid = true
            recordFirstNumber(.android, in: rest)
        case .windowsNT:
            classifyWindows(rest)
        case .cpuOS, .msie, .tizen, .ieMobile, .macOSX, .kaiOS:
            if token == .macOSX && !contains("OS", in: part) { return }
            recordFirstNumber(token, in: rest)
        case .linux:
            // LG's `(Web0S; Linux/SmartTV)` puts the TV marker behind the kernel name.
            record(contains("SmartTV", in: rest) ? .smartTV : .linux, rest.lowerBound, rest.upperBound)
            record(.linux, rest.lowerBound, rest.upperBound)
        case .crOS:
            var lower = rest.upperBound
            while lower > rest.lowerBound && bytes[lower - 1] != UInt8(ascii: " ") { lower -= 1 }
            record(.crOS, lower, rest.upperBound)
        case .operaMini:
            if startsWith("Mini", at: rest.lowerBound, before: rest.upperBound) {
                recordFirstNumber(.operaMini, in: rest)
            }
        default:
            record(token, rest.lowerBound, rest.upperBound)
        }
    }

    private mutating func classifyWindows(_ rest: Range<Int>) {
        if startsWith("NT", at: rest.lowerBound, before: rest.upperBound) {
            recordFirstNumber(.windowsNT, in: rest)
        } else if startsWith("Phone", at: rest.lowerBound, before: rest.upperBound)
            || startsWith("Mobile", at: rest.lowerBound, before: rest.upperBound)
        {
            recordFirstNumber(.windowsPhone, in: rest)
        } else if startsWith("CE", at: rest.lowerBound, before: rest.upperBound) {
            record(.windowsCE, rest.lowerBound, rest.upperBound)
        } else {
            record(.windowsLegacy, rest.lowerBound, rest.upperBound)
        }
    }

    /// Records the first run of digits, dots and underscores in `range` as the token's version.
    private mutating func recordFirstNumber(_ token: UserAgentToken, in range: Range<Int>) {
        var lower = range.lowerBound
        while lower < range.upperBound && !Self.isDigit(bytes[lower]) { lower += 1 }
        var upper = lower
        while upper < range.upperBound
            && (Self.isDigit(bytes[upper]) || bytes[upper] == UInt8(ascii: ".") || bytes[upper] == UInt8(ascii: "_"))
        {
            upper += 1
        }
        record(token, lower, upper)
    }

    private mutating func noteModel(_ part: Range<Int>) {
        guard model.isEmpty || contains("Build", in: part) else { return }
        if Self.isLocale(bytes, part) || part.count == 1 { return }
        var upper = part.upperBound
        var index = part.lowerBound
        while index + 6 <= part.upperBound {
            if startsWith(" Build", at: index, before: part.upperBound)
                || startsWith(
                    "Build/", at: index,
                    before: part.upperBound)
            {
                upper = index; break
            }
            index += 1
        }
        if upper > part.lowerBound { model = part.lowerBound..<upper }
    }

    func startsWith(_ prefix: StaticString, at start: Int, before end: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard end - start >= length else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<length
        where UserAgentTokenTable.lowered(bytes[start + offset]) != UserAgentTokenTable.lowered(pointer[offset]) {
            return false
        }
        return true
    }

    func contains(_ needle: StaticString, in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            if startsWith(needle, at: index, before: range.upperBound) { return true }
            index += 1
        }
        return false
    }

    private static func isLocale(_ bytes: UnsafeBufferPointer<UInt8>, _ part: Range<Int>) -> Bool {
        guard part.count == 5 || part.count == 2 else { return false }
        return part.count == 2 || bytes[part.lowerBound + 2] == UInt8(ascii: "-")
            || bytes[part.lowerBound + 2] == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    private static func isProductSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ")") || byte < 0x20
    }
}
