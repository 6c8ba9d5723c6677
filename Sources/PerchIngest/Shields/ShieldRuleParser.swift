import PerchCore
import PerchEnrich

/// Checks and normalises what an administrator typed into a `ShieldRule` (spec §7.2, plus CIDR
/// blocks, which Plausible refuses). Normalised text makes `10.0.0.1` and `10.0.0.1/32`, or two
/// spellings of one IPv6 address, the same rule.
package enum ShieldRuleParser {
    package static func rule(kind: ShieldRule.Kind, text raw: String) throws(ShieldError) -> ShieldRule {
        let text = raw.trimmingASCIIWhitespace()
        switch kind {
        case .ip: return ShieldRule(kind: .ip, value: try ipBlock(text))
        case .country: return ShieldRule(kind: .country, value: try country(text))
        case .page, .hostname: return ShieldRule(kind: kind, value: try pattern(text, kind: kind))
        }
    }

    /// `ADDRESS` or `ADDRESS/PREFIX`, as the canonical address text, with `/PREFIX` only when the
    /// block holds more than one address. IPv4-mapped IPv6 blocks are written as IPv4.
    static func ipBlock(_ text: String) throws(ShieldError) -> String {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(String(parts[0])) else {
            throw .invalidIP(text)
        }
        // Prefix length in the 128-bit space, as `CIDRBlock` holds it.
        var fullLength = 128
        if parts.count == 2 {
            let maxLength = address.family == .v4 ? 32 : 128
            guard parts[1].allSatisfy(\.isASCII), let value = Int(parts[1]), (0...maxLength).contains(value) else {
                throw .invalidIP(text)
            }
            fullLength = address.family == .v4 ? 96 + value : value
        }
        let network = masked(address, fullLength)
        let asIPv4 = address.isIPv4Mapped && fullLength >= 96
        let writtenLength = asIPv4 ? fullLength - 96 : fullLength
        let suffix = fullLength == 128 ? "" : "/" + String(writtenLength)
        // Mapped addresses print as the IPv4 address they carry.
        func written(_ address: IPAddress) -> String {
            asIPv4 ? IPAddress(ipv4: address.ipv4Value).canonicalText : address.canonicalText
        }
        guard network.high == address.high, network.low == address.low else {
            throw .hostBitsSet(text, network: written(network) + "/" + String(writtenLength))
        }
        return written(address) + suffix
    }

    static func country(_ text: String) throws(ShieldError) -> String {
        let code = text.uppercased()
        guard ShieldCountryCodes.known.contains(code) else { throw .unknownCountry(text) }
        return code
    }

    static func pattern(_ text: String, kind: ShieldRule.Kind) throws(ShieldError) -> String {
        guard !text.isEmpty else { throw .emptyPattern(kind) }
        guard text.count <= ShieldRule.Kind.maxPatternLength else { throw .patternTooLong(kind) }
        if kind == .page, !text.hasPrefix("/") { throw .pageWithoutLeadingSlash(text) }
        return text
    }

    /// The address with the bits past `length` (of 128) cleared.
    private static func masked(_ address: IPAddress, _ length: Int) -> IPAddress {
        let highMask: UInt64 = length >= 64 ? .max : (length == 0 ? 0 : .max << UInt64(64 - length))
        let lowLength = max(0, length - 64)
        let lowMask: UInt64 = lowLength >= 64 ? .max : (lowLength == 0 ? 0 : .max << UInt64(64 - lowLength))
        return IPAddress(high: address.high & highMask, low: address.low & lowMask, family: address.family)
    }
}
