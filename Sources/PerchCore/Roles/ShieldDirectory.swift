/// Reads every site's shield rules, and a version that moves whenever any of them changes, so a
/// server can poll cheaply and reload only after an edit (by any process).
package protocol ShieldDirectory: Sendable {
    func shieldsVersion() throws -> Int64
    /// The rules of every active site, keyed by site id, each list in the order rules were added.
    func allShieldRules() throws -> [Int64: [ShieldRule]]
}
