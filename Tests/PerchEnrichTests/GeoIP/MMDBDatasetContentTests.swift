import Foundation
import PerchEnrich
import Testing

/// `MMDBReader` as the `geoip` data set: refused files carry a message for the operator.
struct MMDBDatasetContentTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("perch-\(UUID().uuidString).mmdb")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func loadsAndCountsNodes() throws {
        let path = try Self.temporaryFile(MMDBHostileInputTests.sampleDatabase(recordSize: 28))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try MMDBReader(contentsOfFile: path)
        #expect(MMDBReader.kind == .geoip)
        #expect(reader.entryCount == reader.metadata.nodeCount)
        #expect(reader.entryCount > 0)
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: DatasetError("cannot open /nonexistent/geoip.mmdb: No such file or directory")) {
            try MMDBReader(contentsOfFile: "/nonexistent/geoip.mmdb")
        }
    }

    @Test func otherFilesAreNotMMDB() throws {
        let path = try Self.temporaryFile(Array("spam.example\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DatasetError("\(path): not a MaxMind DB file (no metadata marker near its end)")) {
            try MMDBReader(contentsOfFile: path)
        }
    }

    @Test func damagedDataSectionIsRefusedAtLoad() throws {
        var writer = MMDBTestWriter()
        writer.rawData = [0x5F, 0xFF, 0xFF, 0xFF]  // a string longer than the file
        writer.insert("0.0.0.0/1", .bool(true))
        writer.insert("128.0.0.0/1", .bool(true))
        let path = try Self.temporaryFile(writer.build())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DatasetError("\(path): corrupt MaxMind DB data section at offset 4")) {
            try MMDBReader(contentsOfFile: path)
        }
    }
}
