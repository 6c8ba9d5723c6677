import Foundation
import PerchEnrich
import Testing

struct MMDBReaderFileTests {
    @Test func opensMemoryMappedFile() throws {
        let bytes = try MMDBHostileInputTests.sampleDatabase(recordSize: 28)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("perch-\(UUID().uuidString).mmdb")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try MMDBReader(path: url.path)
        #expect(reader.location(try ip("2.125.160.216")).subdivision2Code == "GB-WBK")
        #expect(try reader.lookup(ip("2001:db8::1"))?["country"]?["iso_code"] == .string("SE"))
        #expect(reader.metadata.recordSize == 28)
    }

    @Test func missingFileThrowsCannotOpen() {
        #expect {
            try MMDBReader(path: "/nonexistent/perch.mmdb")
        } throws: { error in
            if case MMDBError.cannotOpen(let path, _) = error { return path == "/nonexistent/perch.mmdb" }
            return false
        }
    }

    @Test func emptyFileIsNotMMDB() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("perch-\(UUID().uuidString).mmdb")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: MMDBError.notMMDB) { try MMDBReader(path: url.path) }
    }

    @Test func concurrentLookupsAgree() async throws {
        let reader = try MMDBReader(bytes: MMDBHostileInputTests.sampleDatabase(recordSize: 24))
        let address = try ip("2.125.160.1")
        let results = await withTaskGroup(of: GeoLocation.self) { group in
            for _ in 0..<8 { group.addTask { reader.location(address) } }
            return await group.reduce(into: [GeoLocation]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(
            Set(results) == [
                GeoLocation(
                    countryCode: "GB", subdivision1Code: "GB-ENG", subdivision2Code: "GB-WBK", cityGeonameID: 2_655_045)
            ])
    }
}
