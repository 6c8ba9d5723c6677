/// Referrer hosts known to send spam (Matomo's `referrer-spam-list`, `spammers.txt`: one host a
/// line). A listed host also covers its subdomains (`a.b.spam.com` matches `spam.com`), unlike
/// Plausible's exact match, because spammers rotate subdomains freely.
package struct SpamReferrerList: DatasetContent {
    package static var kind: DatasetKind { .spamReferrers }

    /// Lowercased hosts, keyed by bytes so a lookup by a slice of the queried host does not allocate.
    private let hosts: Set<HostKey>

    package var entryCount: Int { hosts.count }

    package init(hosts: some Sequence<String>) {
        var set = Set<HostKey>()
        for host in hosts {
            let trimmed = LineDatasetText.trimmed(Substring(HostText.asciiLowercased(host)))
            let bare = trimmed.hasPrefix("www.") ? trimmed.dropFirst(4) : trimmed
            if !bare.isEmpty { set.insert(HostKey(bare)) }
        }
        self.hosts = set
    }

    package init(contentsOfFile path: String) throws(DatasetError) {
        try self.init(fileBytes: DatasetFile.read(path, limit: 64 << 20), name: path)
    }

    /// Parses the bytes of a `spammers.txt` file; `name` only appears in error messages. A few odd
    /// lines (a stray URL) are skipped so one upstream slip does not block every refresh; more
    /// than that means the file is not a host list and it is refused.
    package init(fileBytes bytes: [UInt8], name: String) throws(DatasetError) {
        var hosts: [String] = []
        var rejected: [(number: Int, text: Substring)] = []
        for (number, line) in try LineDatasetText.lines(bytes, name: name) {
            if line.isEmpty || line.hasPrefix("#") { continue }
            if Self.isHostText(line) {
                hosts.append(String(line))
            } else {
                rejected.append((number, line))
            }
        }
        if let first = rejected.first, hosts.isEmpty || rejected.count > max(3, hosts.count / 100) {
            throw DatasetError(
                "\(name) line \(first.number) is not a host name: \(first.text.prefix(80))"
                    + " (\(rejected.count) such lines)"
            )
        }
        guard !hosts.isEmpty else { throw DatasetError("\(name) lists no hosts") }
        self.init(hosts: hosts)
    }

    /// Whether `host` (www-stripped, lowercase) or one of its parent domains is listed.
    package func contains(host: String) -> Bool {
        guard !hosts.isEmpty, !host.isEmpty else { return false }
        return HostText.firstSuffix(of: HostText.asciiLowercased(host)) { hosts.contains(HostKey($0)) ? true : nil }
            ?? false
    }

    /// A host name, possibly internationalised: no spaces, slashes or other URL punctuation.
    private static func isHostText(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { byte in
            byte >= 0x80 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        }
    }
}
