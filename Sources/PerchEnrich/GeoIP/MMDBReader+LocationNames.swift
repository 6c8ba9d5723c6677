import PerchCore

extension MMDBReader {
    /// The English names (`names.en`) of the countries, first subdivisions and cities the
    /// database's records hold, keyed as Perch stores them (spec §12.2): `CC`, `CC-XX` and the
    /// (district-merged) GeoNames id. Walks the whole search tree once, each node and each distinct
    /// record once, so IPv6-only records count too; a record that fails to decode adds nothing.
    package func locationNames() -> LocationNames {
        let nodeCount = layout.nodeCount
        var collector = LocationNameCollector(decoder: layout.decoder)
        // IPv4 is aliased at several places of an IPv6 tree: a node is walked once however reached,
        // which also ends a tree that loops.
        var visited = [UInt64](repeating: 0, count: nodeCount / 64 + 1)
        var stack = [0]
        while let node = stack.popLast() {
            guard node < nodeCount else {
                collector.add(record: node, nodeCount: nodeCount)
                continue
            }
            let bit = UInt64(1) << UInt64(node & 63)
            guard visited[node >> 6] & bit == 0 else { continue }
            visited[node >> 6] |= bit
            stack.append(layout.record(node, 1))
            stack.append(layout.record(node, 0))
        }
        return LocationNames(countries: collector.countries, regions: collector.regions, cities: collector.cities)
    }
}

/// Gathers names record by record; the first name met for a code is kept. Records share their
/// country, subdivision and city maps through pointers, so each map is read once, by offset.
private struct LocationNameCollector {
    let decoder: MMDBDecoder
    var countries: [String: String] = [:]
    var regions: [String: String] = [:]
    var cities: [UInt32: String] = [:]
    /// One bit per data-section byte: records already read.
    private var seenRecords: [UInt64]
    /// Country code by country map offset ("" for a placeholder or a map without a code).
    private var countryCodes: [Int: String] = [:]
    /// Subdivision and city maps already read, by offset, with the country they were read under.
    private var seenMaps = Set<MapKey>()

    private struct MapKey: Hashable {
        var offset: Int
        var country: Int
    }

    init(decoder: MMDBDecoder) {
        self.decoder = decoder
        seenRecords = [UInt64](repeating: 0, count: decoder.bytes.count / 64 + 1)
    }

    mutating func add(record: Int, nodeCount: Int) {
        let offset = record - nodeCount - 16
        guard record > nodeCount, offset >= 0, offset < decoder.bytes.count else { return }
        let bit = UInt64(1) << UInt64(offset & 63)
        guard seenRecords[offset >> 6] & bit == 0 else { return }
        seenRecords[offset >> 6] |= bit
        try? collect(at: offset)
    }

    /// Mirrors `MMDBDecoder.location(at:)`: no country (or a placeholder one), no names at all.
    private mutating func collect(at offset: Int) throws(MMDBError) {
        let record = try decoder.follow(try decoder.field(at: offset))
        guard record.type == 7 else { return }
        var country: MMDBDecoder.Field?
        var subdivisions: MMDBDecoder.Field?
        var city: MMDBDecoder.Field?
        var cursor = record.payload
        for _ in 0..<record.size {
            let key = try decoder.key(at: cursor)
            if decoder.bytes(key.start, key.count, equal: "country") {
                country = try decoder.follow(try decoder.field(at: key.value))
            } else if decoder.bytes(key.start, key.count, equal: "subdivisions") {
                subdivisions = try decoder.follow(try decoder.field(at: key.value))
            } else if decoder.bytes(key.start, key.count, equal: "city") {
                city = try decoder.follow(try decoder.field(at: key.value))
            }
            if country != nil, subdivisions != nil, city != nil { break }
            cursor = try decoder.skip(key.value)
        }
        guard let country else { return }
        let code = try countryCode(country)
        guard !code.isEmpty else { return }
        if let subdivisions, subdivisions.type == 11, subdivisions.size > 0 {
            let first = try decoder.follow(try decoder.field(at: subdivisions.payload))
            if seenMaps.insert(MapKey(offset: first.payload, country: country.payload)).inserted,
                let iso = try decoder.member(of: first, named: "iso_code"), iso.type == 2
            {
                let region = code + "-" + (try decoder.text(iso))
                if regions[region] == nil, let name = try englishName(of: first) { regions[region] = name }
            }
        }
        if let city, seenMaps.insert(MapKey(offset: city.payload, country: -1)).inserted,
            let id = try decoder.member(of: city, named: "geoname_id"), id.type == 5 || id.type == 6 || id.type == 9
        {
            let geonameID = UInt32(truncatingIfNeeded: try decoder.unsigned(id.payload, min(id.size, 4)))
            // A district's id is never stored (it is merged into its city's), so its name is not kept.
            if CityOverrides.city(for: geonameID) == geonameID, cities[geonameID] == nil,
                let name = try englishName(of: city)
            {
                cities[geonameID] = name
            }
        }
    }

    /// The map's `iso_code`, "" for none or a placeholder (ZZ, XX, T1); its name is kept on first read.
    private mutating func countryCode(_ country: MMDBDecoder.Field) throws(MMDBError) -> String {
        if let known = countryCodes[country.payload] { return known }
        var code = ""
        if country.type == 7, let iso = try decoder.member(of: country, named: "iso_code"), iso.type == 2 {
            code = try decoder.text(iso)
            if code == "ZZ" || code == "XX" || code == "T1" { code = "" }
        }
        countryCodes[country.payload] = code
        if !code.isEmpty, countries[code] == nil, let name = try englishName(of: country) { countries[code] = name }
        return code
    }

    private func englishName(of map: MMDBDecoder.Field) throws(MMDBError) -> String? {
        guard let names = try decoder.member(of: map, named: "names"),
            let english = try decoder.member(of: names, named: "en"), english.type == 2, english.size > 0
        else { return nil }
        return try decoder.text(english)
    }
}
