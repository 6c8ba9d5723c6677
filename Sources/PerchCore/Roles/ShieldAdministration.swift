/// Shield rule administration (`perch shields`). Rules arrive normalised (`ShieldRuleParser`).
package protocol ShieldAdministration: ShieldDirectory {
    /// The rules of an active site, in the order they were added; `ShieldError.unknownSite` if none.
    func shieldRules(domain: String) throws -> [ShieldRule]
    /// Adds a rule; `ShieldError.duplicateRule`, `.tooManyRules` or `.unknownSite` when it cannot.
    func addShieldRule(_ rule: ShieldRule, domain: String) throws
    /// Removes a rule; false when the site has no such rule.
    func removeShieldRule(_ rule: ShieldRule, domain: String) throws -> Bool
}
