import PerchEnrich
import Testing

private func fixture(_ name: String) -> String {
    let file = "\(#filePath)"
    return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures/" + name
}

/// One visit's inputs and the channel spec §4.4 gives it.
struct ChannelCase: Sendable, CustomTestStringConvertible {
    var source = ""
    var medium = ""
    var campaign = ""
    var tagged = ""
    var clickID = ""
    var channel: String

    var testDescription: String { "\(channel): \(source)/\(medium)/\(campaign)/\(tagged)/\(clickID)" }
}

@Suite("AcquisitionChannelClassifier")
struct AcquisitionChannelClassifierTests {
    static let classifier = AcquisitionChannelClassifier()

    static let cases: [ChannelCase] = [
        // 1. Cross-network wins over every other signal.
        ChannelCase(
            source: "Google", medium: "cpc", campaign: "Summer-Cross-Network", clickID: "gclid",
            channel: "Cross-network"),
        // 2. Display comes before the paid rules in the SQL, so `cpm` is Display even for Google.
        ChannelCase(medium: "display", channel: "Display"),
        ChannelCase(source: "Google", medium: "CPM", channel: "Display"),
        ChannelCase(source: "Facebook", medium: "banner", channel: "Display"),
        // 3. Paid Shopping.
        ChannelCase(source: "amazon", medium: "cpc", channel: "Paid Shopping"),
        ChannelCase(medium: "ppc", campaign: "summer_shop", channel: "Paid Shopping"),
        // 4. Paid Search.
        ChannelCase(source: "Google", clickID: "gclid", channel: "Paid Search"),
        ChannelCase(source: "Bing", clickID: "msclkid", channel: "Paid Search"),
        ChannelCase(source: "DuckDuckGo", medium: "cpc", channel: "Paid Search"),
        ChannelCase(source: "Google", tagged: "adwords", channel: "Paid Search"),
        ChannelCase(source: "Google", tagged: "Google-Ads", channel: "Paid Search"),
        // 5. Paid Social.
        ChannelCase(source: "Facebook", medium: "cpc", channel: "Paid Social"),
        ChannelCase(source: "Facebook", tagged: "fb-ads", channel: "Paid Social"),
        ChannelCase(source: "Instagram", medium: "paid_social", channel: "Paid Social"),
        // 6. Paid Video.
        ChannelCase(source: "Youtube", medium: "cpc", channel: "Paid Video"),
        ChannelCase(source: "Youtube", tagged: "yt-ads", channel: "Paid Video"),
        // 7. Paid Other.
        ChannelCase(source: "example.com", medium: "retargeting", channel: "Paid Other"),
        ChannelCase(medium: "paid", channel: "Paid Other"),
        ChannelCase(source: "Newsletter", medium: "cpc", channel: "Paid Other"),
        // 8. Organic Shopping.
        ChannelCase(source: "Amazon", channel: "Organic Shopping"),
        ChannelCase(source: "temu.com", channel: "Organic Shopping"),
        ChannelCase(campaign: "eshop-promo", channel: "Organic Shopping"),
        ChannelCase(source: "example.com", campaign: "Shopping-week", channel: "Organic Shopping"),
        // 9. Organic Social.
        ChannelCase(source: "Facebook", channel: "Organic Social"),
        ChannelCase(medium: "social", channel: "Organic Social"),
        ChannelCase(source: "example.com", medium: "Social Media", channel: "Organic Social"),
        ChannelCase(source: "Hacker News", channel: "Organic Social"),
        ChannelCase(source: "GitHub", channel: "Organic Social"),
        ChannelCase(source: "Google", medium: "social", clickID: "fbclid", channel: "Organic Social"),
        // 10. Organic Video.
        ChannelCase(source: "Youtube", channel: "Organic Video"),
        ChannelCase(source: "Google", medium: "video-ad", channel: "Organic Video"),
        // 11. Organic Search.
        ChannelCase(source: "Google", channel: "Organic Search"),
        ChannelCase(source: "Google", clickID: "msclkid", channel: "Organic Search"),
        ChannelCase(source: "Yahoo!", channel: "Organic Search"),
        ChannelCase(source: "Ecosia", channel: "Organic Search"),
        ChannelCase(source: "DuckDuckGo", channel: "Organic Search"),
        ChannelCase(source: "Google", medium: "email", channel: "Organic Search"),
        // 12. Email.
        ChannelCase(source: "Gmail", channel: "Email"),
        ChannelCase(source: "newsletter", tagged: "newsletter", channel: "Email"),
        ChannelCase(source: "example.com", medium: "E-Mail", channel: "Email"),
        ChannelCase(tagged: "Weekly_Newsletter", channel: "Email"),
        ChannelCase(medium: "e mail", channel: "Email"),
        // 13–15. Affiliates, Audio, SMS.
        ChannelCase(source: "example.com", medium: "affiliate", channel: "Affiliates"),
        ChannelCase(medium: "audio", channel: "Audio"),
        ChannelCase(source: "sms", tagged: "sms", channel: "SMS"),
        ChannelCase(medium: "SMS", channel: "SMS"),
        // 16. Mobile push notifications.
        ChannelCase(medium: "web-push", channel: "Mobile Push Notifications"),
        ChannelCase(medium: "mobile", channel: "Mobile Push Notifications"),
        ChannelCase(source: "example.com", medium: "notification-centre", channel: "Mobile Push Notifications"),
        ChannelCase(source: "Firebase", channel: "Mobile Push Notifications"),
        // 17. Referral.
        ChannelCase(source: "example.com", channel: "Referral"),
        ChannelCase(medium: "referral", channel: "Referral"),
        ChannelCase(medium: "app", channel: "Referral"),
        ChannelCase(source: "Outlook.com", channel: "Referral"),
        ChannelCase(medium: "link", campaign: "workshop", channel: "Referral"),
        // 18. Direct.
        ChannelCase(channel: "Direct"),
        ChannelCase(medium: "something", campaign: "bishop", channel: "Direct"),
        ChannelCase(clickID: "gclid", channel: "Direct"),
    ]

