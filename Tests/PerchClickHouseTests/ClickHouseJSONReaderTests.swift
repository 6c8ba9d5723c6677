import Testing

@testable import PerchClickHouse

/// The JSON reader behind query results. No server needed.
@Suite struct ClickHouseJSONReaderTests {
    @Test func readsAJSONCompactAnswer() throws {
        let text = """
            {"meta": [{"name": "u", "type": "UInt64"}, {"name": "s", "type": "Array(String)"}],
             "data": [[18446744073709551615, ["a\\"b", "\\u00e9\\ud83d\\ude00", "tab\\there"]], [0, []]],
             "rows": 2, "statistics": {"elapsed": 0.001, "rows_read": 2, "bytes_read": 16}}
            """
        let result = try ClickHouseResult(jsonCompact: Array(text.utf8))
        #expect(result.columns.map(\.name) == ["u", "s"])
        #expect(try result.rows[0][0].uint64() == .max)
        #expect(try result.rows[0][1].strings() == ["a\"b", "é😀", "tab\there"])
        #expect(try result.rows[1][1].strings() == [])
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        let value = try ClickHouseJSONReader.parse(Array(#"["\ud83d", "\ud83dx", "\ud83d\u0041", "\ude00"]"#.utf8))
        #expect(try value.strings() == ["\u{FFFD}", "\u{FFFD}x", "\u{FFFD}A", "\u{FFFD}"])
    }

    @Test func quotedIntegersAndNullsRead() throws {
        let value = try ClickHouseJSONReader.parse(Array(#"["-9223372036854775808", null, 12.5, true]"#.utf8))
        guard case .array(let items) = value else { throw ClickHouseError.unexpectedResponse("not an array") }
        #expect(try items[0].int64() == .min)
        #expect(try items[1].optionalInt64() == nil)
        #expect(items[2] == .number("12.5"))
        #expect(items[3] == .bool(true))
        #expect(throws: ClickHouseError.self) { try items[2].int64() }
    }

    @Test(arguments: [#"{"a": [1, 2"#, #"{"a" 1}"#, "[1,]", "nul", #""abc"#, "[1] 2", ""])
    func cutOffOrMalformedAnswersAreErrors(text: String) {
        #expect(throws: ClickHouseError.self) { try ClickHouseJSONReader.parse(Array(text.utf8)) }
    }

    @Test func exceptionCodesOfBothGenerations() {
        #expect(ClickHouseClient.exceptionCode(in: "Code: 60, e.displayText() = DB::Exception: Table x") == 60)
        #expect(ClickHouseClient.exceptionCode(in: "Code: 62. DB::Exception: Syntax error") == 62)
        #expect(ClickHouseClient.exceptionCode(in: "Internal error") == nil)
    }
}
