/// The attributes a session takes from its first event and copies onto every later event row:
/// acquisition (referrer, source, UTM, click id, channel), geography and device.
package struct VisitAttributes: Sendable, Hashable {
    package var referrer: String = ""
    package var referrerSource: String = ""
    package var utmMedium: String = ""
    package var utmSource: String = ""
    package var utmCampaign: String = ""
    package var utmContent: String = ""
    package var utmTerm: String = ""
    package var clickIDParam: String = ""
    package var acquisitionChannel: String = ""
    package var countryCode: String = ""
    package var subdivision1Code: String = ""
    package var subdivision2Code: String = ""
    package var cityGeonameID: UInt32 = 0
    package var screenSize: String = ""
    package var operatingSystem: String = ""
    package var operatingSystemVersion: String = ""
    package var browser: String = ""
    package var browserVersion: String = ""

    package init() {}
}