    @Test(arguments: cases)
    func classifies(_ visit: ChannelCase) {
        let channel = Self.classifier.channel(
            referrerSource: visit.source, utmMedium: visit.medium, utmCampaign: visit.campaign,
            utmSource: visit.tagged, clickIDParam: visit.clickID
        )
        #expect(channel == visit.channel)
    }

    @Test(arguments: [
        ("google shopping", SourceCategory.shopping), ("igshopping", .shopping), ("blogspot.com", .social),
        ("43things", .social), ("43things.com", .social), ("google+", .social), ("vimeo.com", .video),
        ("uk.search.yahoo.com", .search), ("yahoo!", .search), ("gmail", .email), ("hacker news", .social),
        ("microsoft teams", .social), ("chatgpt.com", .search), ("temu.com", .shopping), ("t.me", .social),
    ])
    func categoryTable(source: String, category: SourceCategory) {
        #expect(Self.classifier.category(of: source) == category)
    }

    @Test(arguments: ["", "example.com", "outlook.com", "newsletter", "Google"])
    func sourcesWithoutCategory(source: String) {
        #expect(Self.classifier.category(of: source) == nil)
    }

    @Test func referrerMediumsFillGapsInTheCategoryTable() throws {
        let table = try ReferrerSourceTable(contentsOfFile: fixture("referers-sample.json"))
        let classifier = AcquisitionChannelClassifier(sources: table)
        func channel(_ source: String, medium: String = "") -> String {
            classifier.channel(
                referrerSource: source, utmMedium: medium, utmCampaign: "", utmSource: "", clickIDParam: ""
            )
        }
        #expect(channel("Outlook.com") == "Email")
        #expect(channel("Apollo Latvia") == "Organic Search")
        #expect(channel("Apollo Latvia", medium: "cpc") == "Paid Search")
        #expect(channel("Google") == "Organic Search")
        #expect(channel("example.com") == "Referral")
        #expect(classifier.category(of: "outlook.com") == .email)
        #expect(classifier.category(of: "unknown-source") == nil)
    }

    @Test(arguments: [
        ("cpc", true), ("ppc", true), ("retargeting", true), ("paid-social", true), ("paidsearch", true),
        ("xcpx", true), ("cp", true), ("unpaid", false), ("ppc2", false), ("", false), ("organic", false),
    ])
    func paidMediums(medium: String, paid: Bool) {
        let channel = Self.classifier.channel(
            referrerSource: "", utmMedium: medium, utmCampaign: "", utmSource: "", clickIDParam: ""
        )
        #expect((channel == "Paid Other") == paid)
    }

    @Test(arguments: [
        ("shop", true), ("e-shop", true), ("eshop", true), ("1shop", true), ("shopify-sale", true),
        ("my shop", true), ("myshopping", true), ("workshop", false), ("bishop", false), ("ashop", false),
        ("sho", false), ("", false),
    ])
    func shoppingCampaigns(campaign: String, shopping: Bool) {
        let channel = Self.classifier.channel(
            referrerSource: "", utmMedium: "", utmCampaign: campaign, utmSource: "", clickIDParam: ""
        )
        #expect((channel == "Organic Shopping") == shopping)
    }
}
