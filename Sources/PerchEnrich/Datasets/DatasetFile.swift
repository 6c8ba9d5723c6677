#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads data-set files whole and tells when one was replaced, with plain POSIX calls (no
/// Foundation), for `DatasetContent` types and `LiveDataset`.
package enum DatasetFile {
    /// Which file a path names right now: a rename over it changes the inode, an edit in place
    /// changes size or modification time.
    package struct Identity: Sendable, Hashable {
        package let device: UInt64
        package let inode: UInt64
        package let size: Int64
        package let modifiedSeconds: Int64
        package let modifiedNanoseconds: Int64
    }

    /// The identity of the file at `path`, or nil when there is none (or it cannot be seen).
    package static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino),
            size: Int64(info.st_size),
            modifiedSeconds: Int64(info.st_mtim.tv_sec),
            modifiedNanoseconds: Int64(info.st_mtim.tv_nsec)
        )
    }

    /// The file's bytes; refuses a missing or unreadable file, or one larger than `limit`.
    package static func read(_ path: String, limit: Int = 1 << 30) throws(DatasetError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DatasetError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw DatasetError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard Int(info.st_size) <= limit else {
            throw DatasetError("\(path) is larger than \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while true {
            if offset == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 1 << 16)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw DatasetError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            offset += count
            guard offset <= limit else { throw DatasetError("\(path) is larger than \(limit) bytes") }
        }
        bytes.removeLast(bytes.count - offset)
        return bytes
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
        #else
            Darwin.read(descriptor, buffer, count)
        #endif
    }
}
