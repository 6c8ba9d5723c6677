#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only MaxMind DB (format v2) reader over a memory-mapped file or an in-memory copy.
///
/// `@unchecked Sendable`: every stored property is a `let`; the bytes behind `base` are never
/// written after `init` (mapped `PROT_READ` or copied once) and are released only in `deinit`,
/// when no other reference can exist, so concurrent lookups only ever read immutable memory.
package final class MMDBReader: @unchecked Sendable {
    package let metadata: MMDBMetadata
    private let base: UnsafeRawPointer
    private let count: Int
    private let isMapped: Bool
    let layout: MMDBLayout

    /// Maps the file at `path` read-only for the reader's lifetime.
    package convenience init(path: String) throws(MMDBError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotOpen(path, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path, errno) }
        let size = Int(status.st_size)
        guard size > 0 else { throw .notMMDB }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw .cannotOpen(path, errno)
        }
        try self.init(base: UnsafeRawPointer(mapping), count: size, isMapped: true)
    }

    /// Copies `bytes`; meant for tests and small embedded databases.
    package convenience init(bytes: [UInt8]) throws(MMDBError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        // A failing init below never runs deinit, so the copy is freed there instead.
        do {
            try self.init(base: UnsafeRawPointer(copy.baseAddress!), count: bytes.count, isMapped: false)
        } catch {
            copy.deallocate()
            throw error
        }
    }

    private init(base: UnsafeRawPointer, count: Int, isMapped: Bool) throws(MMDBError) {
        let whole = UnsafeRawBufferPointer(start: base, count: count)
        do {
            let metadataStart = try Self.metadataStart(in: whole)
            let section = UnsafeRawBufferPointer(rebasing: whole[metadataStart...])
            var budget = MMDBDecodeBudget()
            let metadata = try MMDBMetadata(MMDBDecoder(bytes: section).value(at: 0, budget: &budget))
            self.layout = try MMDBLayout(metadata: metadata, base: base, metadataStart: metadataStart)
            self.metadata = metadata
        } catch {
            if isMapped { munmap(UnsafeMutableRawPointer(mutating: base), count) }
            throw error
        }
        self.base = base
        self.count = count
        self.isMapped = isMapped
    }

    deinit {
        layout.deallocate()
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        } else {
            base.deallocate()
        }
    }

    /// The full record for `ip`, or nil when the database has no network containing it.
    package func lookup(_ ip: IPAddress) throws(MMDBError) -> MMDBValue? {
        guard let offset = try layout.dataOffset(for: ip) else { return nil }
        var budget = MMDBDecodeBudget()
        return try layout.decoder.value(at: offset, budget: &budget)
    }

    /// The full record for `ip` (nil when no network holds it) and the prefix length of the
    /// network found, empty or not: IPv4 bits for `.v4` addresses, IPv6 bits otherwise (as
    /// MaxMind's `get_with_prefix_len` reports it).
    package func lookupNetwork(_ ip: IPAddress) throws(MMDBError) -> (record: MMDBValue?, prefixLength: Int) {
        let network = try layout.network(for: ip)
        guard let offset = network.offset else { return (nil, network.prefixLength) }
        var budget = MMDBDecodeBudget()
        return (try layout.decoder.value(at: offset, budget: &budget), network.prefixLength)
    }

    private static let marker: [UInt8] = [0xAB, 0xCD, 0xEF] + Array("MaxMind.com".utf8)

    /// Offset just past the last metadata marker within the final 128 KiB.
    private static func metadataStart(in whole: UnsafeRawBufferPointer) throws(MMDBError) -> Int {
        let markerCount = marker.count
        guard whole.count >= markerCount else { throw .notMMDB }
        let lowest = max(0, whole.count - 128 * 1024)
        var start = whole.count - markerCount
        while start >= lowest {
            if whole[start] == 0xAB, marker.indices.allSatisfy({ whole[start + $0] == marker[$0] }) {
                return start + markerCount
            }
            start -= 1
        }
        throw .notMMDB
    }
}
