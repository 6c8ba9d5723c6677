import PerchEnrich
import Testing

/// The device-category hints read from model names and from device names outside the comment.
/// The UAs are made up to exercise one convention each.
@Suite("User-agent device hints")
struct UserAgentDeviceHintTests {
    let parser = UserAgentParser()

    private static func android(_ model: String, mobile: Bool = false) -> String {
        "Mozilla/5.0 (Linux; Android 11; \(model) Build/RP1A.200720.011; wv) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Version/4.0 Chrome/110.0.0.0 \(mobile ? "Mobile " : "")Safari/537.36"
    }

    @Test(arguments: [
        ("ACME_43UX5000F", "Desktop"),  // panel size after a segment break, long series code
        ("Q55KR9000", "Desktop"),  // one-letter prefix, then the size
        ("65QLED900X", "Desktop"),  // size opening the model
        ("ZZ-LED40F100", "Desktop"),  // LED panel segment
        ("ZX-55C", "Mobile"),  // size digits with too short a code stay a phone
        ("MLLED M9", "Mobile"),  // LED inside a brand word is no panel
        ("Inspiron 9999", "Desktop"),  // laptop line
        ("HK1 ULTRA", "Desktop"),  // set-top box line
    ])
    func modelNamesDecideTheCategory(model: String, expected: String) {
        #expect(parser.parse(Self.android(model, mobile: true)).screenSize == expected)
    }

    @Test func sizeDigitsInsideANumberAreNoPanel() {
        // `2312ABC50X`-style phone numbers embed a size behind other digits.
        #expect(parser.parse(Self.android("2399XYZ50QG", mobile: true)).screenSize == "Mobile")
    }

    @Test(arguments: [
        ("SomeApp/1.2 iOS/17.0 (iPhone15,3)", "Mobile"),
        ("Podcatcher/3.0 hw/iPod9_1", "Mobile"),
        ("ReaderApp/2.0 CFNetwork/1410 Darwin/22.0.0 iPad13,4", "Tablet"),
        ("Tracker for Apple Watch", "Mobile"),
        ("StreamApp/4.1 (ReaderTablet 10)", "Tablet"),
        ("MediaPlayer/2.0 RokuOS/11.5", "Desktop"),
        ("DocsApp/16.0 (Desktop; Desktop app)", "Desktop"),
        ("SomeApp/1.0 (unknown device)", ""),
    ])
    func devicesNamedOutsideTheCommentFillAnUnknownCategory(ua: String, expected: String) {
        #expect(parser.parse(ua).screenSize == expected)
    }
}
