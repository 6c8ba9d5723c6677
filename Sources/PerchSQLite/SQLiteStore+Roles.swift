import PerchCore

/// The administration roles the CLI works through (`perch sites`, `shields`, `events export`, …),
/// so it never needs to know which store it has.
extension SQLiteStore: SiteAdministration, ShieldAdministration, StoredDataExport {}
