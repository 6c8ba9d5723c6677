import Foundation
import Synchronization

/// Sends `bytes` on `connection` one at a time, 200 ms apart, from a thread of its own, until it
/// has sent them all or `stop()` is called. Stop it before closing the connection: a byte written
/// after the close would go to whatever socket reuses the descriptor number — another test's HTTP
/// client, whose next request would then start with it.
final class SlowSender: Sendable {
    private let sending = Mutex(true)
    private let finished = DispatchSemaphore(value: 0)
    private let joined = Mutex(false)

    init(connection: RawHTTPConnection, bytes: [UInt8]) {
        Thread { self.send(bytes, on: connection) }.start()
    }

    private func send(_ bytes: [UInt8], on connection: RawHTTPConnection) {
        defer { finished.signal() }
        for byte in bytes {
            guard sending.withLock({ $0 }) else { return }
            connection.send(bytes: [byte])
            usleep(200_000)
        }
    }

    /// Stops sending and waits until the thread has ended; safe to call twice.
    func stop() {
        sending.withLock { $0 = false }
        let first = joined.withLock { joined in
            defer { joined = true }
            return !joined
        }
        if first { finished.wait() }
    }
}
