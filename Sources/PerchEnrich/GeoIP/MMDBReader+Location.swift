extension MMDBReader {
    /// The Perch geolocation fields for `ip` (spec §12.2), decoded straight from the record
    /// without building an `MMDBValue` tree. Unknown addresses and damaged records yield an empty
    /// location: enrichment must never fail an event.
    package func location(_ ip: IPAddress) -> GeoLocation {
        guard let offset = try? layout.dataOffset(for: ip) else { return GeoLocation() }
        return (try? layout.decoder.location(at: offset)) ?? GeoLocation()
    }
}

extension MMDBDecoder {
    /// Finds `country.iso_code`, `subdivisions[0/1].iso_code` and `city.geoname_id`, skipping
    /// every other field by its encoded size.
    func location(at offset: Int) throws(MMDBError) -> GeoLocation {
        let record = try follow(try field(at: offset))
        guard record.type == 7 else { return GeoLocation() }
        var country: Field?
        var subdivisions: Field?
        var city: Field?
        var cursor = record.payload
        for _ in 0..<record.size {
            let key = try key(at: cursor)
            if bytes(key.start, key.count, equal: "country") {
                country = try follow(try field(at: key.value))
            } else if bytes(key.start, key.count, equal: "subdivisions") {
                subdivisions = try follow(try field(at: key.value))
            } else if bytes(key.start, key.count, equal: "city") {
                city = try follow(try field(at: key.value))
            }
            if country != nil, subdivisions != nil, city != nil { break }
            cursor = try skip(key.value)
        }
        guard let country, let code = try member(of: country, named: "iso_code"), code.type == 2,
            !isUnknownCountry(code)
        else { return GeoLocation() }
        var result = GeoLocation(countryCode: try text(code))
        if let subdivisions, subdivisions.type == 11 {
            var element = subdivisions.payload
            for index in 0..<min(subdivisions.size, 2) {
                let rawElement = try field(at: element)
                if let iso = try member(of: try follow(rawElement), named: "iso_code"), iso.type == 2 {
                    let joined = subdivisionCode(code, iso)
                    if index == 0 { result.subdivision1Code = joined } else { result.subdivision2Code = joined }
                }
                element = try next(after: rawElement)
            }
        }
        if let city, let id = try member(of: city, named: "geoname_id"), id.type == 5 || id.type == 6 || id.type == 9 {
            result.cityGeonameID = CityOverrides.city(
                for: UInt32(truncatingIfNeeded: try unsigned(id.payload, min(id.size, 4))))
        }
        return result
    }

    /// The value under `name` in the map `map` (pointers followed), or nil.
    func member(of map: Field, named name: StaticString) throws(MMDBError) -> Field? {
        guard map.type == 7 else { return nil }
        var cursor = map.payload
        for _ in 0..<map.size {
            let key = try key(at: cursor)
            if bytes(key.start, key.count, equal: name) { return try follow(try field(at: key.value)) }
            cursor = try skip(key.value)
        }
        return nil
    }

    /// ZZ (unknown), XX and T1 (Tor) are placeholders, not countries.
    private func isUnknownCountry(_ code: Field) -> Bool {
        string(code, equals: "ZZ") || string(code, equals: "XX") || string(code, equals: "T1")
    }

    /// `CC-XX` built in one allocation (none for codes short enough to be stored inline).
    private func subdivisionCode(_ country: Field, _ iso: Field) -> String {
        let total = country.size + 1 + iso.size
        guard country.size <= bytes.count - country.payload, iso.size <= bytes.count - iso.payload else { return "" }
        let source = bytes
        return String(unsafeUninitializedCapacity: total) { target in
            for index in 0..<country.size { target[index] = source[country.payload + index] }
            target[country.size] = UInt8(ascii: "-")
            for index in 0..<iso.size { target[country.size + 1 + index] = source[iso.payload + index] }
            return total
        }
    }
}
