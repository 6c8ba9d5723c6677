import Foundation
import PerchEnrich
import Testing

@Suite struct LiveDatasetTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "perch-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    var path: String { folder + "/datacenter-ranges.txt" }

    /// Replaces the file the way installs do: a new file renamed over the old one.
    func replace(with text: String) throws {
        let temporary = folder + "/.incoming"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        _ = rename(temporary, path)
    }

    @Test func absentFileGivesTheFallback() throws {
        let fallback = try IPRangeTable(text: "192.0.2.0/24")
        let live = LiveDataset<IPRangeTable>(path: path, fallback: fallback)
        #expect(live.initialLoad == .absent)
        #expect(live.current?.contains(IPAddress("192.0.2.9")!) == true)
        #expect(live.reloadIfChanged() == .unchanged)
        #expect(LiveDataset<IPRangeTable>(path: path).current == nil)
    }

    @Test func replacedFileIsReloaded() throws {
        try replace(with: "10.0.0.0/8\n")
        let live = LiveDataset<IPRangeTable>(path: path)
        #expect(live.initialLoad == .loaded(entries: 1))
        #expect(live.reloadIfChanged() == .unchanged)
        try replace(with: "192.0.2.0/24\n198.51.100.0/24\n")
        #expect(live.reloadIfChanged() == .loaded(entries: 2))
        #expect(live.current?.contains(IPAddress("192.0.2.1")!) == true)
        #expect(live.current?.contains(IPAddress("10.0.0.1")!) == false)
        #expect(live.reloadIfChanged() == .unchanged)
    }

    @Test func garbageKeepsThePreviousValueAndReportsOnce() throws {
        try replace(with: "10.0.0.0/8\n")
        let live = LiveDataset<IPRangeTable>(path: path)
        try replace(with: "10.0.0.0/8\n\u{1}\u{2}garbage\n")
        guard case .refused(let error) = live.reloadIfChanged() else {
            Issue.record("garbage was not refused")
            return
        }
        #expect(error.message.contains("line 2"))
        #expect(live.current?.contains(IPAddress("10.0.0.1")!) == true)
        // The refused file is not retried (nor reported again) until it changes.
        #expect(live.reloadIfChanged() == .unchanged)
        try replace(with: "172.16.0.0/12\n")
        #expect(live.reloadIfChanged() == .loaded(entries: 1))
        #expect(live.current?.contains(IPAddress("172.16.0.1")!) == true)
    }

    @Test func removedFileKeepsTheValue() throws {
        try replace(with: "10.0.0.0/8\n")
        let live = LiveDataset<IPRangeTable>(path: path)
        _ = unlink(path)
        #expect(live.reloadIfChanged() == .absent)
        #expect(live.reloadIfChanged() == .unchanged)
        #expect(live.current?.entryCount == 1)
    }

    @Test func refusedFileAtStartLeavesTheFallback() throws {
        try replace(with: "not a range\n")
        let live = LiveDataset<IPRangeTable>(path: path, fallback: try IPRangeTable(text: "192.0.2.0/24"))
        guard case .refused = live.initialLoad else {
            Issue.record("expected a refusal, got \(live.initialLoad)")
            return
        }
        #expect(live.current?.entryCount == 1)
    }
}
