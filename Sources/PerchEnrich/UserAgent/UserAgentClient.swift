/// A client named by one of its products that the browser rules have no token for: feed readers,
/// media players, PIM and library clients (named as Matomo names them, which Plausible stores as
/// the browser), browsers of their own, and mobile apps (stored as `Mobile App`).
struct UserAgentClient: Sendable, Equatable {
    /// When the client is tried, after Matomo's order of client parsers: feed readers, mobile
    /// apps, media players and PIM clients before browsers; libraries after them.
    enum Kind: Int, Sendable {
        /// A feed reader, media player or PIM client: named before any browser is looked for.
        case application
        /// An app Plausible stores as `Mobile App`, before any browser too.
        case mobileApp
        /// A browser whose UA also names Opera, Edge or an app token it must win over.
        case leadingBrowser
        /// A browser tried with the other named browsers, before Chrome and Safari.
        case browser
        /// A library, or a browser known only by a token others carry too: named when no other
        /// rule names a client.
        case fallback

        /// Lower is tried first; among one kind the first named in the UA wins.
        var precedence: Int { rawValue }
    }

    let name: String
    let kind: Kind
}
