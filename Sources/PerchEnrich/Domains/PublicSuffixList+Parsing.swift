extension PublicSuffixList {
    private enum Section {
        case none, icann, privateDomains
    }

    /// Parses the bytes of a `public_suffix_list.dat` file; `name` only appears in error messages.
    /// A file whose `===BEGIN … DOMAINS===` section has no matching `===END` marker is refused as
    /// truncated.
    package init(fileBytes bytes: [UInt8], name: String) throws(DatasetError) {
        var builder = Builder()
        var section = Section.none
        var opened: [String] = []
        for (number, line) in try LineDatasetText.lines(bytes, name: name) {
            if line.isEmpty { continue }
            if line.hasPrefix("//") {
                if let marker = Self.marker(line) {
                    let isBegin = marker.hasPrefix("BEGIN ")
                    let sectionName = String(marker.dropFirst(isBegin ? 6 : 4))
                    if isBegin {
                        opened.append(sectionName)
                        section = sectionName == "PRIVATE DOMAINS" ? .privateDomains : .icann
                    } else {
                        guard opened.last == sectionName else {
                            throw DatasetError("\(name) line \(number) ends \(sectionName) that was not begun")
                        }
                        opened.removeLast()
                        section = .none
                    }
                }
                continue
            }
            let rule = line.prefix { $0 != " " && $0 != "\t" }
            guard builder.add(rule, isPrivate: section == .privateDomains) else {
                throw DatasetError("\(name) line \(number) is not a suffix rule: \(rule.prefix(80))")
            }
        }
        if let unclosed = opened.last {
            throw DatasetError("\(name) is truncated: \(unclosed) has no END marker")
        }
        guard builder.count > 0 else { throw DatasetError("\(name) holds no suffix rules") }
        self.init(rules: builder.rules, entryCount: builder.count)
    }

    /// A list from rules in the file's syntax (`com`, `*.ck`, `!www.ck`), ICANN ones first, then
    /// private ones; an invalid rule is skipped.
    package init(icannRules: some Sequence<String>, privateRules: some Sequence<String> = [String]()) {
        var builder = Builder()
        for rule in icannRules { _ = builder.add(Substring(rule), isPrivate: false) }
        for rule in privateRules { _ = builder.add(Substring(rule), isPrivate: true) }
        self.init(rules: builder.rules, entryCount: builder.count)
    }

    /// `BEGIN ICANN DOMAINS` out of `// ===BEGIN ICANN DOMAINS===`.
    private static func marker(_ line: Substring) -> Substring? {
        let body = LineDatasetText.trimmed(line.dropFirst(2))
        guard body.hasPrefix("==="), body.hasSuffix("==="), body.count > 6 else { return nil }
        let marker = body.dropFirst(3).dropLast(3)
        return marker.hasPrefix("BEGIN ") || marker.hasPrefix("END ") ? marker : nil
    }

    private struct Builder {
        var rules: [HostKey: RuleFlags] = [:]
        var count = 0

        /// Adds one rule; false when it is malformed (empty label, misplaced `*` or `!`, URL
        /// punctuation).
        mutating func add(_ text: Substring, isPrivate: Bool) -> Bool {
            var rule = Substring(HostText.asciiLowercased(String(text)))
            var kind: RuleFlags = isPrivate ? .privatePlain : .plain
            if rule.hasPrefix("!") {
                rule = rule.dropFirst()
                kind = isPrivate ? .privateException : .exception
            } else if rule.hasPrefix("*.") {
                rule = rule.dropFirst(2)
                kind = isPrivate ? .privateWildcard : .wildcard
            }
            guard Self.isValidSuffix(rule),
                !(kind.contains(.exception) || kind.contains(.privateException))
                    || rule.contains(".")
            else { return false }
            rules[HostKey(rule), default: []].formUnion(kind)
            // Record every shorter suffix as a node so lookups can stop at the first absent one.
            var index = rule.startIndex
            while let dot = rule[index...].firstIndex(of: ".") {
                index = rule.index(after: dot)
                if rules[HostKey(rule[index...])] == nil { rules[HostKey(rule[index...])] = [] }
            }
            count += 1
            return true
        }

        private static func isValidSuffix(_ rule: Substring) -> Bool {
            guard !rule.isEmpty, !rule.hasPrefix("."), !rule.hasSuffix("."), !rule.contains("..") else {
                return false
            }
            return rule.utf8.allSatisfy { byte in
                byte >= 0x80 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            }
        }
    }
}
