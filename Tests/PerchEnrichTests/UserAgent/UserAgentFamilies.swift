/// Test-side groupings that let our output be compared with the oracle corpora: Matomo's browser and
/// OS families (mirroring device-detector's family lists for the names the parser emits) and the
/// fake-useragent (ua-parser) spellings translated to Plausible's.
enum UserAgentFamilies {
    static func browserFamily(_ browser: String) -> String {
        switch browser {
        case "Chrome", "Chromium", "Headless Chrome", "Samsung Browser", "Vivaldi", "Brave",
            "DuckDuckGo Privacy Browser", "Mobile Silk", "Mi Browser", "Huawei Browser", "Whale Browser", "Coc Coc",
            "Quark", "HeyTapBrowser", "Puffin Web Browser", "Huawei Browser Mobile", "Odin", "Phoenix Browser",
            "Aloha Browser", "QtWebEngine", "Seraphic Sraf":
            "Chrome"
        case "Firefox": "Firefox"
        case "Internet Explorer", "IE Mobile", "Microsoft Edge": "Internet Explorer"
        case "Opera", "Opera Devices", "Opera GX": "Opera"
        case "Safari": "Safari"
        case "Android Browser", "NetFront", "Nokia Browser", "Konqueror", "BlackBerry Browser": browser
        default: ""
        }
    }

    static func osFamily(_ system: String) -> String {
        switch system {
        case "Android", "HarmonyOS", "Fire OS": "Android"
        case "iOS", "iPadOS", "watchOS", "tvOS": "iOS"
        case "Windows Phone", "Windows CE", "Windows RT": "Windows Mobile"
        case "Ubuntu", "Fedora", "Debian", "GNU/Linux": "GNU/Linux"
        case "KaiOS", "Firefox OS": "Firefox OS"
        case "Tizen", "webOS": "Other Mobile"
        case "BlackBerry OS": "BlackBerry"
        case "Symbian OS": "Symbian"
        case "Java ME": "Real-time OS"
        case "PlayStation", "Nintendo": "Gaming Console"
        case "FreeBSD", "OpenBSD", "NetBSD", "Solaris": "Unix"
        case "Haiku OS": "BeOS"
        default: system
        }
    }

    /// §11's folding of Matomo device types into `screen_size`.
    static func screenSize(deviceType: String) -> String {
        switch deviceType {
        case "smartphone", "feature phone", "portable media player", "phablet", "wearable", "camera": "Mobile"
        case "car browser", "tablet": "Tablet"
        case "tv", "console", "desktop": "Desktop"
        default: ""
        }
    }

    /// fake-useragent's ua-parser browser names as Plausible would store them. The iOS WebKit views
    /// (`Mobile Safari UI/WKWebView`, `Apple Mail`) are what Matomo reads as versionless Mobile Safari.
    static func fakeUserAgentBrowser(_ name: String) -> String {
        switch name {
        case "Mobile Safari", "Mobile Safari UI/WKWebView", "Apple Mail": "Safari"
        case "Chrome Mobile", "Chrome Mobile iOS": "Chrome"
        case "Edge", "Edge Mobile": "Microsoft Edge"
        case "Firefox Mobile", "Firefox iOS": "Firefox"
        case "Opera Mobile", "Opera Mini": "Opera"
        case "Samsung Internet": "Samsung Browser"
        case "Amazon Silk": "Mobile Silk"
        case "DuckDuckGo Mobile": "DuckDuckGo Privacy Browser"
        case "Google", "Facebook", "Instagram", "Twitter", "LINE": "Mobile App"
        default: name
        }
    }

    static func fakeUserAgentSystem(_ name: String) -> String {
        switch name {
        case "Mac OS X": "Mac"
        case "Linux": "GNU/Linux"
        default: name
        }
    }
}

extension UserAgentFamilies {
    /// A Matomo fixture's browser family as Plausible would see it: `Unknown` is no family, and
    /// §11 folds Chrome Webview and every mobile-app client into `Mobile App`, which has no family.
    static func matomoBrowserFamily(_ row: [String: Any]) -> String {
        let family = row["browser_family"] as? String ?? ""
        if family == "Unknown" || row["client_name"] as? String == "Chrome Webview"
            || row["client_type"] as? String == "mobile app"
        {
            return ""
        }
        return family
    }
}

extension UserAgentFamilies {
    /// A Matomo fixture's browser column as Plausible stores it (`Ingestion.Event.browser_name`,
    /// read from Plausible's source): no client is empty; the mobile spellings of Safari, Chrome,
    /// Firefox, Opera and Yandex are folded into the desktop names; Chrome Webview and every
    /// `mobile app` client are `Mobile App`; any other client (browser, feed reader, media player,
    /// PIM, library) is its own name.
    static func plausibleBrowser(_ row: [String: Any]) -> String {
        let name = row["client_name"] as? String ?? ""
        let type = row["client_type"] as? String ?? ""
        switch name {
        case "", "Unknown": return ""
        case "Mobile Safari": return "Safari"
        case "Chrome Mobile", "Chrome Mobile iOS": return "Chrome"
        case "Firefox Mobile", "Firefox Mobile iOS": return "Firefox"
        case "Opera Mobile", "Opera Mini", "Opera Mini iOS": return "Opera"
        case "Yandex Browser Lite": return "Yandex Browser"
        case "Chrome Webview": return "Mobile App"
        default: return type == "mobile app" ? "Mobile App" : name
        }
    }
}
