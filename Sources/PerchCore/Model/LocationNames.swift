/// English names of the places geolocation stores as codes (spec §10.1 `country_name`,
/// `region_name`, `city_name`; §14.2 `visit:*_name`): countries by ISO 3166-1 alpha-2 code,
/// first-level regions by `CC-XX` code (as `subdivision1_code` holds them), cities by GeoNames id.
///
/// Country names are Plausible's own (the ISO 3166-1 table its location library ships, see
/// `LocationNames.isoCountryNames`), so they work without a GeoIP database and match what
/// Plausible answers; a GeoIP database adds the names of codes that table lacks, and all region
/// and city names. A code without a name reads as `""`, as Plausible's `dictGet` gives.
package struct LocationNames: Sendable, Equatable {
    package private(set) var countries: [String: String]
    package private(set) var regions: [String: String]
    package private(set) var cities: [UInt32: String]

    /// `countries` is merged under the built-in table: a built-in name wins.
    package init(countries: [String: String] = [:], regions: [String: String] = [:], cities: [UInt32: String] = [:]) {
        self.countries = countries.merging(Self.isoCountryNames) { _, builtIn in builtIn }
        self.regions = regions
        self.cities = cities
    }

    /// The names known without a GeoIP database: countries only.
    package static let builtIn = LocationNames()

    package func countryName(_ code: String) -> String? { countries[code] }

    package func regionName(_ code: String) -> String? { regions[code] }

    package func cityName(_ geonameID: UInt32) -> String? { cities[geonameID] }
}
