import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `perch` binary under test, run as a child process against a temporary data directory.
/// `PERCH_BINARY` names it (the test command sets it); otherwise `.build/debug/perch` is used.
struct PerchProcess {
    let dataDirectory: URL
    let port: Int
    private(set) var process: Process?

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PERCH_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/perch")
    }

    init() throws {
        try self.init(
            dataDirectory: FileManager.default.temporaryDirectory
                .appendingPathComponent("perch-e2e-\(UUID().uuidString)"))
    }

    /// A server on `dataDirectory` (created if missing), e.g. on a filesystem a test mounted.
    init(dataDirectory: URL) throws {
        self.dataDirectory = dataDirectory
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        // Below Linux's ephemeral range (32768–60999): a port there may be the local end of some
        // open connection, and binding it then fails.
        port = Int.random(in: 10_000..<32_000)
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Runs a `perch` command to completion and returns its exit status and standard output.
    @discardableResult
    func command(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let child = Process()
        child.executableURL = Self.binary
        child.arguments = arguments + ["--data-dir", dataDirectory.path]
        let pipe = Pipe()
        child.standardOutput = pipe
        child.standardError = FileHandle.nullDevice
        try child.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `perch arguments…` (no data directory) with `input` on standard input, to completion:
    /// its exit status and standard output.
    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: Data) {
        let child = Process()
        child.executableURL = binary
        child.arguments = arguments
        let output = Pipe()
        let stdin = Pipe()
        child.standardOutput = output
        child.standardInput = stdin
        child.standardError = FileHandle.nullDevice
        try child.run()
        // Written from another thread: the child's output could fill its pipe before it reads all input.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, data)
    }

    /// Starts `perch serve` and waits until `/api/health` answers 200. The server's log (its
    /// standard error) goes to `log` when given; `environment` is added to the test's own.
    mutating func start(
        extraArguments: [String] = [], log: FileHandle? = nil, environment: [String: String] = [:]
    ) async throws {
        let child = Process()
        child.executableURL = Self.binary
        if !environment.isEmpty {
            child.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        child.arguments =
            ["serve", "--listen", "127.0.0.1:\(port)", "--data-dir", dataDirectory.path] + extraArguments
        child.standardOutput = FileHandle.nullDevice
        child.standardError = log ?? FileHandle.nullDevice
        try child.run()
        process = child
        for _ in 0..<300 {
            if let status = try? await get("/api/health").status, status == 200 { return }
            guard child.isRunning else { throw PerchProcessError.exited(child.terminationStatus) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw PerchProcessError.notHealthy
    }

    /// Sends `signal` and waits for the process to end; returns its termination status.
    @discardableResult
    func stop(signal: Int32) -> Int32 {
        guard let process else { return -1 }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    func get(_ path: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.timeoutInterval = 5
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    func postEvent(_ body: String, headers: [String: String] = [:]) async throws -> (
        status: Int, headers: [String: String]
    ) {
        var request = URLRequest(url: baseURL.appendingPathComponent("/api/event"))
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        // Foundation's default User-Agent names curl, which Perch drops as a bot.
        request.setValue(Self.browserUserAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, fields)
    }

    /// `POST /api/events` with `body`; the status and the body of the answer.
    func postBatch(_ body: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: baseURL.appendingPathComponent("/api/events"))
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(Self.browserUserAgent, forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    static let browserUserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

    func removeData() {
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

enum PerchProcessError: Error {
    case exited(Int32)
    case notHealthy
}
