import Foundation

/// Debian's nginx running the shipped `docs/nginx-two-nodes.conf` with its ports replaced, in a
/// temporary directory of its own (configuration, pid file, error log, temp files): never the
/// system's configuration. One process (`master_process off`), in the foreground, so the test owns
/// it and it runs the same as root or not.
struct NginxProcess {
    let directory: URL
    let port: Int
    private let process: Process

    /// nginx's path: `PERCH_NGINX`, else Debian's.
    static var binary: String {
        ProcessInfo.processInfo.environment["PERCH_NGINX"] ?? "/usr/sbin/nginx"
    }

    /// Starts nginx on `127.0.0.1:port` in front of the nodes on `nodePorts` (the shipped file's
    /// two) and waits until it takes connections.
    init(port: Int, nodePorts: [Int]) async throws {
        self.port = port
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("perch-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let shipped = try String(contentsOf: Self.shippedConfiguration, encoding: .utf8)
        let snippet = try Self.retarget(shipped, port: port, nodePorts: nodePorts)
        let root = directory.path
        let configuration = """
            master_process off;
            daemon off;
            pid \(root)/nginx.pid;
            error_log \(root)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(root)/body;
                proxy_temp_path \(root)/proxy;
                fastcgi_temp_path \(root)/fastcgi;
                uwsgi_temp_path \(root)/uwsgi;
                scgi_temp_path \(root)/scgi;
            \(snippet)
            }
            """
        let file = directory.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["-p", root + "/", "-e", root + "/error.log", "-c", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if let connection = try? RawHTTPConnection(port: port) {
                connection.closeConnection()
                return
            }
            guard process.isRunning else { throw NginxError.exited(errorLog) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NginxError.notListening(errorLog)
    }

    var errorLog: String {
        (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
    }

    func stop() {
        // SIGKILL: without a master process nginx may not end on SIGTERM, and its state is throw-away.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    static var shippedConfiguration: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/nginx-two-nodes.conf")
    }

    /// The shipped snippet listening on `port` with its nodes on `nodePorts`; throws if the file no
    /// longer has the lines replaced (so the test keeps running the file as shipped).
    static func retarget(_ shipped: String, port: Int, nodePorts: [Int]) throws -> String {
        var text = shipped
        let replacements =
            [("listen 80;", "listen 127.0.0.1:\(port);")]
            + zip(["127.0.0.1:8001", "127.0.0.1:8002"], nodePorts).map { ("server \($0) ", "server 127.0.0.1:\($1) ") }
        for (old, new) in replacements {
            guard text.contains(old) else { throw NginxError.configurationChanged(old) }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }
}

enum NginxError: Error {
    case exited(String)
    case notListening(String)
    case configurationChanged(String)
}
