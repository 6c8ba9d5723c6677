import Foundation
import Testing

@testable import PerchJournal

/// The flusher thread carries its name into the kernel, where `top -H`, `ps -L` and `perf`
/// read it (Foundation's `Thread.name` alone does not get there on Linux).
@Suite struct JournalThreadNameTests {
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/task")))
    func theFlusherThreadIsNamedPerchJournal() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            // The thread names itself when it starts, which may be just after `open` returns.
            var names = Self.threadNames()
            for _ in 0..<200 where !names.contains("perch-journal") {
                try await Task.sleep(for: .milliseconds(10))
                names = Self.threadNames()
            }
            #expect(names.contains("perch-journal"))
        }
    }
}
