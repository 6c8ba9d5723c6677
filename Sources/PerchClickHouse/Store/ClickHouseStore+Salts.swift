import PerchCore

/// Daily salts, shared by every node. Two nodes storing a salt for the same instant both insert;
/// `SaltRing` keeps the one with the smallest bytes, so all agree. Deleted salts leave the disk
/// (a mutation rewrites the table's parts), not just the answers.
extension ClickHouseStore: SaltStore {
    package func salts() throws(ClickHouseError) -> [Salt] {
        let result = try client.queryBlocking(
            "SELECT DISTINCT toUnixTimestamp(created_at) AS created, salt FROM salts ORDER BY created, salt")
        var salts: [Salt] = []
        for row in result.rows {
            let hex = try row[1].string()
            guard let bytes = Self.bytes(hex: hex), bytes.count == 16 else {
                throw .unexpectedResponse("a stored salt that is not 32 hex digits")
            }
            salts.append(Salt(bytes: bytes, createdAt: try row[0].int64()))
        }
        return salts
    }

    package func insert(_ salt: Salt) throws(ClickHouseError) {
        var row = JSONEachRowWriter()
        row.beginRow()
        row.field("created_at", salt.createdAt)
        row.field("salt", Self.hex(salt.bytes))
        row.endRow()
        try client.insertBlocking(into: "salts", columns: ["created_at", "salt"], rows: row)
    }

    package func deleteSalts(createdBefore cutoff: Int64) throws(ClickHouseError) {
        try delete(from: "salts", where: "created_at < toDateTime(\(cutoff))")
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let text = Array(hex.utf8)
        guard text.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        for index in stride(from: 0, to: text.count, by: 2) {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
