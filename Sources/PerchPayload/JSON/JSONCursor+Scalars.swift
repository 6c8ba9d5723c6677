extension JSONCursor {
    mutating func string() throws(Failure) -> String {
        let start = index + 1
        var end = start
        var plain = true
        while true {
            guard end < bytes.count else { throw .unexpectedEnd }
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw .invalidString(offset: end) }
            if byte == UInt8(ascii: "\\") {
                plain = false
                break
            }
            end += 1
        }
        if plain {
            index = end + 1
            guard let text = UTF8Text.validated(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else {
                throw .invalidString(offset: start)
            }
            return text
        }
        var buffer = Array(bytes[start..<end])
        index = end
        while true {
            guard index < bytes.count else { throw .unexpectedEnd }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = buffer.withUnsafeBufferPointer(UTF8Text.validated) else {
                    throw .invalidString(offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &buffer)
            case 0..<0x20:
                throw .invalidString(offset: index - 1)
            default:
                buffer.append(byte)
            }
        }
    }

    private mutating func escape(into buffer: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw .unexpectedEnd }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw .invalidString(offset: index) }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .invalidString(offset: index) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw .invalidString(offset: index)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .invalidString(offset: index) }
            buffer.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw .invalidString(offset: index - 1)
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw .unexpectedEnd }
        var result: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .invalidString(offset: index)
            }
            result = result << 4 | UInt32(digit)
            index += 1
        }
        return result
    }

    mutating func number() throws(Failure) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        var magnitude: UInt64 = 0
        var overflow = false
        while index < bytes.count, let digit = decimalDigit(bytes[index]) {
            let (times, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, overflowB) = times.addingReportingOverflow(UInt64(digit))
            overflow = overflow || overflowA || overflowB
            magnitude = plus
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0 else { throw .invalidNumber(offset: start) }
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") { throw .invalidNumber(offset: start) }
        var isInteger = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try requireDigits(start: start)
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            try requireDigits(start: start)
        }
        if isInteger && !overflow {
            if negative && magnitude <= UInt64(Int64.max) + 1 {
                return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
            }
            if !negative && magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else { throw .invalidNumber(offset: start) }
        return .double(double)
    }

    private mutating func requireDigits(start: Int) throws(Failure) {
        let digitsStart = index
        while index < bytes.count, decimalDigit(bytes[index]) != nil { index += 1 }
        guard index > digitsStart else { throw .invalidNumber(offset: start) }
    }

    private func decimalDigit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }
}
