import Testing

@testable import PerchPayload

@Suite struct JSONParserTests {
    let parser = JSONParser()

    func parse(_ text: String) -> JSONValue? {
        try? parser.parse(Array(text.utf8))
    }

    @Test(arguments: [
        ("null", JSONValue.null),
        (" true ", .bool(true)),
        ("false", .bool(false)),
        ("0", .integer(0)),
        ("-0", .integer(0)),
        ("42", .integer(42)),
        ("-9223372036854775808", .integer(.min)),
        ("9223372036854775807", .integer(.max)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("1.5", .double(1.5)),
        ("1e2", .double(100)),
        ("-2.5E-3", .double(-0.0025)),
        ("\"a\\\"b\\\\c\\/\\n\\t\\u00e9\"", .string("a\"b\\c/\n\té")),
        ("\"\\ud83d\\ude00\"", .string("😀")),
        ("\"é😀\"", .string("é😀")),
        ("[1,[],{}]", .array([.integer(1), .array([]), .object([])])),
        ("\n\t{ \"a\" : 1 , \"b\":[null] }\r\n", .object([("a", .integer(1)), ("b", .array([.null]))])),
        ("{\"a\":1,\"b\":2,\"a\":3}", .object([("a", .integer(3)), ("b", .integer(2))])),
    ])
    func acceptsValidJSON(text: String, expected: JSONValue) {
        #expect(parse(text) == expected)
    }

    @Test(arguments: [
        "", " ", "nul", "tru", "True", "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity",
        "1e400", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
        "\"a\u{01}b\"", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "{,}", "[", "]",
        "{}}", "1 2", "[] x", "{\"a\":1}garbage", "'a'", "[\"\\u0000\"", "/* c */ 1",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(parse(text) == nil)
    }

    @Test(
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0x5C, 0x6E, 0xE9, 0x22], [0xEF, 0xBB, 0xBF, 0x31],
        ] as [[UInt8]])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect((try? parser.parse(bytes)) == nil)
    }

    @Test func limitsNestingDepth() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parse(ok) != nil)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParser.Failure.tooDeep) { try parser.parse(Array(deep.utf8)) }
        let hostile = String(repeating: "{\"a\":[", count: 200_000)
        #expect(throws: JSONParser.Failure.tooDeep) { try parser.parse(Array(hostile.utf8)) }
    }

    @Test func manyDuplicateKeysStayLinearAndLastWins() throws {
        let members = (0..<50_000).map { "\"k\($0 % 100)\":\($0)" }.joined(separator: ",")
        let value = try parser.parse(Array(("{" + members + "}").utf8))
        guard case .object(let pairs) = value else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.count == 100)
        #expect(value["k7"] == .integer(49_907))
        #expect(pairs.first?.key == "k0")
    }

    @Test(arguments: [
        (1.5, "1.5"), (100.0, "100.0"), (1000.0, "1.0e3"), (0.1, "0.1"), (0.001, "0.001"),
        (0.0001, "0.0001"), (1.0e-5, "1.0e-5"), (123.456, "123.456"), (-2.5, "-2.5"), (0.0, "0.0"),
        (1.0e16, "1.0e16"), (12.0, "12.0"), (1234.5, "1234.5"), (3.0e20, "3.0e20"), (0.5, "0.5"),
    ])
    func stringifiesFloatsLikeElixir(value: Double, expected: String) {
        #expect(ElixirFloat.text(value) == expected)
    }

    @Test(arguments: [
        (JSONValue.bool(true), "true"), (.integer(12), "12"), (.integer(-3), "-3"), (.double(1.5), "1.5"),
        (.string("x"), "x"),
    ])
    func scalarText(value: JSONValue, expected: String) {
        #expect(value.scalarText == expected)
    }

    @Test func nonScalarsHaveNoText() {
        #expect(JSONValue.null.scalarText == nil)
        #expect(JSONValue.array([]).scalarText == nil)
        #expect(JSONValue.object([]).scalarText == nil)
    }
}
