import ArgumentParser
import PerchCore
import PerchSQLite
import PerchWeb

/// `perch shares create|list|remove`: read-only links to one site's dashboard.
struct SharesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: "Manage shared (read-only) dashboard links.",
        subcommands: [Create.self, List.self, Remove.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a shared link and print its path (the last token of the last line).")

        @Argument(help: "The site's domain.")
        var domain: String

        @Flag(help: "Ask visitors for a password (read from the first line of stdin).")
        var password = false

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            let hash = password ? try PasswordHash.make(try PasswordInput.firstLine()) : nil
            let link: SharedLink
            do {
                link = try await storage.withAccounts {
                    try await $0.createSharedLink(
                        domain: domain, slug: SecretToken.random(bytes: 16), passwordHash: hash)
                }
            } catch SQLiteStoreError.unknownSite(let domain), SiteAdministrationError.unknownSite(let domain) {
                throw ValidationError("no site \(domain) (add it with: perch sites add \(domain))")
            }
            print("created shared link for \(link.domain)\(hash == nil ? "" : " (password protected)")")
            print("add ?embed=true to embed it in an iframe; open: \(link.path)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List shared links, of one site or all.")

        @Argument(help: "Only this site's links.")
        var domain: String?

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            let links = try await storage.withAccounts { try await $0.sharedLinks(domain: domain) }
            guard !links.isEmpty else {
                print("no shared links")
                return
            }
            print("SITE\tPASSWORD\tCREATED\tPATH")
            for link in links {
                print(
                    "\(link.domain)\t\(link.passwordHash == nil ? "no" : "yes")\t\(ISODate.text(link.createdAt))\t\(link.path)"
                )
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a shared link by its slug (the auth= value).")

        @Argument(help: "The link's slug, or its whole path.")
        var slug: String

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            let slug = slug.split(separator: "auth=").last.map(String.init) ?? slug
            guard try await storage.withAccounts({ try await $0.removeSharedLink(slug: slug) }) else {
                throw ValidationError("no shared link \(slug)")
            }
            print("removed shared link \(slug)")
        }
    }
}
