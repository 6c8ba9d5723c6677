/// Finds the registrable domain of a hostname (`app.example.com` → `example.com`): the longest
/// known public suffix plus one label. The built-in suffix list is a small approximation of the
/// Public Suffix List; pass the full list's plain rules to `init(suffixes:)` to replace it.
package struct RegistrableDomain: Sendable {
    /// Public suffixes of two or more labels, lowercased. A single label (a TLD) is always a suffix.
    private let suffixes: Set<String>
    private let maxSuffixLabels: Int

    package init(suffixes: Set<String> = RegistrableDomain.builtInSuffixes) {
        self.suffixes = suffixes
        maxSuffixLabels = suffixes.reduce(1) { max($0, $1.utf8.count { $0 == UInt8(ascii: ".") } + 1) }
    }

    /// The `root_domain` of spec §8: `(none)` stays `(none)`, an IPv4 literal is its own root,
    /// otherwise the registrable domain, falling back to the hostname itself.
    package func rootDomain(of hostname: String) -> String {
        if hostname == "(none)" || Self.isIPv4Literal(hostname) { return hostname }
        return registrableDomain(of: hostname)
    }

    /// `hostname` reduced to its longest known public suffix plus one label.
    package func registrableDomain(of hostname: String) -> String {
        let host = hostname.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? hostname.lowercased() : hostname
        let utf8 = host.utf8
        // Start of each label suffix from the right: dots[0] is the start of the last label, etc.
        var starts: [String.Index] = []
        starts.reserveCapacity(maxSuffixLabels + 1)
        var index = utf8.endIndex
        while index > utf8.startIndex && starts.count <= maxSuffixLabels {
            let previous = utf8.index(before: index)
            if utf8[previous] == UInt8(ascii: ".") { starts.append(index) }
            index = previous
        }
        if starts.count <= maxSuffixLabels { starts.append(utf8.startIndex) }
        // starts[k] is where the last k+1 labels begin; the suffix takes `suffixLabels` of them.
        var suffixLabels = 1
        if starts.count > 1 {
            for labels in stride(from: min(maxSuffixLabels, starts.count - 1), through: 2, by: -1)
            where suffixes.contains(String(host[starts[labels - 1]...])) {
                suffixLabels = labels
                break
            }
        }
        guard suffixLabels < starts.count else { return host }
        return String(host[starts[suffixLabels]...])
    }

    /// Four dot-separated decimal numbers of at most 255.
    package static func isIPv4Literal(_ text: String) -> Bool {
        var groups = 0
        var digits = 0
        var value = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return false }
                groups += 1
                digits = 0
                value = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                guard digits <= 3, value <= 255 else { return false }
            } else {
                return false
            }
        }
        return groups == 3 && digits > 0
    }

    /// Common second-level registry suffixes and a few well-known private suffixes whose
    /// subdomains belong to different owners.
    package static let builtInSuffixes: Set<String> = [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "net.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
        "com.br", "net.br", "org.br", "gov.br",
        "co.za", "org.za",
        "co.in", "net.in", "org.in", "gov.in",
        "co.kr", "or.kr",
        "com.cn", "net.cn", "org.cn", "gov.cn",
        "com.mx", "org.mx", "gob.mx",
        "com.ar", "com.tr", "com.tw", "com.hk", "com.sg", "com.my", "com.ph", "com.pl",
        "co.il", "co.id", "co.th",
        "github.io", "gitlab.io", "netlify.app", "vercel.app", "herokuapp.com", "pages.dev",
        "workers.dev", "web.app", "firebaseapp.com", "azurewebsites.net", "cloudfront.net",
        "blogspot.com", "fly.dev", "onrender.com", "glitch.me",
    ]
}
