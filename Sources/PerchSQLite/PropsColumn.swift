import PerchCore

/// Reads back the props column, written by `PropsJSON.object`: a flat JSON object whose values
/// are strings. A hand-written parser because Foundation's JSON decoding costs too much per row.
enum PropsColumn {
    static func decode(_ text: String) -> [Prop]? {
        var bytes = Array(text.utf8)[...]
        var props: [Prop] = []
        skipSpace(&bytes)
        guard bytes.popFirst() == UInt8(ascii: "{") else { return nil }
        skipSpace(&bytes)
        if bytes.first == UInt8(ascii: "}") {
            bytes.removeFirst()
            return bytes.allSatisfy(isSpace) ? props : nil
        }
        while true {
            skipSpace(&bytes)
            guard let key = string(&bytes) else { return nil }
            skipSpace(&bytes)
            guard bytes.popFirst() == UInt8(ascii: ":") else { return nil }
            skipSpace(&bytes)
            guard let value = string(&bytes) else { return nil }
            props.append(Prop(key: key, value: value))
            skipSpace(&bytes)
            switch bytes.popFirst() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return bytes.allSatisfy(isSpace) ? props : nil
            default: return nil
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func skipSpace(_ bytes: inout ArraySlice<UInt8>) {
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
    }

    private static func string(_ bytes: inout ArraySlice<UInt8>) -> String? {
        guard bytes.popFirst() == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard escape(&bytes, into: &out) else { return nil }
            default:
                out.append(byte)
            }
        }
        return nil
    }

    private static func escape(_ bytes: inout ArraySlice<UInt8>, into out: inout [UInt8]) -> Bool {
        switch bytes.popFirst() {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard var code = hex4(&bytes) else { return false }
            if (0xD800..<0xDC00).contains(code) {
                guard bytes.popFirst() == UInt8(ascii: "\\"), bytes.popFirst() == UInt8(ascii: "u"),
                    let low = hex4(&bytes), (0xDC00..<0xE000).contains(low)
                else { return false }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { return false }
            out.append(contentsOf: String(Character(scalar)).utf8)
        default: return false
        }
        return true
    }

    private static func hex4(_ bytes: inout ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = bytes.popFirst() else { return nil }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
