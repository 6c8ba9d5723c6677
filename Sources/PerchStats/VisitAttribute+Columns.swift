extension Dimension.VisitAttribute {
    /// The column of the events and sessions tables that holds the attribute.
    package var column: String {
        switch self {
        case .source: "referrer_source"
        case .channel: "acquisition_channel"
        case .screen, .device: "screen_size"
        case .os: "operating_system"
        case .osVersion: "operating_system_version"
        case .country, .countryName: "country_code"
        case .region, .regionName: "subdivision1_code"
        case .city, .cityName: "city_geoname_id"
        case .entryPageHostname: "hostname"
        default: rawValue
        }
    }

    /// What an empty value is called in results and filters (spec §14.3), nil when it stays empty.
    package var emptyLabel: String? {
        switch self {
        case .source, .referrer: "Direct / None"
        case .channel: "Direct"
        case .utmMedium, .utmSource, .utmCampaign, .utmContent, .utmTerm, .screen, .device, .browser,
            .browserVersion, .os, .osVersion:
            "(not set)"
        default: nil
        }
    }
}
