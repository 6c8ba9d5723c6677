import PerchCore

// `Result<JournalEntry, DropReason>` needs `Failure: Error`. This belongs on the declaration in
// PerchCore; it lives here until that module adopts it. Same package, so not a risky retroactive
// conformance: no other module can declare a competing one.
extension DropReason: Error {}
