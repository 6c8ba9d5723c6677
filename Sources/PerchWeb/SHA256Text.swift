import PerchCore

/// Hex SHA-256 of bytes or text (tokens are stored only as this).
enum SHA256Text {
    static func hex(_ bytes: some Collection<UInt8>) -> String { SHA256.hex(bytes) }
    static func hex(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }
}
