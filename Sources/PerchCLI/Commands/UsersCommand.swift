import ArgumentParser
import PerchCore
import PerchWeb

/// `perch users add|list|remove`: who may sign in to the dashboard. A password is read from the
/// first line of standard input, never from the command line (where `ps` and shell history see it).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage dashboard users.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user, or set an existing user's password (read from the first line of stdin).")

        @Argument(help: "The user's e-mail address (their sign-in name).")
        var email: String

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            let email = DashboardUser.canonicalEmail(email)
            guard Self.isPlausibleAddress(email) else { throw ValidationError("'\(email)' is not an e-mail address") }
            let password = try PasswordInput.firstLine()
            let hash = try PasswordHash.make(password)
            let user = try await storage.withAccounts { try await $0.saveUser(email: email, passwordHash: hash) }
            print("saved user \(user.email); sign in at /login")
        }

        static func isPlausibleAddress(_ email: String) -> Bool {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && email.utf8.count <= 254
                && !email.contains(where: { $0.isWhitespace })
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            let users = try await storage.withAccounts { try await $0.users() }
            guard !users.isEmpty else {
                print("no users (add one with: perch users add EMAIL)")
                return
            }
            print("EMAIL\tCREATED")
            for user in users { print("\(user.email)\t\(ISODate.text(user.createdAt))") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user and sign out their sessions.")

        @Argument(help: "The user's e-mail address.")
        var email: String

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            guard try await storage.withAccounts({ try await $0.removeUser(email: email) }) else {
                throw ValidationError("no user \(DashboardUser.canonicalEmail(email))")
            }
            print("removed user \(DashboardUser.canonicalEmail(email))")
        }
    }
}

/// A password from the first line of standard input.
enum PasswordInput {
    static func firstLine() throws -> String {
        guard let line = readLine(strippingNewline: true) else {
            throw ValidationError("expected the password on the first line of standard input")
        }
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard password.count >= PasswordHash.minPasswordCharacters else {
            throw ValidationError("the password must have at least \(PasswordHash.minPasswordCharacters) characters")
        }
        guard password.utf8.count <= PasswordHash.maxPasswordBytes else {
            throw ValidationError("the password must have at most \(PasswordHash.maxPasswordBytes) bytes")
        }
        return password
    }
}
