extension UserAgentParser {
    struct SystemVerdict {
        var name: String
        var version: String
    }

    /// OS names that Matomo treats as desktop operating systems (device type falls back to desktop).
    static let desktopSystems: Set<String> = [
        "Windows", "Mac", "GNU/Linux", "Chrome OS", "Ubuntu", "Fedora", "Debian", "FreeBSD", "OpenBSD", "NetBSD",
        "Solaris", "AmigaOS", "Haiku OS", "BeOS", "OpenVMS",
    ]

    /// Amazon's Android fork on Fire TV (`AFT…` models), Fire tablets (`KF…`) and with Silk.
    private static func isAmazonDevice(_ scan: UserAgentScan) -> Bool {
        scan.has(.kindle) || scan.has(.silk)
            || (!scan.model.isEmpty && scan.startsWith("AFT", at: scan.model.lowerBound, before: scan.model.upperBound))
    }

    /// Fire OS under its own version, from the Android version it is built on (Matomo's mapping
    /// by full version, else by major version).
    private static func fireOS(_ bytes: UnsafeBufferPointer<UInt8>, _ android: Range<Int>) -> SystemVerdict {
        var text = ""
        for index in android where index < bytes.count {
            let byte = bytes[index]
            guard UserAgentScan.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") else { break }
            text.append(Character(Unicode.Scalar(byte == UInt8(ascii: "_") ? UInt8(ascii: ".") : byte)))
        }
        let major = String(text.prefix { $0 != "." })
        return SystemVerdict(name: "Fire OS", version: fireOSVersions[text] ?? fireOSVersions[major] ?? "")
    }

    /// Android version → Fire OS version.
    private static let fireOSVersions: [String: String] = [
        "14": "14", "13": "14", "12": "14", "11": "8", "10": "8", "9": "7", "7": "6", "5": "5", "4.4.3": "4.5.1",
        "4.4.2": "4", "4.2.2": "3", "4.0.3": "3", "4.0.2": "3", "4": "2", "2": "1",
    ]

    /// Matomo's OS name and Plausible's major.minor version for it.
    static func operatingSystem(_ scan: UserAgentScan) -> SystemVerdict {
        let bytes = scan.bytes
        if scan.has(.windowsPhone) {
            return SystemVerdict(name: "Windows Phone", version: majorMinor(bytes, scan.version(.windowsPhone)))
        }
        if scan.has(.windowsNT) { return SystemVerdict(name: "Windows", version: windowsVersion(scan)) }
        if scan.has(.windowsCE) { return SystemVerdict(name: "Windows CE", version: "") }
        if scan.has(.harmonyOS) { return SystemVerdict(name: "HarmonyOS", version: "") }
        if scan.has(.kaiOS) { return SystemVerdict(name: "KaiOS", version: majorMinor(bytes, scan.version(.kaiOS))) }
        if scan.has(.android) || scan.has(.androidProduct) {
            if isAmazonDevice(scan) { return fireOS(bytes, scan.version(.android)) }
            return SystemVerdict(name: "Android", version: majorMinor(bytes, scan.version(.android)))
        }
        if let apple = appleSystem(scan) { return apple }
        if scan.has(.tizen) { return SystemVerdict(name: "Tizen", version: majorMinor(bytes, scan.version(.tizen))) }
        if scan.has(.webOS) || scan.has(.webOSProduct) { return SystemVerdict(name: "webOS", version: "") }
        if scan.has(.blackBerry) { return SystemVerdict(name: "BlackBerry OS", version: "") }
        if scan.has(.symbian) { return SystemVerdict(name: "Symbian OS", version: "") }
        if scan.has(.j2me) { return SystemVerdict(name: "Java ME", version: "") }
        if scan.has(.crOS) { return SystemVerdict(name: "Chrome OS", version: majorMinor(bytes, scan.version(.crOS))) }
        if scan.has(.playStation) { return SystemVerdict(name: "PlayStation", version: "") }
        if scan.has(.nintendo) { return SystemVerdict(name: "Nintendo", version: "") }
        if scan.has(.ubuntu) { return SystemVerdict(name: "Ubuntu", version: "") }
        if scan.has(.fedora) { return SystemVerdict(name: "Fedora", version: "") }
        if scan.has(.debian) { return SystemVerdict(name: "Debian", version: "") }
        if let other = otherDesktopSystem(scan) { return other }
        if scan.has(.windowsLegacy) { return SystemVerdict(name: "Windows", version: "") }
        if scan.has(.x11) || scan.has(.linux) { return SystemVerdict(name: "GNU/Linux", version: "") }
        if scan.has(.mobileFragment) && scan.has(.firefox) && scan.has(.gecko) {
            return SystemVerdict(name: "Firefox OS", version: "")
        }
        return SystemVerdict(name: "", version: "")
    }

    /// Rare desktop systems Matomo still names (and counts as desktop devices).
    private static let otherDesktops: [(UserAgentToken, String)] = [
        (.freeBSD, "FreeBSD"), (.openBSD, "OpenBSD"), (.netBSD, "NetBSD"), (.sunOS, "Solaris"),
        (.amigaOS, "AmigaOS"), (.haiku, "Haiku OS"), (.beOS, "BeOS"), (.openVMS, "OpenVMS"),
    ]

    private static func otherDesktopSystem(_ scan: UserAgentScan) -> SystemVerdict? {
        for (token, name) in otherDesktops where scan.has(token) { return SystemVerdict(name: name, version: "") }
        return nil
    }

    private static func appleSystem(_ scan: UserAgentScan) -> SystemVerdict? {
        let bytes = scan.bytes
        if scan.has(.appleTV) { return SystemVerdict(name: "tvOS", version: "") }
        if scan.has(.watch) && !scan.has(.iPad) { return SystemVerdict(name: "watchOS", version: "") }
        if scan.has(.cpuOS) || scan.has(.iOSDevice) || scan.has(.iPad) {
            let range = scan.version(.cpuOS)
            let version = majorMinor(bytes, range)
            let isPadOS = scan.has(.iPad) && major(bytes, range) >= 13
            return SystemVerdict(name: isPadOS ? "iPadOS" : "iOS", version: version)
        }
        if scan.has(.macOSX) { return SystemVerdict(name: "Mac", version: majorMinor(bytes, scan.version(.macOSX))) }
        if scan.has(.macintosh) { return SystemVerdict(name: "Mac", version: "") }
        // Native Apple apps send `CFNetwork/… Darwin/…`: a Mac when it names the x86 architecture.
        if scan.has(.darwin) {
            let isMac = scan.contains("x86_64", in: 0..<bytes.count) || scan.contains("Mac", in: 0..<bytes.count)
            return SystemVerdict(name: isMac ? "Mac" : "iOS", version: "")
        }
        return nil
    }

    /// Matomo's Windows version names for NT kernel numbers (NT 10.0 → `10`, 6.1 → `7`, …).
    private static func windowsVersion(_ scan: UserAgentScan) -> String {
        switch majorMinor(scan.bytes, scan.version(.windowsNT)) {
        case "10.0", "6.4": "10"
        case "11.0": "11"
        case "6.3": "8.1"
        case "6.2": "8"
        case "6.1": "7"
        case "6.0": "Vista"
        case "5.2": "Server 2003"
        case "5.1": "XP"
        case "5.0": "2000"
        default: "NT"
        }
    }
}
