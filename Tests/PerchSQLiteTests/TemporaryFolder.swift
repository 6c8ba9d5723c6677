import Foundation

/// A unique folder under the system's temporary directory, removed when the test is done.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "perch-sqlite-tests-" + UUID().uuidString
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
