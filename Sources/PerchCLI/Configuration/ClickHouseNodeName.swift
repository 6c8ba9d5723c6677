import Foundation

/// This node's name in ClickHouse (`ClickHouseEventStore.node`): its journal's rows and applied
/// position are told apart from other nodes' by it. Made once, at random, and kept in the data
/// directory beside the journal whose sequence numbers it qualifies.
enum ClickHouseNodeName {
    static let fileName = "clickhouse-node"

    static func load(dataDirectory: String) throws -> String {
        let path = dataDirectory + "/" + fileName
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { return name }
        }
        let name = "node-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try (name + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return name
    }
}
