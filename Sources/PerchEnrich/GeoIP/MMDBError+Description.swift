#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension MMDBError: CustomStringConvertible {
    /// Words for an operator: what is wrong with the file, not which Swift case was thrown.
    package var description: String {
        switch self {
        case .cannotOpen(let path, let code): "cannot open \(path): \(String(cString: strerror(code)))"
        case .notMMDB: "not a MaxMind DB file (no metadata marker near its end)"
        case .corruptMetadata(let detail): "corrupt MaxMind DB metadata: \(detail)"
        case .unsupportedRecordSize(let size): "unsupported MaxMind DB record size \(size) (24, 28 or 32)"
        case .corruptTree: "corrupt MaxMind DB search tree"
        case .corruptData(let offset): "corrupt MaxMind DB data section at offset \(offset)"
        case .limitExceeded(let detail): "MaxMind DB record over the decoding limits: \(detail)"
        }
    }
}
