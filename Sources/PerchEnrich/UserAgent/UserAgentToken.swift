/// The product names and comment words the user-agent rules look at. A UA is scanned once; each
/// token it contains records where its version sits (see `UserAgentScan`).
enum UserAgentToken: Int, CaseIterable {
    // Products (`Name/Version` outside parentheses).
    case mozilla, appleWebKit, gecko, chrome, chromium, headlessChrome, crios, edge, edgeLegacy, firefox, fxios
    case safari, version, mobile, opr, opiOS, opt, opera, operaMiniProduct, samsungBrowser, ucBrowser, yaBrowser
    case yaSearch, vivaldi, brave, duckDuckGo, silk, miuiBrowser, xiaomiBrowser, huaweiBrowser, whale, cocCoc
    case qqBrowser, baiduBox, quark, heyTap, vivoBrowser, puffin, netFront, nokiaBrowser
    case konqueror, presto, kaiOS, dalvik, mobileApp, googleApp, tvProduct, smartTVProduct, crKey, webOSProduct
    case tizenProduct, ieMobileProduct, maxthon, seamonkey, tabletProduct, darwin, androidProduct, cfNetwork
    // Comment words (parts of `( … ; … )`).
    case android, windowsNT, windowsPhone, windowsCE, windowsLegacy, iOSDevice, iPad, cpuOS, macOSX, macintosh
    case x11, linux, ubuntu, fedora, debian, crOS, webView, mobileFragment, tabletFragment, touch, kindle, msie
    case trident, rv, tizen, smartTV, webOS, blackBerry, symbian, j2me, playStation, nintendo, xbox
    case bravia, harmonyOS, freeBSD, operaMini, ieMobile, tvFragment, watch, appleTV, androidTV
    case amigaOS, beOS, haiku, sunOS, openBSD, netBSD, openVMS, featurePhone, carBrowser

    /// Lower-cased spellings that select a product token.
    static let productNames: [(String, UserAgentToken)] = [
        ("mozilla", .mozilla), ("applewebkit", .appleWebKit), ("gecko", .gecko), ("chrome", .chrome),
        ("chromium", .chromium), ("headlesschrome", .headlessChrome), ("crios", .crios), ("edg", .edge),
        ("edga", .edge), ("edgios", .edge), ("edge", .edgeLegacy), ("firefox", .firefox), ("fxios", .fxios),
        ("safari", .safari), ("version", .version), ("mobile", .mobile), ("opr", .opr), ("opios", .opiOS),
        ("opt", .opt), ("opera", .opera), ("mini", .operaMiniProduct), ("samsungbrowser", .samsungBrowser),
        ("ucbrowser", .ucBrowser), ("ucweb", .ucBrowser), ("yabrowser", .yaBrowser), ("yasearchbrowser", .yaSearch),
        ("vivaldi", .vivaldi), ("brave", .brave), ("duckduckgo", .duckDuckGo), ("ddg", .duckDuckGo), ("silk", .silk),
        ("miuibrowser", .miuiBrowser), ("xiaomi", .xiaomiBrowser), ("huaweibrowser", .huaweiBrowser),
        ("whale", .whale), ("coc_coc_browser", .cocCoc), ("qqbrowser", .qqBrowser), ("mqqbrowser", .qqBrowser),
        ("baiduboxapp", .baiduBox), ("quark", .quark), ("heytapbrowser", .heyTap), ("vivobrowser", .vivoBrowser),
        ("puffin", .puffin), ("netfront", .netFront), ("nokiabrowser", .nokiaBrowser), ("browserng", .nokiaBrowser),
        ("konqueror", .konqueror), ("presto", .presto), ("kaios", .kaiOS), ("dalvik", .dalvik), ("gsa", .googleApp),
        ("fban", .mobileApp), ("fbav", .mobileApp), ("fb_iab", .mobileApp), ("fbios", .mobileApp),
        ("instagram", .mobileApp), ("twitter", .mobileApp), ("twitterandroid", .mobileApp), ("line", .mobileApp),
        ("whatsapp", .mobileApp), ("micromessenger", .mobileApp), ("yaapp_android", .mobileApp),
        ("yaapp_ios", .mobileApp), ("snapchat", .mobileApp), ("pinterest", .mobileApp), ("musical_ly", .mobileApp),
        ("bytedancewebview", .mobileApp), ("tv", .tvProduct), ("smarttv", .smartTVProduct),
        ("hbbtv", .smartTVProduct), ("smart-tv", .smartTVProduct), ("crkey", .crKey), ("web0s", .webOSProduct),
        ("vizios", .smartTVProduct), ("webappmanager", .webOSProduct), ("netcast", .webOSProduct),
        ("tizen", .tizenProduct), ("iemobile", .ieMobileProduct), ("maxthon", .maxthon), ("seamonkey", .seamonkey),
        ("tablet", .tabletProduct), ("up.browser", .featurePhone), ("tesla", .carBrowser),
        ("qtcarbrowser", .carBrowser), ("wap-browser", .featurePhone), ("docomo", .featurePhone),
        ("up", .featurePhone), ("mmp", .featurePhone), ("obigo", .featurePhone), ("maui", .featurePhone),
        ("darwin", .darwin), ("cfnetwork", .cfNetwork), ("android", .androidProduct), ("profile", .j2me),
        ("configuration", .j2me),
        ("midp", .j2me),
    ]

