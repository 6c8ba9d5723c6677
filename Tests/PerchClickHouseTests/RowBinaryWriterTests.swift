import PerchClickHouse
import Testing

/// The RowBinary encoder: its bytes as the format lays them out, and every column type the writer
/// uses read back from a real server (Debian's 18.16 and chdb, see ClickHouseTestServer).
@Suite struct RowBinaryWriterTests {
    @Test func integersAreLittleEndianAtTheirWidth() {
        var writer = RowBinaryWriter()
        writer.uint8(0xAB)
        writer.int8(-2)
        writer.uint32(0x0102_0304)
        writer.int32(-1)
        writer.uint64(0x0102_0304_0506_0708)
        writer.int64(.min)
        writer.flag(true)
        writer.flag(false)
        #expect(
            writer.bytes == [
                0xAB, 0xFE, 0x04, 0x03, 0x02, 0x01, 0xFF, 0xFF, 0xFF, 0xFF,
                0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00,
            ])
    }

    /// A length is LEB128: one byte up to 127, two from 128, three from 16,384.
    @Test(arguments: [
        (0, [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]), (16_384, [0x80, 0x80, 0x01]),
    ])
    func stringLengthsAreLEB128(length: Int, prefix: [UInt8]) {
        var writer = RowBinaryWriter()
        writer.string(String(repeating: "a", count: length))
        #expect(Array(writer.bytes.prefix(prefix.count)) == prefix)
        #expect(writer.bytes.count == prefix.count + length)
    }

    @Test func stringsAreTheirUTF8BytesUnescaped() {
        var writer = RowBinaryWriter()
        writer.string("é\"\n")
        #expect(writer.bytes == [4, 0xC3, 0xA9, 0x22, 0x0A])
    }

    @Test func nullAndDecimalsAndDateTimes() {
        var writer = RowBinaryWriter()
        writer.nullableDecimal64(units: nil)
        writer.nullableDecimal64(units: -5)
        writer.dateTime(-1)
        writer.dateTime(Int64(UInt32.max) + 1)
        writer.dateTime(1_700_000_000)
        #expect(
            writer.bytes == [
                1, 0, 0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xF1, 0x53, 0x65,
            ])
    }

    @Test func rowsAreCountedByEndRow() {
        var writer = RowBinaryWriter()
        writer.uint8(1)
        writer.endRow()
        writer.uint8(2)
        writer.endRow()
        #expect(writer.rowCount == 2)
        #expect(writer.bytes == [1, 2])
    }

    static let decimalExtremes: [Int64?] = [nil, 0, 1, -1, 12_345, -5, 999_999_999_999_999, -999_999_999_999_999]

    /// Every column type of the events and sessions tables, with extremes, texts needing escapes
    /// in other formats, long strings and arrays (lengths past one LEB128 byte), read back equal.
    @Test(arguments: [nil, 0])
    func everyColumnTypeReadsBackFromTheServer(compressFrom: Int?) async throws {
        try await ClickHouseTestServer.withDatabase(compressInsertsFrom: compressFrom) {
            (client: ClickHouseClient) async throws in
            try await client.execute(
                """
                CREATE TABLE t (n UInt32, u8 UInt8, i8 Int8, u32 UInt32, i32 Int32, u64 UInt64, i64 Int64,
                    at DateTime, s String, a Array(String), d Nullable(Decimal(18, 3)), `meta.key` Array(String))
                ENGINE = MergeTree ORDER BY n
                """)
            let texts = ClickHouseClientTests.awkwardTexts
            let rows = texts.count
            var writer = RowBinaryWriter()
            for index in 0..<rows {
                let high = index % 2 == 0
                writer.uint32(UInt32(index))
                writer.uint8(high ? .max : 0)
                writer.int8(high ? .max : .min)
                writer.uint32(high ? .max : 0)
                writer.int32(high ? .max : .min)
                writer.uint64(high ? .max : 0)
                writer.int64(high ? .max : .min)
                writer.dateTime(high ? 1_700_000_000 : 0)
                writer.string(texts[index])
                writer.strings(index == 0 ? [] : Array(repeating: texts[index], count: index * 20))
                writer.nullableDecimal64(units: Self.decimalExtremes[index % Self.decimalExtremes.count])
                writer.strings(["k", texts[index]])
                writer.endRow()
            }
            try await client.insert(
                into: "t", columns: ["n", "u8", "i8", "u32", "i32", "u64", "i64", "at", "s", "a", "d", "meta.key"],
                rows: writer)
            let result = try await client.query(
                """
                SELECT u8, i8, u32, i32, u64, i64, toUnixTimestamp(at), s, a, toInt64(d * 1000), `meta.key`
                FROM t ORDER BY n
                """)
            #expect(result.rows.count == rows)
            for (index, row) in result.rows.enumerated() {
                let high = index % 2 == 0
                #expect(try row[0].int64() == (high ? 255 : 0))
                #expect(try row[1].int64() == (high ? 127 : -128))
                #expect(try row[2].int64() == (high ? Int64(UInt32.max) : 0))
                #expect(try row[3].int64() == (high ? Int64(Int32.max) : Int64(Int32.min)))
                #expect(try row[4].uint64() == (high ? .max : 0))
                #expect(try row[5].int64() == (high ? .max : .min))
                #expect(try row[6].int64() == (high ? 1_700_000_000 : 0))
                #expect(try row[7].string() == texts[index])
                #expect(try row[8].strings() == (index == 0 ? [] : Array(repeating: texts[index], count: index * 20)))
                #expect(try row[9].optionalInt64() == Self.decimalExtremes[index % Self.decimalExtremes.count])
                #expect(try row[10].strings() == ["k", texts[index]])
            }
        }
    }
}
