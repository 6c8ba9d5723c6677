import PerchCore
import PerchEnrich
import Testing

/// The table against the obvious model (any block contains the address), on random block sets
/// inside a small window so every address in it can be checked.
@Suite struct IPRangeTableModelTests {
    @Test(arguments: 1...20)
    func matchesTheModel(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let blocks = (0..<Int.random(in: 1...8, using: &random)).map { _ -> CIDRBlock in
            let length = Int.random(in: 22...32, using: &random)
            let offset = (UInt32.random(in: 0..<1024, using: &random) >> (32 - length)) << (32 - length)
            let base: UInt32 = 0xc633_6400  // 198.51.100.0
            return CIDRBlock(IPAddress(ipv4: base &+ offset).canonicalText + "/\(length)")!
        }
        let table = IPRangeTable(blocks: blocks)
        let rebuilt = IPRangeTable(blocks: table.minimalBlocks)
        let reparsed = try IPRangeTable(text: table.canonicalText())
        for value in UInt32(0xc633_6000)..<UInt32(0xc633_6c00) {
            let address = IPAddress(ipv4: value)
            let expected = blocks.contains { $0.contains(address) }
            #expect(table.contains(address) == expected)
            #expect(rebuilt.contains(address) == expected)
            #expect(reparsed.contains(address) == expected)
        }
        #expect(table.minimalBlocks.count <= blocks.count)
    }
}