    /// Lower-cased first words (up to a space, `/` or `:`) that select a comment token.
    static let commentWords: [(String, UserAgentToken)] = [
        ("android", .android), ("adr", .android), ("windows", .windowsNT), ("iphone", .iOSDevice),
        ("ipod", .iOSDevice), ("ipad", .iPad), ("cpu", .cpuOS), ("intel", .macOSX), ("ppc", .macOSX),
        ("mac", .macOSX), ("macintosh", .macintosh), ("mac_powerpc", .macintosh), ("x11", .x11), ("linux", .linux),
        ("ubuntu", .ubuntu), ("fedora", .fedora), ("debian", .debian), ("cros", .crOS), ("wv", .webView),
        ("mobile", .mobileFragment), ("tablet", .tabletFragment), ("touch", .touch), ("msie", .msie),
        ("trident", .trident), ("rv", .rv), ("tizen", .tizen), ("smart-tv", .smartTV), ("smarttv", .smartTV),
        ("web0s", .webOSProduct), ("webos", .webOS), ("blackberry", .blackBerry), ("bb10", .blackBerry),
        ("symbianos", .symbian), ("symbian", .symbian), ("series60", .symbian), ("j2me", .j2me),
        ("playstation", .playStation), ("nintendo", .nintendo), ("xbox", .xbox), ("bravia", .bravia),
        ("harmonyos", .harmonyOS), ("openharmony", .harmonyOS), ("freebsd", .freeBSD), ("opera", .operaMini),
        ("iemobile", .ieMobile), ("tv", .tvFragment), ("crkey", .crKey), ("kaios", .kaiOS), ("wv-atv", .androidTV),
        ("atv", .androidTV), ("win10", .windowsLegacy), ("win7", .windowsLegacy), ("amigaos", .amigaOS),
        ("beos", .beOS), ("haiku", .haiku), ("sunos", .sunOS), ("openbsd", .openBSD), ("netbsd", .netBSD),
        ("openvms", .openVMS), ("brew", .featurePhone), ("java", .j2me), ("wds", .windowsPhone),
        ("zunewp7", .windowsPhone), ("xblwp7", .windowsPhone), ("rex", .featurePhone),
        ("watch", .watch), ("appletv", .appleTV), ("kfapwi", .kindle), ("kfthwi", .kindle), ("kfsowi", .kindle),
        ("kfjwi", .kindle), ("kfot", .kindle), ("kftt", .kindle), ("kfmewi", .kindle), ("kffowi", .kindle),
        ("kfgiwi", .kindle), ("kfarwi", .kindle), ("kfsawi", .kindle), ("kfaswi", .kindle), ("kfdowi", .kindle),
        ("kfauwi", .kindle), ("kfkawi", .kindle), ("kfmuwi", .kindle), ("kfsuwi", .kindle), ("kftrwi", .kindle),
        ("kfmawi", .kindle), ("kfonwi", .kindle), ("kfrawi", .kindle), ("kfquwi", .kindle), ("kftbwi", .kindle),
    ]
}
