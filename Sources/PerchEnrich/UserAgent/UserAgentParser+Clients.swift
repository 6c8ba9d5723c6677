extension UserAgentParser {
    /// Product names (lower case, before the `/`) of clients the browser rules have no token for,
    /// with the name Matomo's device-detector gives them, which Plausible stores as the browser.
    static let clientNames: [(product: String, client: UserAgentClient)] =
        named(.application, applications) + named(.mobileApp, mobileApps) + named(.leadingBrowser, leadingBrowsers)
        + named(.browser, browsers) + named(.fallback, fallbacks)

    private static func named(
        _ kind: UserAgentClient.Kind, _ entries: [(String, String)]
    ) -> [(product: String, client: UserAgentClient)] {
        entries.map { ($0.0, UserAgentClient(name: $0.1, kind: kind)) }
    }

    /// Feed readers, media players, PIM and peer-to-peer clients.
    private static let applications: [(String, String)] = [
        ("reeder", "Reeder"), ("netnewswire", "NetNewsWire"), ("akregator", "Akregator"),
        ("feeddlerrss", "Feeddler RSS Reader"), ("feeddlerpro", "Feeddler RSS Reader"), ("liferea", "Liferea"),
        ("feeddemon", "FeedDemon"), ("breaker", "Breaker"), ("newsbeuter", "Newsbeuter"), ("readkit", "ReadKit"),
        ("rssbandit", "RSS Bandit"), ("rssowl", "RSSOwl"), ("newsboat", "Newsboat"), ("playapod", "Playapod"),
        ("apple-pubsub", "Apple PubSub"), ("quiterss", "QuiteRSS"), ("newsblur", "NewsBlur"), ("pulp", "Pulp"),
        ("gpodder", "gPodder"), ("castero", "castero"), ("castget", "castget"), ("podpuppy", "PodPuppy"),
        ("bashpodder", "BashPodder"), ("sonos", "SONOS"), ("alexamediaplayer", "Alexa"), ("deezer", "Deezer"),
        ("com.google.android.youtube", "YouTube"), ("libvlc", "VLC"), ("nexplayer", "NexPlayer"), ("kodi", "Kodi"),
        ("quicktime", "QuickTime"), ("spotify", "Spotify"), ("itunes", "iTunes"), ("pandora", "Pandora"),
        ("mixerbox", "MixerBox"), ("xbmc", "XBMC"), ("juice", "Juice"), ("youviewhtml", "YouView"),
        ("flycast", "FlyCast"), ("substream", "SubStream"), ("stagefright", "Stagefright"),
        ("downcast", "Downcast"), ("kasts", "Kasts"), ("musicbee", "MusicBee"), ("audacious", "Audacious"),
        ("songbird", "Songbird"), ("nightingale", "Nightingale"), ("nsplayer", "Windows Media Player"),
        ("googlechirp", "Google Podcasts"), ("foobar2000", "Foobar2000"), ("mediago", "Sony Media Go"),
        ("just_audio", "Just Audio"), ("amarok", "Amarok"), ("hubhopper", "Hubhopper"),
        ("itunes-appletv", "Apple iTunes"), ("mpv", "mpv"), ("thunderbird", "Thunderbird"), ("postbox", "Postbox"),
        ("spicebird", "Spicebird"), ("iceape", "SeaMonkey"), ("utorrent", "uTorrent"), ("btwebclient", "uTorrent"),
    ]

    /// Desktop and mobile applications whose UA names them by a product of their own.
    private static let mobileApps: [(String, String)] = [
        ("word", "Microsoft Office Word"), ("excel", "Microsoft Office Excel"),
        ("powerpoint", "Microsoft Office PowerPoint"), ("onenote", "Microsoft Office OneNote"),
        ("microsoft-cryptoapi", "Windows CryptoAPI"),
        ("microsoft-delivery-optimization", "Windows Delivery Optimization"),
        ("androiddownloadmanager", "AndroidDownloadManager"), ("com.google.android.apps.searchlite", "Google Go"),
    ]

    /// Browsers whose UAs also carry `OPR`, `Opera`, `UCBrowser` or a Yandex app token: Yandex's
    /// search apps are the Yandex Browser for Matomo, Opera's TV builds are Opera Devices.
    private static let leadingBrowsers: [(String, String)] = [
        ("yaapp_android", "Yandex Browser"), ("yaapp_ios", "Yandex Browser"), ("yasearchbrowser", "Yandex Browser"),
        ("yasearchapp", "Yandex Browser"), ("yandexsearchbrowser", "Yandex Browser"),
        ("yandexsearch", "Yandex Browser"), ("omi", "Opera Devices"), ("tbrowser", "T-Browser"),
        ("opx", "Opera GX"), ("ucturbo", "UC Browser Turbo"),
    ]

    private static let browsers: [(String, String)] = [
        ("odin", "Odin"), ("phx", "Phoenix Browser"), ("mzbrowser", "Meizu Browser"),
        ("alohabrowser", "Aloha Browser"), ("baidubrowser", "Baidu Browser"), ("sraf", "Seraphic Sraf"),
        ("qtwebengine", "QtWebEngine"), ("sogoumobilebrowser", "Sogou Mobile Browser"), ("dolfin", "Dolphin"),
        ("pocketbook", "PocketBook Browser"), ("hbpc", "Huawei Browser"),
    ]

    /// Libraries, and browsers known only by a product other clients send too.
    private static let fallbacks: [(String, String)] = [
        ("matomotrackersdk", "MatomoTracker"), ("applecoremedia", "Apple Core Media"), ("got", "got"),
        ("filedownloader", "FileDownloader"), ("git-annex", "git-annex"), ("okhttp", "OkHttp"), ("wget", "Wget"),
        ("carrierwave", "CarrierWave"), ("deno", "Deno"), ("lavf", "ffmpeg"), ("http-tiny", "HTTP:Tiny"),
        ("gstreamer", "GStreamer"), ("libsoup", "libsoup"), ("reqwest", "reqwest"),
        ("resty-requests", "resty-requests"), ("undici", "undici"),
        ("google-http-java-client", "Google HTTP Java Client"),
        ("grequests", "GRequests"), ("fdm", "Free Download Manager"), ("safariviewservice", "Safari View Service"),
        ("symfony", "Symfony"), ("up.browser", "Openwave Mobile Browser"), ("maui", "MAUI WAP Browser"),
        ("obigo", "Obigo"), ("safari", "Safari"), ("mobilesafari", "Safari"),
    ]

    /// A product-less or unknown-product UA of an app: its first product is none of the browser
    /// tokens, and it runs on iOS, macOS's networking stack or Android (`CFNetwork`, `Darwin`, an
    /// iPhone or Android comment, Dalvik).
    static func isApplication(_ scan: UserAgentScan) -> Bool {
        guard !scan.firstProduct.isEmpty, !scan.firstProductIsToken else { return false }
        return scan.has(.cfNetwork) || scan.has(.darwin) || scan.has(.iOSDevice) || scan.has(.iPad)
            || scan.has(.android) || scan.has(.dalvik)
    }

    /// The client verdict for a client of `kind` the products name, if any.
    static func namedClient(_ scan: UserAgentScan, _ kinds: Set<UserAgentClient.Kind>) -> ClientVerdict? {
        guard let client = scan.client, kinds.contains(client.kind) else { return nil }
        if client.kind == .mobileApp { return .mobileApp }
        return ClientVerdict(name: client.name, version: scan.clientVersion)
    }
}
