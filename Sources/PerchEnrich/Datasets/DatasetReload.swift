/// What one look at a data-set file found, for the caller to log (PerchEnrich does not log).
package enum DatasetReload: Sendable, Equatable {
    /// The file is the one already loaded (or still absent, or still the refused one).
    case unchanged
    /// A new file was loaded and is now active.
    case loaded(entries: Int)
    /// There is no file (at start: the fallback, if any, is active; later: the previous value stays).
    case absent
    /// The file changed but was refused; the previous value stays active.
    case refused(DatasetError)
}

/// A hot-reloaded data set seen without its content type, so one service can poll them all.
package protocol DatasetReloading: Sendable {
    var kind: DatasetKind { get }
    var path: String { get }
    /// Looks at the file and loads it when it was replaced; cheap when nothing changed (one stat).
    func reloadIfChanged() -> DatasetReload
}
