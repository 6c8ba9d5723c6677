import ArgumentParser

/// `perch store`: operations on a whole store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Operations on a whole store.",
        subcommands: [StoreCopyCommand.self, StoreSchemaCommand.self]
    )
}
