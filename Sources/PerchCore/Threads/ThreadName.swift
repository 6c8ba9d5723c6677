#if canImport(Glibc)
    import Glibc
#endif

/// The name the operating system shows for a thread Perch owns (`top -H`, `ps -L`, `perf`).
package enum ThreadName {
    /// Names the calling thread (Linux keeps the first 15 bytes); does nothing elsewhere, or if
    /// `/proc` is not mounted. Glibc's `pthread_setname_np` is not visible to Swift, so this writes
    /// the thread's `comm` file, which is what that function does too.
    package static func setCurrent(_ name: String) {
        #if canImport(Glibc)
            let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            let bytes = Array(name.utf8.prefix(15))
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
    }
}
