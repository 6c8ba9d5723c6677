import Testing

@testable import PerchCLI

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct BufferedOutputTests {
    @Test func aFullDiskIsReported() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var output = BufferedOutput(descriptor: descriptor)
        for _ in 0..<100_000 { output.write("{\"name\":\"pageview\"}\n") }
        #expect(output.failure == ENOSPC)
        #expect(throws: OutputError.self) { try output.finish() }
    }

    @Test func everythingReachesAWorkingDescriptor() throws {
        var pipe: [Int32] = [0, 0]
        try #require(Glibc.pipe(&pipe) == 0)
        defer { close(pipe[0]) }
        var output = BufferedOutput(descriptor: pipe[1])
        output.write("a\n")
        output.write("b\n")
        try output.finish()
        close(pipe[1])
        var bytes = [UInt8](repeating: 0, count: 16)
        #expect(read(pipe[0], &bytes, 16) == 4)
        #expect(Array(bytes.prefix(4)) == [UInt8]("a\nb\n".utf8))
    }
}
