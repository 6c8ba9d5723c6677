#if canImport(Glibc)
    import Glibc
#endif

/// Where the `datasets` commands write: standard output and error, or a capture in tests.
struct DatasetConsole: Sendable {
    var write: @Sendable (String) -> Void
    var warn: @Sendable (String) -> Void

    static let standard = DatasetConsole(
        write: { print($0) },
        warn: { line in
            var text = line + "\n"
            text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
        }
    )
}
