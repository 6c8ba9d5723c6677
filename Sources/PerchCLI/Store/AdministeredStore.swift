import PerchClickHouse
import PerchCore
import PerchSQLite
import PerchStats

/// Goal administration (`perch goals`). Here rather than in PerchCore because goals are the
/// Stats module's type.
protocol GoalAdministration: Sendable {
    /// Adds a goal to the active site `domain`; false when it already has one for that target.
    func addGoal(_ goal: Goal, domain: String) throws -> Bool
    /// The goals of the active site `domain`, in the order they were added.
    func goals(domain: String) throws -> [Goal]
    /// Removes the goal of that kind; false when the site had none.
    func removeGoal(_ kind: Goal.Kind, domain: String) throws -> Bool
}

/// Stats API key administration (`perch keys`): only a secret's hash is stored.
protocol APIKeyAdministration: Sendable {
    func createAPIKey(secret: String, domain: String?, hourlyLimit: Int) throws -> APIKey
    /// Keys not revoked, oldest first.
    func apiKeys() throws -> [APIKey]
    /// Revokes key `id`; false when no active key has that id.
    func revokeAPIKey(id: Int64) throws -> Bool
}

/// Everything the administration commands do with a store, whichever it is.
typealias AdministeredStore =
    SiteAdministration & ShieldAdministration & GoalAdministration & APIKeyAdministration & DropCountStore
    & StoredDataExport

extension SQLiteStore: GoalAdministration, APIKeyAdministration {}
extension ClickHouseStore: GoalAdministration, APIKeyAdministration {}
