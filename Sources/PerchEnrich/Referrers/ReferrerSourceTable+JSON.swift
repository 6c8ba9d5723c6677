import Foundation

extension ReferrerSourceTable {
    package init(contentsOfFile path: String) throws(DatasetError) {
        try self.init(fileBytes: DatasetFile.read(path, limit: 64 << 20), name: path)
    }

    /// Parses snowplow's `referers-latest.json`: medium → source name → `{"domains": [...],
    /// "parameters": [...]}`. Load time only, so Foundation's parser is fine here. A medium outside
    /// the known ones is kept as `.unknown`; anything else off that shape refuses the whole file.
    package init(fileBytes bytes: [UInt8], name: String) throws(DatasetError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw DatasetError("\(name) is not valid JSON (truncated or corrupt)")
        }
        guard let mediums = root as? [String: Any] else {
            throw DatasetError("\(name) is not a JSON object of mediums")
        }
        var sources: [Source] = []
        // Sorted so that a domain claimed twice resolves the same way on every load.
        for mediumName in mediums.keys.sorted() {
            guard let entries = mediums[mediumName] as? [String: Any] else {
                throw DatasetError("\(name): medium \"\(mediumName)\" is not an object of sources")
            }
            let medium = ReferrerMedium(rawValue: mediumName.lowercased()) ?? .unknown
            for sourceName in entries.keys.sorted() {
                guard let entry = entries[sourceName] as? [String: Any],
                    let domains = entry["domains"] as? [Any]
                else {
                    throw DatasetError("\(name): source \"\(sourceName)\" has no \"domains\" list")
                }
                let hosts = domains.compactMap { $0 as? String }
                guard hosts.count == domains.count, !sourceName.isEmpty else {
                    throw DatasetError("\(name): source \"\(sourceName)\" has a domain that is not a string")
                }
                if let parameters = entry["parameters"], !(parameters is [Any]) {
                    throw DatasetError("\(name): source \"\(sourceName)\" has \"parameters\" that is not a list")
                }
                sources.append(Source(name: sourceName, medium: medium, domains: hosts))
            }
        }
        guard !sources.isEmpty else { throw DatasetError("\(name) names no sources") }
        self.init(sources: sources)
    }
}
