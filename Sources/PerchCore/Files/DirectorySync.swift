#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes a folder's entries durable: a file created, renamed into or removed from it survives a
/// power cut only once the folder itself is synced.
package enum DirectorySync {
    /// The step that failed.
    package enum Failure: String, Sendable {
        case open, fsync
    }

    /// Opens the folder at `path` and fsyncs it. On failure, returns the step that failed, with
    /// `errno` as that step left it (callers describe it with `strerror(errno)`).
    package static func sync(_ path: String) -> Failure? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return .open }
        defer { close(descriptor) }
        return fsync(descriptor) == 0 ? nil : .fsync
    }
}
