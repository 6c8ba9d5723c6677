extension UserAgentParser {
    /// §11's `screen_size`: Matomo's device type folded into Mobile / Tablet / Desktop. Without
    /// Matomo's model database the type comes from its inference rules plus a few model hints.
    static func screenSize(_ scan: UserAgentScan, system: String) -> String {
        if isTelevision(scan) || scan.has(.playStation) || scan.has(.xbox) { return "Desktop" }
        if scan.has(.carBrowser) { return "Tablet" }
        if scan.has(.nintendo) { return scan.contains("3DS", in: 0..<scan.bytes.count) ? "Mobile" : "Desktop" }
        switch system {
        case "iPadOS":
            return "Tablet"
        case "iOS":
            // Native apps (`CFNetwork … Darwin`) name no device, and Matomo leaves the type unknown.
            return scan.has(.iPad) ? "Tablet" : scan.has(.iOSDevice) ? "Mobile" : ""
        case "watchOS":
            return "Mobile"
        case "tvOS":
            return "Desktop"
        case "Android", "HarmonyOS":
            return androidDevice(scan)
        case "Windows Phone", "Windows CE", "KaiOS", "Java ME", "Symbian OS", "BlackBerry OS", "Firefox OS":
            return "Mobile"
        case "Tizen", "webOS":
            return scan.has(.mobile) || scan.has(.mobileFragment) ? "Mobile" : ""
        case "Windows":
            if scan.has(.touch), windowsAtLeast8(scan) { return "Tablet" }
            return "Desktop"
        default:
            if scan.has(.kindle) { return "Tablet" }
            if scan.has(.featurePhone) { return "Mobile" }
            return desktopSystems.contains(system) ? "Desktop" : ""
        }
    }

    private static func isTelevision(_ scan: UserAgentScan) -> Bool {
        scan.has(.tvProduct) || scan.has(.smartTVProduct) || scan.has(.smartTV) || scan.has(.crKey)
            || scan.has(.webOSProduct) || scan.has(.bravia) || scan.has(.tvFragment) || scan.has(.appleTV)
    }

    private static func windowsAtLeast8(_ scan: UserAgentScan) -> Bool {
        let range = scan.version(.windowsNT)
        let major = major(scan.bytes, range)
        if major >= 10 { return true }
        guard major == 6, range.count >= 3 else { return false }
        return scan.bytes[range.lowerBound + 2] >= UInt8(ascii: "2")
    }

    private static func androidDevice(_ scan: UserAgentScan) -> String {
        if let hinted = modelHint(scan) { return hinted }
        if scan.has(.kindle) { return "Tablet" }
        let hasMobile = scan.has(.mobile)
        if scan.has(.chrome) { return hasMobile ? "Mobile" : "Tablet" }
        if scan.has(.tabletFragment) || scan.has(.tabletProduct) { return "Tablet" }
        if scan.has(.mobileFragment) { return "Mobile" }
        let range = scan.version(.android)
        let major = major(scan.bytes, range)
        if major >= 0 && major < 2 { return "Mobile" }
        if major == 3 { return "Tablet" }
        // Old stock browsers left out `Mobile` on tablets; apps naming a device mostly run on phones,
        // and a UA naming no device at all (media players, libraries) leaves Matomo's type unknown.
        if scan.has(.appleWebKit) { return hasMobile ? "Mobile" : "Tablet" }
        let namesDevice = !scan.model.isEmpty || scan.has(.dalvik) || scan.has(.androidProduct)
        return hasMobile || namesDevice || scan.has(.mobileApp) ? "Mobile" : ""
    }

    /// Model names that reveal the hardware where the `Mobile` keyword would mislead: generic
    /// naming conventions (tablet lines, TV "Shell" chassis, set-top boxes, screen-size prefixes).
    private static func modelHint(_ scan: UserAgentScan) -> String? {
        if scan.has(.androidTV) { return "Desktop" }
        let model = scan.model
        if model.isEmpty { return yandexTabletMarker(scan) ? "Tablet" : nil }
        if scan.containsAny(televisionMarkers, in: model) { return "Desktop" }
        if scan.startsWith("AFT", at: model.lowerBound, before: model.upperBound) || startsWithScreenSize(scan, model) {
            return "Desktop"
        }
        if scan.containsAny(tabletMarkers, in: model) { return "Tablet" }
        if scan.startsWithAny(tabletLines, in: model) { return "Tablet" }
        if yandexTabletMarker(scan) { return "Tablet" }
        return nil
    }

    private static let televisionMarkers = UserAgentMarkers([
        " TV", "TV ", "_TV", "Box", "Shell", "Stick", "STB", " 4K", "Player", "AndroidTV", "MiTV", "SHIELD",
        "Chromecast", "Chromebook", "A95X", "X96", "H96", "T95", "MXQ", "TX3", "TX6", "M8S", "Ugoos", "Zidoo",
        "Vontar", "Beelink", "MECOOL",
    ])
    private static let tabletMarkers = UserAgentMarkers(["SM-T", "SM-X", "SM-P", "Tab", "Pad", "TB-", "TB3-"])
    /// Model-number prefixes of well-known tablet lines (Samsung, Huawei, Lenovo, Sony, Acer, Asus,
    /// Prestigio, BQ, Digma, generic MIDs), which mostly send `Mobile` like phones do.
    private static let tabletLines = UserAgentMarkers([
        "GT-P", "GT-N5", "GT-N8", "SGP", "AGS", "BAH", "KOB", "JDN", "BTV", "CMR", "SCM", "DBY", "MRX", "YT-",
        "KF", "P00", "P01", "P02", "K00", "K01", "B1-", "A1-", "A3-", "PMT", "PMP", "BQ-7", "BQ-1", "BQru-1",
        "MID", "Nexus 7", "Nexus 9", "Nexus 10", "Transformer", "Optima", "Plane", "iPlay",
    ])

    private static let yandexApps: [UserAgentToken] = [.yaSearch, .mobileApp]

    /// Yandex's apps mark tablet builds with a `/apad` suffix on their version.
    private static func yandexTabletMarker(_ scan: UserAgentScan) -> Bool {
        for token in yandexApps where scan.has(token) {
            let version = scan.version(token)
            if scan.contains("apad", in: version) { return true }
        }
        return false
    }

    /// TV models often open with the panel size in inches (`43F520T`, `65USY151X`).
    private static func startsWithScreenSize(_ scan: UserAgentScan, _ model: Range<Int>) -> Bool {
        guard model.count >= 4 else { return false }
        let bytes = scan.bytes
        let first = bytes[model.lowerBound]
        let second = bytes[model.lowerBound + 1]
        guard UserAgentScan.isDigit(first), UserAgentScan.isDigit(second) else { return false }
        let third = bytes[model.lowerBound + 2]
        guard third &- 0x41 < 26 else { return false }
        let inches = Int(first - 0x30) * 10 + Int(second - 0x30)
        return [24, 32, 39, 40, 42, 43, 48, 49, 50, 55, 58, 65, 70, 75, 85].contains(inches)
    }
}
