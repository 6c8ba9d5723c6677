/// A dimension to group or filter by (spec §14.2).
package enum Dimension: Sendable, Hashable {
    case event(EventAttribute)
    case prop(String)
    case visit(VisitAttribute)
    /// `time` resolves to a concrete granularity once the date range is known.
    case time(TimeGranularity?)

    /// The `event:*` dimensions other than custom properties.
    package enum EventAttribute: String, Sendable, CaseIterable {
        case name, page, hostname, goal
    }

    /// The `visit:*` dimensions, named as the API spells them.
    package enum VisitAttribute: String, Sendable, CaseIterable {
        case source, channel, referrer
        case utmMedium = "utm_medium", utmSource = "utm_source", utmCampaign = "utm_campaign"
        case utmContent = "utm_content", utmTerm = "utm_term"
        case screen, device, browser
        case browserVersion = "browser_version"
        case os
        case osVersion = "os_version"
        case country, region, city
        case countryName = "country_name", regionName = "region_name", cityName = "city_name"
        case entryPage = "entry_page", exitPage = "exit_page"
        case entryPageHostname = "entry_page_hostname", exitPageHostname = "exit_page_hostname"

        /// Columns only the sessions table holds.
        package var isSessionOnly: Bool {
            switch self {
            case .entryPage, .exitPage, .entryPageHostname, .exitPageHostname: true
            default: false
            }
        }
    }

    package init?(_ text: String) {
        if text == "time" {
            self = .time(nil)
        } else if text.hasPrefix("time:") {
            guard let granularity = TimeGranularity(rawValue: String(text.dropFirst(5))) else { return nil }
            self = .time(granularity)
        } else if text.hasPrefix("event:props:") {
            let key = String(text.dropFirst(12))
            guard !key.isEmpty else { return nil }
            self = .prop(key)
        } else if text.hasPrefix("event:") {
            guard let attribute = EventAttribute(rawValue: String(text.dropFirst(6))) else { return nil }
            self = .event(attribute)
        } else if text.hasPrefix("visit:") {
            guard let attribute = VisitAttribute(rawValue: String(text.dropFirst(6))) else { return nil }
            self = .visit(attribute)
        } else {
            return nil
        }
    }

    package var name: String {
        switch self {
        case .event(let attribute): "event:" + attribute.rawValue
        case .prop(let key): "event:props:" + key
        case .visit(let attribute): "visit:" + attribute.rawValue
        case .time(let granularity): granularity.map { "time:" + $0.rawValue } ?? "time"
        }
    }

    package var isEventDimension: Bool {
        switch self {
        case .event, .prop: true
        default: false
        }
    }

    package var isSessionOnly: Bool {
        if case .visit(let attribute) = self { return attribute.isSessionOnly }
        return false
    }

    package var isTime: Bool {
        if case .time = self { return true }
        return false
    }
}

/// The size of a time bucket. `minute` is Perch's extension (the dashboard's realtime graph; the
/// public Plausible API stops at `hour`), allowed over ranges of at most 48 hours.
package enum TimeGranularity: String, Sendable, Hashable, CaseIterable {
    case minute, hour, day, week, month
}
