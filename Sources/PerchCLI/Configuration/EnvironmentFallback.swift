import PerchCore

/// Resolves a setting with the precedence flag > `PERCH_*` environment variable > default.
/// The CLI is the only place that reads the environment.
struct EnvironmentFallback: Sendable {
    let environment: [String: String]

    init(environment: [String: String]) {
        self.environment = environment
    }

    func value(flag: String?, variable: String, default fallback: String) -> String {
        if let flag { return flag }
        if let value = environment[variable], !value.isEmpty { return value }
        return fallback
    }

    func values(flag: [String], variable: String) -> [String] {
        if !flag.isEmpty { return flag }
        guard let value = environment[variable], !value.isEmpty else { return [] }
        return value.split(separator: ",").map { $0.trimmingASCIIWhitespace() }
    }
}
