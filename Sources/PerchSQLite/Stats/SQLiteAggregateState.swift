import GRDBSQLite

/// The state of one group of an aggregate registered through SQLite's C API: an object whose
/// retained pointer lives in the group's `sqlite3_aggregate_context`. `xStep` gets or creates it,
/// `xFinal` (which SQLite calls for every group it started, also when a query fails or is
/// interrupted) takes it back, releasing it.
enum SQLiteAggregateState<State: AnyObject> {
    /// The group's state; `make` creates it on the group's first row (nil: out of memory, or
    /// `make` refused).
    static func get(_ context: OpaquePointer?, make: () -> State?) -> State? {
        let size = Int32(MemoryLayout<UnsafeRawPointer?>.size)
        guard let raw = sqlite3_aggregate_context(context, size) else { return nil }
        let slot = raw.assumingMemoryBound(to: UnsafeRawPointer?.self)
        if let pointer = slot.pointee { return Unmanaged<State>.fromOpaque(pointer).takeUnretainedValue() }
        guard let state = make() else { return nil }
        slot.pointee = UnsafeRawPointer(Unmanaged.passRetained(state).toOpaque())
        return state
    }

    /// The group's state for `xFinal`, nil when the group saw no row; the slot is emptied.
    static func take(_ context: OpaquePointer?) -> State? {
        guard let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeRawPointer?.self),
            let pointer = slot.pointee
        else { return nil }
        slot.pointee = nil
        return Unmanaged<State>.fromOpaque(pointer).takeRetainedValue()
    }
}
