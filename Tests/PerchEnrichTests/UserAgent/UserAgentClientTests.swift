import PerchEnrich
import Testing

/// Clients that are not browsers get Plausible's labels (issue 10, item 6): `Mobile App` for mobile
/// apps, the client's own name (as Matomo names it) for feed readers, media players, PIM and
/// library clients; Yandex's search apps are the Yandex Browser; Amazon devices run Fire OS.
@Suite("User-agent parser: non-browser clients")
struct UserAgentClientTests {
    let parser = UserAgentParser()

    @Test(arguments: [
        ("Reeder/1010.79.00 CFNetwork/520.4.3 Darwin/11.4.0 (x86_64) (MacBookPro4%2C1)", "Reeder"),
        ("Liferea/1.10-RC1 (Linux; en_GB.UTF-8; http://liferea.sf.net/)", "Liferea"),
        ("Linux UPnP/1.0 Sonos/54.2-72031 (MDCR_MacBookPro14,1)", "SONOS"),
        ("Kodi/20.2 (Linux; Android 7.1.2; H96 PRO+ Build/NHG47L) Android/7.1.2 Sys_CPU/aarch64", "Kodi"),
        ("Mozilla/5.0 (X11; Linux i686; rv:17.0) Gecko/20130330 Thunderbird/17.0.5", "Thunderbird"),
        ("okhttp/2.7.5", "OkHttp"),
        ("Darwin/24.5.0 (Watch7,8; watchOS 11.4) MatomoTrackerSDK/7.7.0", "MatomoTracker"),
        ("Anghami/502044 CFNetwork/1206 Darwin/20.1.0", "Mobile App"),
        ("Liulo/1.1.4 (iPhone; iOS 12.5.6; Scale/2.00)", "Mobile App"),
        ("AndroidDownloadManager/4.1.1 (Linux; U; Android 4.1.1; MB886 Build/9.8.0Q-97_MB886_FFW-20)", "Mobile App"),
        (
            "Microsoft Office Word/16.70.212 (Mac OS/13.2.1; Desktop; de-DE; AppStore; Apple/Mac14,3)",
            "Mobile App"
        ),
        (
            "Mozilla/5.0 (Linux; arm_64; Android 10; AirTouch PERFORMANCE 10x) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.6099.533 YaSearchBrowser/24.17/apad BroPP/1.0 YaSearchApp/24.17/apad webOmni SA/3",
            "Yandex Browser"
        ),
        (
            "Mozilla/5.0 (Linux; Andr0id 10; BRAVIA VH1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/84.0.4147.125 "
                + "Safari/537.36 OPR/46.0.2207.0 OMI/4.21.0.273.DIA6.199 Model/Sony-BRAVIA-VH1",
            "Opera Devices"
        ),
        (
            "Dalvik/2.1.0 (Linux## U## Android 7.1.1## Acer Chromebook R11 (CB5-132T / C738T) Build/R63)",
            "Android Browser"
        ),
        // Ordinary browsers keep their names.
        ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox"),
    ])
    func clientNames(userAgent: String, browser: String) {
        #expect(parser.parse(userAgent).browser == browser)
    }

    @Test(arguments: [
        (
            "Mozilla/5.0 (Linux; Android 9; AFTLBT962E2) AppleWebKit/537.36 (KHTML, like Gecko) Silk/118.3.1 "
                + "like Chrome/118.0.5993.155 Safari/537.36",
            "7"
        ),
        (
            "Mozilla/5.0 (Linux; Android 5.1.1; KFGIWI Build/LVY48F) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Silk/74.3.12 like Chrome/74.0.3729.157 Safari/537.36", "5"
        ),
    ])
    func amazonDevicesRunFireOS(userAgent: String, version: String) {
        let details = parser.parse(userAgent)
        #expect(details.operatingSystem == "Fire OS")
        #expect(details.operatingSystemVersion == version)
    }
}
