extension UserAgentParser {
    /// A client verdict: Matomo's name (before Plausible's mappings are folded in) and version.
    struct ClientVerdict {
        var name: String
        var version: Range<Int>?
        var isMobileApp = false

        static let none = ClientVerdict(name: "", version: nil)
        static let mobileApp = ClientVerdict(name: "", version: nil, isMobileApp: true)
    }

    /// Browsers named by a single product token, in Matomo's precedence (more specific first).
    private static let namedBrowsers: [(UserAgentToken, String)] = [
        (.samsungBrowser, "Samsung Browser"), (.ucBrowser, "UC Browser"), (.yaBrowser, "Yandex Browser"),
        (.vivaldi, "Vivaldi"), (.brave, "Brave"), (.duckDuckGo, "DuckDuckGo Privacy Browser"),
        (.silk, "Mobile Silk"), (.miuiBrowser, "Mi Browser"), (.xiaomiBrowser, "Mi Browser"),
        (.huaweiBrowser, "Huawei Browser Mobile"), (.whale, "Whale Browser"), (.cocCoc, "Coc Coc"),
        (.qqBrowser, "QQ Browser"), (.quark, "Quark"), (.heyTap, "HeyTapBrowser"), (.vivoBrowser, "vivo Browser"),
        (.puffin, "Puffin Web Browser"), (.maxthon, "Maxthon"), (.seamonkey, "SeaMonkey"),
        (.netFront, "NetFront"), (.nokiaBrowser, "Nokia Browser"), (.konqueror, "Konqueror"),
    ]

    private static let operaTokens: [UserAgentToken] = [.opr, .opiOS, .opt, .operaMini]
    private static let ieMobileTokens: [UserAgentToken] = [.ieMobileProduct, .ieMobile]

    /// Plausible's `browser` before the `Mobile App` fold: Matomo's client name with §11's mappings.
    static func browser(_ scan: UserAgentScan, system: String) -> ClientVerdict {
        if scan.has(.headlessChrome) {
            return ClientVerdict(name: "Headless Chrome", version: scan.version(.headlessChrome))
        }
        // Feed readers, media players, PIM clients and apps named by a product come first.
        if let named = namedClient(scan, [.application, .mobileApp, .leadingBrowser]) { return named }
        if let named = productPhrase(scan) { return named }
        // Matomo tries mobile apps before browsers, so an in-app UA is an app even when it names Chrome.
        if scan.has(.mobileApp) || scan.has(.googleApp) || scan.has(.baiduBox) || scan.has(.yaSearch) {
            return .mobileApp
        }
        if scan.has(.edge) { return ClientVerdict(name: "Microsoft Edge", version: scan.version(.edge)) }
        if scan.has(.ucBrowser), scan.has(.operaMiniProduct) || scan.has(.operaMini) {
            return ClientVerdict(name: "UC Browser", version: scan.version(.ucBrowser))
        }
        if scan.has(.edgeLegacy) { return ClientVerdict(name: "Microsoft Edge", version: scan.version(.edgeLegacy)) }
        if let opera = opera(scan) { return opera }
        for (token, name) in namedBrowsers where scan.has(token) {
            return ClientVerdict(name: name, version: scan.version(token))
        }
        if let named = namedClient(scan, [.browser]) { return named }
        if scan.has(.crios) { return ClientVerdict(name: "Chrome", version: scan.version(.crios)) }
        if scan.has(.fxios) { return ClientVerdict(name: "Firefox", version: scan.version(.fxios)) }
        for token in ieMobileTokens where scan.has(token) {
            return ClientVerdict(name: "IE Mobile", version: scan.version(token))
        }
        if scan.has(.firefox) { return ClientVerdict(name: "Firefox", version: scan.version(.firefox)) }
        if let explorer = internetExplorer(scan) { return explorer }
        if scan.has(.chrome) {
            let isAndroid = scan.has(.android)
            if scan.has(.webView) || (isAndroid && scan.has(.version) && scan.order(.version) < scan.order(.chrome)) {
                return .mobileApp
            }
            return ClientVerdict(name: "Chrome", version: scan.version(.chrome))
        }
        if scan.has(.chromium) { return ClientVerdict(name: "Chromium", version: scan.version(.chromium)) }
        let webKit = webKitBrowser(scan, system: system)
        if !webKit.name.isEmpty { return webKit }
        if isApplication(scan) { return .mobileApp }
        if let named = namedClient(scan, [.fallback]) { return named }
        // Dalvik's own UA (Android's HTTP stack) whatever its comment looks like.
        if scan.order(.dalvik) == 1 { return ClientVerdict(name: "Android Browser", version: nil) }
        return .none
    }

    /// Clients named by two words, which the product scan splits: LG's TV browser and TV Bro.
    private static func productPhrase(_ scan: UserAgentScan) -> ClientVerdict? {
        let all = 0..<scan.bytes.count
        if scan.contains("LG Browser/", in: all) { return ClientVerdict(name: "LG Browser", version: nil) }
        if scan.startsWith("TV Bro/", at: 0, before: scan.bytes.count) {
            return ClientVerdict(name: "TV Bro", version: nil)
        }
        return nil
    }

    private static func opera(_ scan: UserAgentScan) -> ClientVerdict? {
        for token in operaTokens where scan.has(token) {
            return ClientVerdict(name: "Opera", version: scan.version(token))
        }
        if scan.has(.opera) {
            let version = scan.has(.version) ? scan.version(.version) : scan.version(.opera)
            return ClientVerdict(name: "Opera", version: version)
        }
        return nil
    }

    private static func internetExplorer(_ scan: UserAgentScan) -> ClientVerdict? {
        if scan.has(.trident) && scan.has(.rv) {
            return ClientVerdict(name: "Internet Explorer", version: scan.version(.rv))
        }
        if scan.has(.msie) { return ClientVerdict(name: "Internet Explorer", version: scan.version(.msie)) }
        return nil
    }

    private static func webKitBrowser(_ scan: UserAgentScan, system: String) -> ClientVerdict {
        let hasVersion = scan.has(.version)
        switch system {
        case "iOS", "iPadOS":
            // Matomo names any other iOS WebKit view (WKWebView, in-app pages) Mobile Safari, versionless.
            if hasVersion { return ClientVerdict(name: "Safari", version: scan.version(.version)) }
            if scan.has(.appleWebKit) || scan.has(.safari) { return ClientVerdict(name: "Safari", version: nil) }
        case "Android", "Fire OS":
            if scan.has(.dalvik) || (scan.has(.appleWebKit) && (hasVersion || scan.has(.safari))) {
                return ClientVerdict(name: "Android Browser", version: nil)
            }
        default:
            if scan.has(.blackBerry) && hasVersion {
                return ClientVerdict(name: "BlackBerry Browser", version: scan.version(.version))
            }
            if hasVersion && scan.has(.safari) { return ClientVerdict(name: "Safari", version: scan.version(.version)) }
        }
        return .none
    }
}
