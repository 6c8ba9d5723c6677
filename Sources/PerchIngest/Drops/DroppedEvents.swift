import PerchCore

/// The events a request did not store: one reason per dropped (domain, event), in request order,
/// and the subset a client may be told about (`x-perch-drop-reason`) because their sites have
/// opted into debug mode. It reads as the list of reasons, so `[.notFound]` matches it.
package struct DroppedEvents: Sendable, Hashable, RandomAccessCollection, ExpressibleByArrayLiteral {
    package private(set) var reasons: [DropReason]
    /// Reasons of drops for sites with `Site.debugDrops` on, in request order.
    package private(set) var debugReasons: [DropReason]

    package init(reasons: [DropReason], debugReasons: [DropReason]) {
        self.reasons = reasons
        self.debugReasons = debugReasons
    }

    package init(arrayLiteral reasons: DropReason...) {
        self.init(reasons: reasons, debugReasons: [])
    }

    package mutating func append(_ reason: DropReason, debug: Bool = false) {
        reasons.append(reason)
        if debug { debugReasons.append(reason) }
    }

    package var startIndex: Int { reasons.startIndex }
    package var endIndex: Int { reasons.endIndex }
    package subscript(position: Int) -> DropReason { reasons[position] }
}
