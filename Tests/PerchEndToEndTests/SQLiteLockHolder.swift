import Foundation

/// Another process holding SQLite's write lock on a database: the `sqlite3` shell inside
/// `BEGIN EXCLUSIVE` until `release()`.
final class SQLiteLockHolder {
    private let child = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var released = false

    /// Why the lock tests cannot run here, or nil when they can.
    static var unavailable: String? {
        ScratchDisk.executable("sqlite3") == nil ? "the sqlite3 shell is not installed (Debian's sqlite3)" : nil
    }

    /// Starts the shell and waits until it holds the lock (it waits up to 10 s for a writer that
    /// holds it first).
    init(database: URL) throws {
        child.executableURL = URL(fileURLWithPath: ScratchDisk.executable("sqlite3") ?? "sqlite3")
        child.arguments = [database.path]
        child.standardInput = input
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        input.fileHandleForWriting.write(Data(".timeout 10000\nBEGIN EXCLUSIVE;\n.print locked\n".utf8))
        // The shell prints only once BEGIN EXCLUSIVE has returned; it flushes each line.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw SQLiteLockError.shellExited }
            seen += chunk
        }
    }

    /// Commits the empty transaction and waits for the shell to exit. Safe to call twice.
    func release() {
        guard !released else { return }
        released = true
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        child.waitUntilExit()
    }
}

enum SQLiteLockError: Error {
    case shellExited
}
