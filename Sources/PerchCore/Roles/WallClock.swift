import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time of day, injected so tests move time instead of sleeping.
package protocol WallClock: Sendable {
    /// Milliseconds since the Unix epoch, UTC.
    func nowMilliseconds() -> Int64
}

extension WallClock {
    /// Whole seconds since the Unix epoch, UTC.
    package func nowSeconds() -> Int64 {
        nowMilliseconds() / 1000
    }
}

/// The system's real-time clock.
package struct SystemWallClock: WallClock {
    package init() {}

    package func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A clock that only moves when told to.
package final class ManualWallClock: WallClock {
    private let milliseconds: Mutex<Int64>

    package init(milliseconds: Int64) {
        self.milliseconds = Mutex(milliseconds)
    }

    package convenience init(seconds: Int64) {
        self.init(milliseconds: seconds * 1000)
    }

    package func nowMilliseconds() -> Int64 {
        milliseconds.withLock { $0 }
    }

    package func advance(milliseconds delta: Int64) {
        milliseconds.withLock { $0 += delta }
    }

    package func advance(seconds delta: Int64) {
        advance(milliseconds: delta * 1000)
    }

    package func set(milliseconds value: Int64) {
        milliseconds.withLock { $0 = value }
    }
}
