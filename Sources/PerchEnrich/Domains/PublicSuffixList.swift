/// The Public Suffix List (publicsuffix.org `public_suffix_list.dat`): which host suffixes are
/// registries (`com`, `co.uk`, `github.io`), so the registrable domain of a host is its public
/// suffix plus one label (spec §8, `root_domain`). Rules are kept as UTF-8 text; hosts are matched
/// lowercased, with internationalised labels in Unicode (no punycode conversion).
package struct PublicSuffixList: DatasetContent {
    package static var kind: DatasetKind { .publicSuffixes }

    /// What the rules say about one suffix text (the rule without `*.` or `!`).
    struct RuleFlags: OptionSet, Sendable {
        let rawValue: UInt8
        /// `suffix` itself is a public suffix.
        static let plain = RuleFlags(rawValue: 1)
        /// Every `label.suffix` is a public suffix (`*.suffix`).
        static let wildcard = RuleFlags(rawValue: 2)
        /// `suffix` is not a public suffix despite a wildcard above it (`!suffix`).
        static let exception = RuleFlags(rawValue: 4)
        /// The rule comes from the PRIVATE section (`github.io`, `netlify.app`).
        static let privatePlain = RuleFlags(rawValue: 8)
        static let privateWildcard = RuleFlags(rawValue: 16)
        static let privateException = RuleFlags(rawValue: 32)
    }

    /// Suffix text → rules, keyed by substrings so lookups by a slice of the host do not allocate.
    private let rules: [HostKey: RuleFlags]
    /// How many rule lines the list held.
    package let entryCount: Int

    init(rules: [HostKey: RuleFlags], entryCount: Int) {
        self.rules = rules
        self.entryCount = entryCount
    }

    package init(contentsOfFile path: String) throws(DatasetError) {
        try self.init(fileBytes: DatasetFile.read(path, limit: 64 << 20), name: path)
    }

    /// The registrable domain of `host`: its public suffix plus one label, lowercased. Nil for an
    /// empty host, an IP address, a host with an empty label, or a host that is itself a public
    /// suffix. `includingPrivate: false` ignores the PRIVATE section (`a.github.io` → `github.io`).
    package func registrableDomain(of host: String, includingPrivate: Bool = true) -> String? {
        guard !host.isEmpty else { return nil }
        var host = HostText.asciiLowercased(host)
        if host.utf8.last == UInt8(ascii: ".") { host.removeLast() }
        guard !host.isEmpty, !Self.isAddress(host) else { return nil }
        let start: Int? = HostText.withBytes(of: host) { bytes in
            // Every label must be non-empty; `labelCount` bounds the suffix walk.
            guard bytes.last != UInt8(ascii: ".") else { return nil }
            var labelCount = 1
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: ".") {
                guard offset > 0, bytes[offset - 1] != UInt8(ascii: ".") else { return nil }
                labelCount += 1
            }
            let suffixLabels = publicSuffixLabelCount(host, bytes: bytes, includingPrivate: includingPrivate)
            guard suffixLabels < labelCount else { return nil }
            return Self.start(ofLast: suffixLabels + 1, labelsIn: bytes)
        }
        guard let start else { return nil }
        return start == 0 ? host : String(host[host.utf8.index(host.utf8.startIndex, offsetBy: start)...])
    }

    /// How many labels the prevailing rule covers: an exception wins (its rule minus one label),
    /// otherwise the longest matching plain or wildcard rule, otherwise `*` (one label).
    private func publicSuffixLabelCount(
        _ host: String, bytes: UnsafeBufferPointer<UInt8>, includingPrivate: Bool
    ) -> Int {
        let plain: RuleFlags = includingPrivate ? [.plain, .privatePlain] : .plain
        let wildcard: RuleFlags = includingPrivate ? [.wildcard, .privateWildcard] : .wildcard
        let exception: RuleFlags = includingPrivate ? [.exception, .privateException] : .exception
        var longest = 1
        var labels = 0
        var suffixStart = bytes.count
        while suffixStart > 0 {
            // Extend the suffix by one label to the left.
            var next = labels == 0 ? suffixStart : suffixStart - 1
            while next > 0, bytes[next - 1] != UInt8(ascii: ".") { next -= 1 }
            suffixStart = next
            labels += 1
            let suffix = host[host.utf8.index(host.utf8.startIndex, offsetBy: suffixStart)...]
            // Every suffix of a rule has an entry (empty flags when it is no rule itself), so an
            // absent entry means no longer rule can match and the walk stops early.
            guard let flags = rules[HostKey(suffix)] else { break }
            if !flags.isDisjoint(with: exception) { return labels - 1 }
            if !flags.isDisjoint(with: plain) { longest = labels }
            if suffixStart > 0, !flags.isDisjoint(with: wildcard) { longest = labels + 1 }
        }
        return longest
    }

    /// The byte offset where the last `count` labels begin (0 when there are no more than that).
    private static func start(ofLast count: Int, labelsIn bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var seen = 0
        var offset = bytes.count
        while offset > 0 {
            offset -= 1
            if bytes[offset] == UInt8(ascii: ".") {
                seen += 1
                if seen == count { return offset + 1 }
            }
        }
        return 0
    }

    private static func isAddress(_ host: String) -> Bool {
        if host.utf8.contains(UInt8(ascii: ":")) { return true }
        guard let last = host.utf8.last, last >= UInt8(ascii: "0"), last <= UInt8(ascii: "9") else { return false }
        return IPAddress(host) != nil
    }
}
