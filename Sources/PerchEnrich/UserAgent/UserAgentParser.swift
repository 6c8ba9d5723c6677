/// Derives Plausible's browser, OS and device-category fields from a User-Agent string (spec §11),
/// following Matomo device-detector's names and inference rules without regular expressions: the
/// bytes are scanned once into product tokens and comment parts, then small ordered rules decide.
/// Bots are not its concern (`BotDetector` is).
package struct UserAgentParser: Sendable {
    private let products: UserAgentTokenTable
    private let comments: UserAgentTokenTable
    private let clients: UserAgentWordTable<UserAgentClient>
    private static let tokenCount = UserAgentToken.allCases.count

    package init() {
        products = UserAgentTokenTable(UserAgentToken.productNames)
        comments = UserAgentTokenTable(UserAgentToken.commentWords)
        clients = UserAgentWordTable(Self.clientNames.map { ($0.product, $0.client) })
    }

    package func parse(_ userAgent: String) -> UserAgentDetails {
        var text = userAgent
        if let details = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return details }
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { parse(bytes: $0) } ?? .unknown
    }

    private func parse(bytes: UnsafeBufferPointer<UInt8>) -> UserAgentDetails {
        guard !bytes.isEmpty else { return .unknown }
        return withUnsafeTemporaryAllocation(of: UserAgentScan.Slot.self, capacity: Self.tokenCount) {
            var scan = UserAgentScan(bytes: bytes, slots: $0)
            scan.scan(products: products, comments: comments, clients: clients)
            return decide(scan)
        }
    }

    private func decide(_ scan: UserAgentScan) -> UserAgentDetails {
        var details = UserAgentDetails()
        let system = Self.operatingSystem(scan)
        details.operatingSystem = system.name
        details.operatingSystemVersion = system.version
        let client = Self.browser(scan, system: system.name)
        if client.isMobileApp {
            details.browser = "Mobile App"
        } else {
            details.browser = client.name
            if let range = client.version, !client.name.isEmpty {
                details.browserVersion = Self.majorMinor(scan.bytes, range)
            }
        }
        details.screenSize = Self.screenSize(scan, system: system.name)
        return details
    }

    /// The first two dot-separated numeric components of a version, `_` read as `.`.
    static func majorMinor(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard !range.isEmpty, range.upperBound <= bytes.count else { return "" }
        var length = 0
        var dots = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") {
                dots += 1
                if dots == 2 { break }
            } else if !UserAgentScan.isDigit(byte) {
                break
            }
            length += 1
            index += 1
        }
        while length > 0, !UserAgentScan.isDigit(bytes[range.lowerBound + length - 1]) { length -= 1 }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            for offset in 0..<length {
                let byte = bytes[range.lowerBound + offset]
                buffer[offset] = byte == UInt8(ascii: "_") ? UInt8(ascii: ".") : byte
            }
            return length
        }
    }

    /// The major component only, as a number (for version comparisons in rules).
    static func major(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var value = 0
        var index = range.lowerBound
        while index < range.upperBound, UserAgentScan.isDigit(bytes[index]), value < 100_000 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return index == range.lowerBound ? -1 : value
    }
}
