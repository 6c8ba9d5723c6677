import ArgumentParser
import Foundation
import PerchSQLite

/// `--data-dir` (or `PERCH_DATA_DIR`, default `./perch-data`), shared by every command.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (env PERCH_DATA_DIR, default ./perch-data).")
    var dataDirectory: String?

    func resolved() -> String {
        EnvironmentFallback(environment: ProcessInfo.processInfo.environment)
            .value(flag: dataDirectory, variable: "PERCH_DATA_DIR", default: "./perch-data")
    }

    var databasePath: String { resolved() + "/perch.sqlite3" }
    var journalPath: String { resolved() + "/journal" }

    func openStore() throws -> SQLiteStore {
        try SQLiteStore(path: databasePath)
    }
}
