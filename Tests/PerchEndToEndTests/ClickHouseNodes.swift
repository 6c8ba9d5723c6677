import Foundation
import Testing

/// `perch` processes, each with a data directory of its own, on one fresh database of the
/// ClickHouse test server (`ClickHouseTestServer`), with a site added by the first one's CLI (no
/// rate limit). They are not started: a test starts them with its flags, or all of them behind
/// nginx with `startBehindNginx`. Call `tearDown` when done (in a `defer`): it stops nginx, kills
/// the processes still running, removes their data directories and drops the database.
struct ClickHouseNodes {
    let server: ClickHouseTestServer
    var processes: [PerchProcess]
    private(set) var nginx: NginxProcess?

    /// Makes `count` processes and adds `site`; if that fails, removes what it made.
    init(count: Int, site: String) throws {
        server = try ClickHouseTestServer()
        processes = []
        do {
            for _ in 0..<count { processes.append(try PerchProcess()) }
            let added = try processes[0].command(
                ["sites", "add", site, "--rate-limit", "none"] + server.storeArguments)
            #expect(added.status == 0, "sites add \(site): \(added.output)")
        } catch {
            tearDown()
            throw error
        }
    }

    var first: PerchProcess {
        get { processes[0] }
        set { processes[0] = newValue }
    }

    var second: PerchProcess {
        get { processes[1] }
        set { processes[1] = newValue }
    }

    /// Starts every process with `extraArguments`, then nginx on a random port running the shipped
    /// `docs/nginx-two-nodes.conf` in front of them.
    mutating func startBehindNginx(extraArguments: [String]) async throws -> NginxProcess {
        for index in processes.indices {
            try await processes[index].start(extraArguments: extraArguments)
        }
        let started = try await NginxProcess(
            port: Int.random(in: 10_000..<32_000), nodePorts: processes.map(\.port))
        nginx = started
        return started
    }

    func tearDown() {
        nginx?.stop()
        for process in processes {
            process.killIfRunning()
            process.removeData()
        }
        server.dropDatabase()
    }
}
