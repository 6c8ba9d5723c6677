extension UserAgentParser {
    /// §11's `screen_size`: Matomo's device type folded into Mobile / Tablet / Desktop. Without
    /// Matomo's model database the type comes from its inference rules plus a few model hints.
    static func screenSize(_ scan: UserAgentScan, system: String) -> String {
        let size = inferredScreenSize(scan, system: system)
        return size.isEmpty ? deviceNamedAnywhere(scan) : size
    }

    private static func inferredScreenSize(_ scan: UserAgentScan, system: String) -> String {
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
        case "Android", "HarmonyOS", "Fire OS":
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
}
