import PerchClickHouse
import Testing

/// The HTTP client against a real server (Debian's 18.16 or chdb, see ClickHouseTestServer).
@Suite struct ClickHouseClientTests {
    static let awkwardTexts = [
        "", "plain", "quote \" and ' and \\ backslash", "line\nbreak\ttab\r", "control \u{01}\u{1F}", "é ü ß",
        "😀 outside the BMP", "\u{7F}", String(repeating: "long ", count: 2_000),
    ]

    @Test func pingAnswers() async throws {
        try await ClickHouseTestServer.withDatabase { (client: ClickHouseClient) async throws in
            try await client.ping()
        }
    }

    @Test func sixtyFourBitIntegersReadBackExactly() async throws {
        try await ClickHouseTestServer.withDatabase { (client: ClickHouseClient) async throws in
            let result = try await client.query(
                "SELECT toUInt64(18446744073709551615) AS u, toInt64(-9223372036854775808) AS i, 'x' AS s")
            #expect(result.columns.map(\.name) == ["u", "i", "s"])
            #expect(result.columns.map(\.type) == ["UInt64", "Int64", "String"])
            #expect(try result.rows[0][0].uint64() == .max)
            #expect(try result.rows[0][1].int64() == .min)
        }
    }

    @Test(arguments: [nil, 0])
    func insertedTextReadsBackByteForByte(compressFrom: Int?) async throws {
        try await ClickHouseTestServer.withDatabase(compressInsertsFrom: compressFrom) {
            (client: ClickHouseClient) async throws in
            try await client.execute(
                "CREATE TABLE t (n UInt32, s String, a Array(String)) ENGINE = MergeTree ORDER BY n")
            var rows = JSONEachRowWriter()
            for (index, text) in Self.awkwardTexts.enumerated() {
                rows.beginRow()
                rows.field("n", index)
                rows.field("s", text)
                rows.field("a", strings: [text, text])
                rows.endRow()
            }
            try await client.insert(into: "t", columns: ["n", "s", "a"], rows: rows)
            let result = try await client.query("SELECT s, a FROM t ORDER BY n")
            #expect(try result.rows.map { try $0[0].string() } == Self.awkwardTexts)
            #expect(try result.rows.map { try $0[1].strings() } == Self.awkwardTexts.map { [$0, $0] })
            #expect(try client.queryBlocking("SELECT count() FROM t").scalar().uint64() == 9)
        }
    }

    @Test func serverErrorsAreTypedAndCarryClickHousesMessage() async throws {
        try await ClickHouseTestServer.withDatabase { (client: ClickHouseClient) async throws in
            do {
                _ = try await client.query("SELEC 1")
                Issue.record("a syntax error was accepted")
            } catch let error as ClickHouseError {
                guard case .server(let status, let code, let message) = error else {
                    Issue.record("expected a server error, got \(error)")
                    return
                }
                #expect(status >= 400)
                #expect(code == 62)
                #expect(message.contains("Syntax error"))
                #expect(!error.isTransient)
            }
            #expect {
                try client.queryBlocking("SELECT 1 FROM system.no_such_table")
            } throws: { error in
                guard case .server(_, let code, _) = error as? ClickHouseError else { return false }
                return code == 60
            }
        }
    }

    /// A refused connection is a transient transport error naming the refusal, which the writer
    /// retries with back-off. (Whether it comes at once or after the pool's own retries, which are
    /// off, only time tells, and a timed unit test fails on a loaded machine: it is not asserted.)
    @Test func aClosedPortIsATransientTransportError() async throws {
        let client = ClickHouseClient(
            configuration: try ClickHouseConfiguration(url: "http://127.0.0.1:1", requestTimeout: .seconds(120)))
        var reason = ""
        await #expect {
            try await client.ping()
        } throws: { error in
            guard let error = error as? ClickHouseError, case .transport(let text) = error else { return false }
            reason = text
            return error.isTransient
        }
        #expect(reason.lowercased().contains("refused"), "\(reason)")
        try await client.shutdown()
    }

    @Test func aWrongPasswordIsRefusedWithoutEchoingIt() async throws {
        // chdb's adapter has no users; Debian's server checks them.
        guard try await ClickHouseTestServer.majorVersion() < 20 else { return }
        let client = ClickHouseClient(
            configuration: try ClickHouseConfiguration(
                url: try ClickHouseTestServer.url(), user: "default", password: "not-the-password",
                database: "default"))
        do {
            try await client.execute("SELECT 1")
            Issue.record("a wrong password was accepted")
        } catch {
            if case .server(_, let code, _) = error {
                #expect(code == 193 || code == 516)
            } else {
                Issue.record("expected a server error, got \(error)")
            }
            #expect(!"\(error)".contains("not-the-password"))
        }
        try await client.shutdown()
    }
}
