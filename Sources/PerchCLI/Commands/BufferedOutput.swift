#if canImport(Glibc)
    import Glibc
#endif

/// Output to a file descriptor (stdout by default) in large writes, for exports of millions of
/// rows. A failed write (a full disk, a closed pipe) is remembered, later output is discarded, and
/// `finish()` reports it, so an export that did not reach its destination exits non-zero.
struct BufferedOutput {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    /// The `errno` of the first failed write.
    private(set) var failure: Int32?

    init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends `text` as it is (line terminators included).
    mutating func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        let descriptor = descriptor
        failure = buffer.withUnsafeBytes { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return written < 0 ? errno : EIO }
                offset += written
            }
            return nil
        }
    }

    /// Writes what is buffered; throws if any write failed.
    mutating func finish() throws(OutputError) {
        flush()
        if let failure { throw OutputError(code: failure) }
    }
}

/// Output that could not be written; the message names the system's reason.
struct OutputError: Error, CustomStringConvertible {
    let code: Int32

    var description: String { "could not write the output: " + String(cString: strerror(code)) }
}
