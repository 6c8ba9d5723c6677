/// A block of addresses, `10.0.0.0/8` or `2001:db8::/32`; a bare address is a block of one.
/// IPv4 blocks match IPv4 addresses in either form (dotted or `::ffff:`-mapped).
package struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    package let network: IPAddress
    /// Prefix length in the 128-bit space (IPv4 /n is 96 + n).
    package let prefixLength: Int
    package let description: String

    /// Parses `ADDRESS/PREFIX` or `ADDRESS`; nil for anything else, a prefix out of range, or
    /// host bits set beyond the prefix.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(String(parts[0])) else { return nil }
        let isIPv4 = address.family == .v4
        let maxLength = isIPv4 ? 32 : 128
        var length = maxLength
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...maxLength).contains(value) else { return nil }
            length = value
        }
        let fullLength = isIPv4 ? 96 + length : length
        guard Self.masked(address, fullLength) == (address.high, address.low) else { return nil }
        network = address
        prefixLength = fullLength
        description = text
    }

    package func contains(_ address: IPAddress) -> Bool {
        Self.masked(address, prefixLength) == (network.high, network.low)
    }

    /// The loopback blocks, trusted by default: `127.0.0.0/8` and `::1/128`.
    package static let loopback: [CIDRBlock] = [CIDRBlock("127.0.0.0/8")!, CIDRBlock("::1")!]

    private static func masked(_ address: IPAddress, _ length: Int) -> (UInt64, UInt64) {
        let highMask: UInt64 = length >= 64 ? .max : (length == 0 ? 0 : .max << UInt64(64 - length))
        let lowLength = max(0, length - 64)
        let lowMask: UInt64 = lowLength >= 64 ? .max : (lowLength == 0 ? 0 : .max << UInt64(64 - lowLength))
        return (address.high & highMask, address.low & lowMask)
    }
}
