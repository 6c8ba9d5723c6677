extension UserAgentParser {
    /// Model names that reveal the hardware where the `Mobile` keyword would mislead: generic
    /// naming conventions (tablet lines, TV "Shell" chassis, set-top boxes, panel sizes and types).
    static func modelHint(_ scan: UserAgentScan) -> String? {
        if scan.has(.androidTV) { return "Desktop" }
        let model = scan.model
        if model.isEmpty { return yandexTabletMarker(scan) ? "Tablet" : nil }
        if scan.containsAny(televisionMarkers, in: model) { return "Desktop" }
        if scan.startsWith("AFT", at: model.lowerBound, before: model.upperBound) || namesScreenSize(scan, model)
            || namesLEDPanel(scan, model) || scan.startsWithAny(desktopLines, in: model)
        {
            return "Desktop"
        }
        if scan.containsAny(tabletMarkers, in: model) { return "Tablet" }
        if scan.startsWithAny(tabletLines, in: model) { return "Tablet" }
        if yandexTabletMarker(scan) { return "Tablet" }
        return nil
    }

    /// When no rule decided, a device name elsewhere in the UA (app and podcast clients put
    /// `iPhone14,2`, `iPad` or `Watch` in their own product tokens) still tells the category.
    static func deviceNamedAnywhere(_ scan: UserAgentScan) -> String {
        let whole = 0..<scan.bytes.count
        if scan.containsAny(tabletNames, in: whole) { return "Tablet" }
        if scan.containsAny(handheldNames, in: whole) { return "Mobile" }
        if scan.containsAny(stationaryNames, in: whole) { return "Desktop" }
        return ""
    }

    private static let tabletNames = UserAgentMarkers(["iPad", "PocketBook", "Tablet"])
    private static let handheldNames = UserAgentMarkers(["iPh", "iPod", "Watch"])
    /// TV platforms, consoles, Macs and Windows PCs as media players and app SDKs name them, plus
    /// Matomo's `Desktop` fragment.
    private static let stationaryNames = UserAgentMarkers([
        "SmartTV", "Smart-TV", "HbbTV", "Viera", "Roku", "Apple TV", "AppleTV", "Amazon;AFT", "PlayStation", "Xbox",
        "Nintendo", "Desktop", "MacBook", "iMac", "Macintosh", "Windows NT",
    ])
    private static let televisionMarkers = UserAgentMarkers([
        " TV", "TV ", "_TV", "SmartTV", "Box", "Shell", "Stick", "STB", " 4K", "Player", "AndroidTV", "MiTV",
        "SHIELD", "Chromecast", "Chromebook", "A95X", "X96", "H96", "T95", "MXQ", "TX3", "TX6", "M8S", "Ugoos",
        "Zidoo", "Vontar", "Beelink", "MECOOL",
    ])
    /// Openings of set-top box and TV lines (box makers, operator boxes) and of laptop lines that
    /// run Android builds; none of them send a TV marker.
    private static let desktopLines = UserAgentMarkers([
        "NEXBOX", "NEXON", "iconBIT", "VORKE", "pendoo", "Tanix", "Transpeed", "YUNDOO", "HK1", "NEO-X", "NEO-U",
        "MK80", "MK90", "RKM ", "Orbsmart", "Rombica", "Selenga", "Technosat", "OzoneHD", "EVPAD", "GTKing",
        "Formuler", "MAG3", "MAG4", "MAG5", "Vega S9", "Ugoos", "X88", "TX5", "TX9", "Dolamee", "INVIN", "KM5", "KM6",
        "KM9", "Polar_", "POLAR_W", "POLAR_K", "TDTV", "TopDevice", "Perfeo", "Kraft", "Skystream", "MECOOL",
        "Dune HD", "Zappiti", "Inspiron", "Latitude", "Vostro", "TravelMate", "Aspire", "Satellite", "HP EliteBook",
        "LIFEBOOK", "HP Compaq", "NUC",
    ])
    private static let tabletMarkers = UserAgentMarkers(["SM-T", "SM-X", "SM-P", "Tab", "Pad", "TB-", "TB3-"])
    /// Model-number prefixes of well-known tablet lines (Samsung, Huawei, Lenovo, Sony, Acer, Asus,
    /// Prestigio, BQ, Digma, teXet, Readboy, Google, HP, generic MIDs), which mostly send `Mobile`
    /// like phones do.
    private static let tabletLines = UserAgentMarkers([
        "GT-P", "GT-N5", "GT-N8", "SGP", "AGS", "BAH", "KOB", "JDN", "BTV", "CMR", "SCM", "DBY", "MRX", "YT-",
        "KF", "P00", "P01", "P02", "K00", "K01", "B1-", "A1-", "A3-", "PMT", "PMP", "BQ-7", "BQ-1", "BQru-1",
        "MID", "Nexus 7", "Nexus 9", "Nexus 10", "Transformer", "Optima", "Plane", "iPlay",
        "TZ1", "TZ7", "TZ8", "TZ9", "Readboy", "Pixel C", "Slate",
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

    /// TV model numbers carry the panel size in inches, then a series code: `43F520T`, `H32H8000K`,
    /// `EX-32HS006B`, `BRAND_43NM6000F`. The size opens the model, a segment, or follows a one-letter
    /// brand prefix, and a capital letter plus at least three more code characters must follow.
    private static func namesScreenSize(_ scan: UserAgentScan, _ model: Range<Int>) -> Bool {
        let bytes = scan.bytes
        var index = model.lowerBound
        while index + 3 <= model.upperBound {
            let opensSegment =
                index == model.lowerBound
                || (index == model.lowerBound + 1 && isCapital(bytes[model.lowerBound]))
                || bytes[index - 1] == UInt8(ascii: "-") || bytes[index - 1] == UInt8(ascii: "_")
                || bytes[index - 1] == UInt8(ascii: " ")
            if opensSegment, UserAgentScan.isDigit(bytes[index]), UserAgentScan.isDigit(bytes[index + 1]),
                isCapital(bytes[index + 2]), isPanelSize(bytes[index], bytes[index + 1]),
                seriesCodeLength(bytes, from: index + 2, before: model.upperBound) >= minimumCode(index, model)
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// A size opening the model needs only a four-character model; elsewhere the code must be longer,
    /// since phone numbers such as `SC-55C` also embed these digits.
    private static func minimumCode(_ index: Int, _ model: Range<Int>) -> Int {
        index != model.lowerBound ? 4 : model.count >= 4 ? 1 : Int.max
    }

    private static func seriesCodeLength(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int {
        var index = start
        while index < end, isCapital(bytes[index]) || UserAgentScan.isDigit(bytes[index]) { index += 1 }
        return index - start
    }

    private static func isPanelSize(_ tens: UInt8, _ ones: UInt8) -> Bool {
        switch Int(tens - 0x30) * 10 + Int(ones - 0x30) {
        case 24, 32, 39, 40, 42, 43, 48, 49, 50, 55, 58, 65, 70, 75, 85: true
        default: false
        }
    }

    /// `LED` in capitals names a TV panel (`DM-LED43…`, `H-LED50…`) when it opens a segment or a
    /// size follows it; inside a word (`MLLED`) it is a brand.
    private static func namesLEDPanel(_ scan: UserAgentScan, _ model: Range<Int>) -> Bool {
        let bytes = scan.bytes
        var index = model.lowerBound
        while index + 3 <= model.upperBound {
            if bytes[index] == UInt8(ascii: "L"), bytes[index + 1] == UInt8(ascii: "E"),
                bytes[index + 2] == UInt8(ascii: "D")
            {
                let opensSegment = index == model.lowerBound || !isLetter(bytes[index - 1])
                let sizeFollows = index + 3 < model.upperBound && UserAgentScan.isDigit(bytes[index + 3])
                if opensSegment && index > model.lowerBound || sizeFollows { return true }
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func isCapital(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
}
