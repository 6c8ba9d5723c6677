import PerchCore

/// The dashboard's accounts in the copy: users (with their password hashes, so passwords keep
/// working) and shared links (same slugs and passwords), each only if ClickHouse lacks it. Login
/// sessions are not copied (users sign in again), nor the signing secret (ClickHouse has its own).
extension ClickHouseStoreCopy {
    package func copyAccounts(from accounts: any DashboardAccountStore) async throws {
        var users = 0
        for user in try await accounts.users() where try await target.user(email: user.email) == nil {
            _ = try await target.saveUser(email: user.email, passwordHash: user.passwordHash)
            users += 1
        }
        report("dashboard users: \(users) added")
        // Links of sites the copy has (not of removed ones).
        let target = target
        let domains = Set(try await BlockingWork.run { try target.allSites().map(\.domain) })
        var links = 0
        for link in try await accounts.sharedLinks(domain: nil) where domains.contains(link.domain) {
            guard try await target.sharedLink(slug: link.slug) == nil else { continue }
            _ = try await target.createSharedLink(domain: link.domain, slug: link.slug, passwordHash: link.passwordHash)
            links += 1
        }
        report("shared links: \(links) added")
    }
}
