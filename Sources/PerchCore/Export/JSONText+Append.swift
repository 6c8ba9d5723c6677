extension JSONText {
    /// Appends `value` as a quoted JSON string. Most values need no escaping; they are copied
    /// in one piece instead of scalar by scalar, which makes exports several times faster.
    package static func appendQuoted(_ value: String, to out: inout String) {
        let clean = value.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        guard clean else {
            out += quoted(value)
            return
        }
        out += "\""
        out += value
        out += "\""
    }
}
