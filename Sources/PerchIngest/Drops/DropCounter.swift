import PerchCore
import Synchronization

/// Counts drops per (domain, reason, hour) in memory, for `DropCountFlusher` to persist.
/// Bounded: past `maxKeys` distinct keys between two flushes, further domains (e.g. a flood of
/// made-up `not_found` domains) are counted under `otherDomain`.
package final class DropCounter: Sendable {
    package static let otherDomain = "(other)"

    private struct Key: Hashable {
        var domain: String
        var reason: DropReason
        var hour: Int64
    }

    private let counts = Mutex<[Key: Int64]>([:])
    private let maxKeys: Int

    package init(maxKeys: Int = 10_000) {
        self.maxKeys = maxKeys
    }

    package func record(domain: String, reason: DropReason, nowMilliseconds: Int64) {
        let hour = Self.hourStart(nowMilliseconds / 1000)
        counts.withLock { counts in
            // A client-sent (`not_found`) domain may be anything; no host name is longer than 253.
            let domain = domain.utf8.count > 253 ? String(domain.prefix(253)) : domain
            var key = Key(domain: domain, reason: reason, hour: hour)
            if counts[key] == nil, counts.count >= maxKeys { key.domain = Self.otherDomain }
            counts[key, default: 0] += 1
        }
    }

    /// Takes every count recorded so far, leaving the counter empty.
    package func drain() -> [DropCount] {
        let taken = counts.withLock { counts in
            defer { counts.removeAll(keepingCapacity: true) }
            return counts
        }
        return taken.map { key, count in
            DropCount(domain: key.domain, reason: key.reason.rawValue, hour: key.hour, count: count)
        }
        .sorted { ($0.hour, $0.domain, $0.reason) < ($1.hour, $1.domain, $1.reason) }
    }

    /// Puts back counts a failed flush could not store, so the next flush retries them.
    package func restore(_ dropped: [DropCount]) {
        counts.withLock { counts in
            for count in dropped {
                guard let reason = DropReason(rawValue: count.reason) else { continue }
                counts[Key(domain: count.domain, reason: reason, hour: count.hour), default: 0] += count.count
            }
        }
    }

    /// Unix seconds of the start of the UTC hour holding `seconds`.
    package static func hourStart(_ seconds: Int64) -> Int64 {
        seconds - ((seconds % 3600) + 3600) % 3600
    }
}
