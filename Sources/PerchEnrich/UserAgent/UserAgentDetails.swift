/// The User-Agent derived visit fields, named and spelled as Plausible stores them (spec §11).
/// Every field is `""` when unknown.
package struct UserAgentDetails: Sendable, Hashable {
    /// Client name after Plausible's mappings (`Chrome`, `Safari`, `Mobile App`, …).
    package var browser: String
    /// The client version's first two dot components (`70.0`); `""` for mobile apps.
    package var browserVersion: String
    /// Operating system as Matomo names it (`Mac`, `Windows`, `GNU/Linux`, …).
    package var operatingSystem: String
    /// Major.minor of the OS version (`10.13`, `10` for Windows NT 10.0).
    package var operatingSystemVersion: String
    /// `Mobile`, `Tablet` or `Desktop`, from the device type the UA implies.
    package var screenSize: String

    package init(
        browser: String = "",
        browserVersion: String = "",
        operatingSystem: String = "",
        operatingSystemVersion: String = "",
        screenSize: String = ""
    ) {
        self.browser = browser
        self.browserVersion = browserVersion
        self.operatingSystem = operatingSystem
        self.operatingSystemVersion = operatingSystemVersion
        self.screenSize = screenSize
    }

    /// No field known: what a missing or unrecognisable User-Agent yields.
    package static let unknown = UserAgentDetails()
}
