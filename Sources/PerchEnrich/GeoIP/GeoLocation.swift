/// What a geolocation lookup yields for one IP, in the form Plausible stores (spec §12.2).
package struct GeoLocation: Sendable, Hashable {
    /// ISO 3166-1 alpha-2, or "" when unknown (ZZ/XX/T1 are treated as unknown).
    package var countryCode: String
    /// `CC-XX` from the first subdivision, or "".
    package var subdivision1Code: String
    /// `CC-XX` from the second subdivision, or "".
    package var subdivision2Code: String
    /// GeoNames id of the city, 0 when unknown.
    package var cityGeonameID: UInt32

    package init(
        countryCode: String = "", subdivision1Code: String = "", subdivision2Code: String = "",
        cityGeonameID: UInt32 = 0
    ) {
        self.countryCode = countryCode
        self.subdivision1Code = subdivision1Code
        self.subdivision2Code = subdivision2Code
        self.cityGeonameID = cityGeonameID
    }
}
