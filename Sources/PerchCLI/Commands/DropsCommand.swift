import ArgumentParser
import PerchCore
import PerchIngest

/// `perch drops [--site DOMAIN] [--format table|json]`: how many events were dropped in the last
/// 24 hours, by site and reason. A running server stores its counts every few seconds.
struct DropsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drops",
        abstract: "Show events dropped in the last 24 hours, by site and reason."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    @Option(help: "Only this site (for not_found, the domain the client sent).")
    var site: String?

    @Option(help: "table (default) or json.")
    var format: Format = .table

    @OptionGroup var storage: StoreOptions

    /// One line of the summary: a site, a reason and the dropped events over the window.
    struct Row: Equatable {
        var site: String
        var reason: String
        var count: Int64
    }

    func run() throws {
        let now = SystemWallClock().nowSeconds()
        // The current hour and the 23 before it.
        let since = DropCounter.hourStart(now) - 23 * 3600
        let rows = Self.summarise(try storage.withStore { try $0.dropCounts(since: since, domain: site) })
        switch format {
        case .table: print(Self.table(rows), terminator: "")
        case .json: print(Self.json(rows))
        }
    }

    /// Sums the hourly counts per (site, reason): sites in order, the largest count first.
    static func summarise(_ counts: [DropCount]) -> [Row] {
        var totals: [String: [String: Int64]] = [:]
        for count in counts { totals[count.domain, default: [:]][count.reason, default: 0] += count.count }
        return totals.keys.sorted().flatMap { site in
            totals[site]!.map { Row(site: site, reason: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
        }
    }

    static func table(_ rows: [Row]) -> String {
        guard !rows.isEmpty else { return "no events dropped in the last 24 hours\n" }
        let header = Row(site: "SITE", reason: "REASON", count: 0)
        let siteWidth = max(header.site.count, rows.map(\.site.count).max() ?? 0)
        let reasonWidth = max(header.reason.count, rows.map(\.reason.count).max() ?? 0)
        func line(_ site: String, _ reason: String, _ count: String) -> String {
            site.padding(siteWidth) + "  " + reason.padding(reasonWidth) + "  " + count + "\n"
        }
        return rows.reduce(line("SITE", "REASON", "DROPPED")) { $0 + line($1.site, $1.reason, String($1.count)) }
    }

    static func json(_ rows: [Row]) -> String {
        let objects = rows.map { row in
            #"{"site":\#(JSONText.quoted(row.site)),"reason":\#(JSONText.quoted(row.reason)),"count":\#(row.count)}"#
        }
        return "[" + objects.joined(separator: ",") + "]"
    }
}

extension String {
    /// The text followed by spaces up to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
