/// The page query parameters acquisition reads (spec §4.3), picked out in one pass over the pairs.
/// As with `FormParameters`' subscript, a key's last occurrence wins and a key without `=` counts
/// as present with the value `""`.
struct TaggedQuery {
    /// The click-id parameters, in the order `click_id_param` prefers them.
    static let clickIDs = ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "twclid"]

    var utmSource: String?
    var source: String?
    var ref: String?
    var utmMedium: String?
    var utmCampaign: String?
    var utmContent: String?
    var utmTerm: String?
    /// Bit `i` set when `clickIDs[i]` is present.
    private var clickIDMask: UInt8 = 0

    init(_ query: FormParameters) {
        for pair in query.pairs {
            // Keys are told apart by length first, so most pairs cost a few comparisons at most.
            let key = pair.key
            switch key.utf8.count {
            case 3:
                if key == "ref" { ref = pair.value }
            case 5:
                if key == "gclid" { clickIDMask |= 1 << 0 }
            case 6:
                if key == "source" {
                    source = pair.value
                } else if key == "gbraid" {
                    clickIDMask |= 1 << 1
                } else if key == "wbraid" {
                    clickIDMask |= 1 << 2
                } else if key == "fbclid" {
                    clickIDMask |= 1 << 4
                } else if key == "twclid" {
                    clickIDMask |= 1 << 5
                }
            case 7:
                if key == "msclkid" { clickIDMask |= 1 << 3 }
            case 8:
                if key == "utm_term" { utmTerm = pair.value }
            case 10:
                if key == "utm_source" {
                    utmSource = pair.value
                } else if key == "utm_medium" {
                    utmMedium = pair.value
                }
            case 11:
                if key == "utm_content" { utmContent = pair.value }
            case 12:
                if key == "utm_campaign" { utmCampaign = pair.value }
            default:
                break
            }
        }
    }

    /// The first of `clickIDs` present, or `""`.
    var clickIDParam: String {
        clickIDMask == 0 ? "" : Self.clickIDs[clickIDMask.trailingZeroBitCount]
    }
}
