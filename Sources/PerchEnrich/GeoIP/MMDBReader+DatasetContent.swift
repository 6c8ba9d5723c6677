extension MMDBReader: DatasetContent {
    package static var kind: DatasetKind { .geoip }

    /// Opens the file and looks up a few addresses across the tree, so that a database whose
    /// metadata is sound but whose tree or data section is damaged is refused before it replaces a
    /// working one.
    package convenience init(contentsOfFile path: String) throws(DatasetError) {
        do {
            try self.init(path: path)
        } catch .cannotOpen(let path, let code) {
            throw DatasetError("\(MMDBError.cannotOpen(path, code))")
        } catch {
            throw DatasetError("\(path): \(error)")
        }
        for probe in Self.probes {
            do {
                _ = try lookup(probe)
            } catch {
                throw DatasetError("\(path): \(error)")
            }
        }
    }

    /// The search tree's node count: the closest to "how many networks" the metadata tells.
    package var entryCount: Int { metadata.nodeCount }

    /// Addresses spread over the IPv4 space and the allocated IPv6 space.
    private static let probes: [IPAddress] =
        (0..<16).map { IPAddress(ipv4: UInt32($0) << 28 | 0x0102_0304) }
        + [0x2001_0db8, 0x2400_cb00, 0x2a00_1450].map { IPAddress(high: UInt64($0) << 32, low: 1, family: .v6) }
}
