import Hummingbird
import Logging
import Synchronization

/// A local HTTP server on loopback (port chosen by the system) answering the paths it was given
/// and 404 for the rest: the "mirror" `datasets update --mirror` fetches from in tests.
final class FixtureUpstream: Sendable {
    private let files: Mutex<[String: [UInt8]]>
    private let requested = Mutex<[String]>([])

    init(_ files: [String: [UInt8]] = [:]) {
        self.files = Mutex(files)
    }

    func serve(_ path: String, _ bytes: [UInt8]) {
        files.withLock { $0[path] = bytes }
    }

    func serve(_ path: String, _ text: String) {
        serve(path, Array(text.utf8))
    }

    func remove(_ path: String) {
        _ = files.withLock { $0.removeValue(forKey: path) }
    }

    var requestedPaths: [String] { requested.withLock { $0 } }

    /// Runs `body` with the server's base URL, then stops the server.
    func withServer<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.get("**") { [self] request, _ -> Response in
            let path = request.uri.path
            requested.withLock { $0.append(path) }
            guard let bytes = files.withLock({ $0[path] }) else { return Response(status: .notFound) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "fixture-upstream", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }
}
