#if canImport(Glibc)
    import Glibc
#endif

extension CPUTimes {
    /// This machine's, from `/proc/stat`; nil where there is none (not Linux, `/proc` not
    /// mounted) or it cannot be read. Three system calls: read it now and then, not per request.
    package static func readSystem() -> CPUTimes? {
        #if canImport(Glibc)
            let descriptor = open("/proc/stat", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            // The aggregate line is at most 5 + 10 × 21 bytes; the lines after it are not needed.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buffer in
                var filled = 0
                while filled < buffer.count {
                    let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    filled += count
                    if buffer[..<filled].contains(UInt8(ascii: "\n")) { break }
                }
                return CPUTimes(procStat: UnsafeBufferPointer(rebasing: buffer[..<filled]))
            }
        #else
            return nil
        #endif
    }
}
