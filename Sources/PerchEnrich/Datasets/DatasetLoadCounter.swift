import Synchronization

/// Counts the new files loaded by the live data sets that share it, so whoever keeps values read
/// from them can tell with one atomic load whether any has changed since.
package final class DatasetLoadCounter: Sendable {
    private let loads = Atomic<Int>(0)

    package init() {}

    /// Loads so far; a load's new value is readable from its data set before this counts it.
    package var count: Int { loads.load(ordering: .acquiring) }

    func counted() {
        loads.add(1, ordering: .releasing)
    }
}
