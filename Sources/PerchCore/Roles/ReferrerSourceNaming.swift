/// Names the source of a referral (spec §4.2): the known name of a referrer host and the canonical
/// spelling of a tagged source. A built-in table answers when no referrer-sources data set is loaded.
package protocol ReferrerSourceNaming: Sendable {
    /// The known source name for a referrer host (www-stripped, `android-app://` prefix kept), or nil.
    func knownName(host: String) -> String?

    /// The canonical spelling of a candidate source name, or the candidate unchanged when unknown.
    func canonical(_ candidate: String) -> String
}
