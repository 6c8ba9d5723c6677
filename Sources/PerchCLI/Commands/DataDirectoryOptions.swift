import ArgumentParser
import Foundation

/// `--data-dir` (or `PERCH_DATA_DIR`, default `./perch-data`): the local directory of the journal,
/// the data sets and, with the default store, the SQLite database. Commands that read or change
/// stored data take it through `StoreOptions`.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (env PERCH_DATA_DIR, default ./perch-data).")
    var dataDirectory: String?

    func resolved() -> String {
        EnvironmentFallback(environment: ProcessInfo.processInfo.environment)
            .value(flag: dataDirectory, variable: "PERCH_DATA_DIR", default: "./perch-data")
    }
}
