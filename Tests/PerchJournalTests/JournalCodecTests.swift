import PerchCore
import Testing

@testable import PerchJournal

@Suite struct JournalCodecTests {
    static let revenues: [Revenue?] = [
        nil,
        Revenue(
            sourceAmount: MilliAmount(thousandths: .min), sourceCurrency: "EUR",
            reportingAmount: MilliAmount(thousandths: .max), reportingCurrency: "USD"
        ),
        Revenue(
            sourceAmount: MilliAmount(thousandths: 12_300), sourceCurrency: "JPY",
            reportingAmount: nil, reportingCurrency: ""
        ),
    ]

    @Test(arguments: revenues, [true, false])
    func roundTripKeepsEveryField(revenue: Revenue?, withSession: Bool) throws {
        let entry = Fixtures.fullyPopulated(revenue: revenue, session: withSession)
        let bytes = JournalCodec.encode(entry)
        #expect(bytes.first == JournalCodec.formatVersion)
        #expect(try JournalCodec.decode(bytes) == entry)
    }

    @Test func emptyFieldsCostOneByteEach() throws {
        let entry = JournalEntry(
            event: EventRecord(timestamp: 0, name: "", siteID: 0, userID: 0, sessionID: 0, hostname: "", pathname: ""),
            session: nil
        )
        let bytes = JournalCodec.encode(entry)
        #expect(try JournalCodec.decode(bytes) == entry)
        // version 1, four 8-byte ints 32, three strings 3, visit 17 + 4, props 1, scroll 1,
        // engagement 4, revenue flag 1, interactive 1, session flag 1, idempotency key flag 1.
        #expect(bytes.count == 67)
    }

    @Test func idempotencyKeysRoundTripAndVersion1RecordsStillDecode() throws {
        var entry = Fixtures.fullyPopulated(revenue: Self.revenues[1], session: true)
        entry.idempotencyKey = "id\u{1}example.com\u{1}order-7"
        #expect(try JournalCodec.decode(JournalCodec.encode(entry)) == entry)
        // A version 1 record: the same bytes without the key's flag.
        entry.idempotencyKey = nil
        var old = JournalCodec.encode(entry)
        old[0] = 1
        old.removeLast()
        #expect(try JournalCodec.decode(old) == entry)
    }

    @Test func everyTruncationThrows() {
        let bytes = JournalCodec.encode(Fixtures.fullyPopulated(revenue: Self.revenues[1], session: true))
        for length in 0..<bytes.count {
            #expect(throws: JournalError.self) { try JournalCodec.decode(Array(bytes.prefix(length))) }
        }
    }

    @Test func trailingBytesThrow() {
        let bytes = JournalCodec.encode(Fixtures.entry(1)) + [0]
        #expect(throws: JournalError.malformed("trailing bytes")) { try JournalCodec.decode(bytes) }
    }

    @Test func unknownVersionThrows() {
        var bytes = JournalCodec.encode(Fixtures.entry(1))
        bytes[0] = 99
        #expect(throws: JournalError.malformed("unknown format version 99")) { try JournalCodec.decode(bytes) }
    }

    @Test func invalidUTF8Throws() {
        var writer = BinaryWriter(capacity: 16)
        writer.write(JournalCodec.formatVersion)
        writer.write(Int64(0))
        writer.writeVarint(2)
        writer.write(UInt8(0xC3))
        writer.write(UInt8(0x28))
        #expect(throws: JournalError.malformed("invalid UTF-8")) { try JournalCodec.decode(writer.bytes) }
    }

    @Test func hugeLengthsThrowWithoutAllocating() {
        var writer = BinaryWriter(capacity: 16)
        writer.write(JournalCodec.formatVersion)
        writer.write(Int64(0))
        writer.writeVarint(.max)
        #expect(throws: JournalError.malformed("string exceeds input")) { try JournalCodec.decode(writer.bytes) }
        // A varint longer than 32 bits is rejected, not wrapped.
        let overlong: [UInt8] =
            [JournalCodec.formatVersion] + [UInt8](repeating: 0, count: 8) + [0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: JournalError.malformed("varint overflow")) { try JournalCodec.decode(overlong) }
    }

    @Test func pseudoRandomGarbageNeverCrashes() {
        let valid = JournalCodec.encode(Fixtures.fullyPopulated(revenue: Self.revenues[1], session: true))
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        var decoded = 0
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<3 {
                let value = random.next()
                bytes[Int(value >> 33) % bytes.count] = UInt8(truncatingIfNeeded: value >> 17)
            }
            if (try? JournalCodec.decode(bytes)) != nil { decoded += 1 }
        }
        // Some mutations land in string bytes and still decode; most do not. Neither may crash.
        #expect(decoded < 2_000)
    }
}
