extension CIDRBlock {
    /// The block's first address in the 128-bit space (IPv4 blocks sit in `::ffff:0:0/96`).
    package var firstValue: UInt128 {
        UInt128(network.high) << 64 | UInt128(network.low)
    }

    /// The block's last address in the 128-bit space.
    package var lastValue: UInt128 {
        prefixLength == 0 ? .max : firstValue | (UInt128.max >> UInt128(prefixLength))
    }

    /// Parses like `init?(_:)` but clears host bits beyond the prefix instead of refusing them, for
    /// upstream feeds that write `192.0.2.1/24` to mean the block the address is in.
    /// (A static function, not an initializer, so `CIDRBlock.init` stays unambiguous as a function value.)
    package static func clearingHostBits(_ text: String) -> CIDRBlock? {
        if let exact = CIDRBlock(text) { return exact }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])),
            let length = Int(parts[1]), length >= 0, length <= (address.family == .v4 ? 32 : 128)
        else { return nil }
        let fullLength = address.family == .v4 ? 96 + length : length
        let value = UInt128(address.high) << 64 | UInt128(address.low)
        let mask: UInt128 = fullLength == 0 ? 0 : UInt128.max << UInt128(128 - fullLength)
        let masked = value & mask
        let network = IPAddress(
            high: UInt64(truncatingIfNeeded: masked >> 64),
            low: UInt64(truncatingIfNeeded: masked),
            family: address.family
        )
        return CIDRBlock(Self.text(network, length))
    }

    /// `ADDRESS/PREFIX` with the prefix counted in the address's own family (IPv4 /0...32).
    static func text(_ address: IPAddress, _ length: Int) -> String {
        "\(address.canonicalText)/\(length)"
    }
}
