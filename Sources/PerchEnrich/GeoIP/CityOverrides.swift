/// Merges city districts into their city, as Plausible does (spec §12.2,
/// `Plausible.Ingestion.CityOverrides`): GeoNames gives many districts an id of their own and
/// MaxMind returns them as the city, which would split one city's visitors over several rows.
///
/// The entries are Plausible's, so Perch stores the same `city_geoname_id` for the same record;
/// other districts (e.g. Berlin-Spandau, 7290252) stay as they are, as in Plausible. Each case
/// names the district (GeoNames) and the city it belongs to. Ids marked (checked) are present
/// with that name in the GeoLite2-City 2019-12 build the oracle tests use.
package enum CityOverrides {
    /// The city that `geonameID` is a district of, or `geonameID` itself.
    @inlinable
    package static func city(for geonameID: UInt32) -> UInt32 {
        switch geonameID {
        // Vienna (2761369, checked): Gemeindebezirke Floridsdorf, Leopoldstadt, Landstraße, Donaustadt,
        // Favoriten, Währing, Wieden, Innere Stadt, Alsergrund, Liesing.
        case 2_779_467, 2_772_614, 2_773_040, 2_780_851, 2_779_776, 2_762_091, 2_761_393, 2_775_259, 2_782_729,
            2_772_484:
            2_761_369
        // Linz (2772400, checked): Urfahr.
        case 2_762_518: 2_772_400
        // Toronto (6167865, checked): Old Toronto, Etobicoke (checked), East York, Scarborough
        // (checked), North York (checked).
        case 8_436_019, 5_950_267, 5_946_235, 6_948_711, 6_091_104: 6_167_865
        // Prague (3067696, checked): Praha 5, Praha 4, Praha 11, Praha 10, and Praha 4's older id.
        case 11_951_220, 11_951_218, 11_951_232, 11_951_210, 8_378_772: 3_067_696
        // Copenhagen (2618425, checked): København SV (checked), København NV (checked).
        case 11_747_123, 11_746_894: 2_618_425
        // Odense (2615876, checked): Odense S, Odense M, Odense SØ.
        case 11_746_825, 11_746_974, 11_746_888: 2_615_876
        // Aarhus (2624652, checked): Aarhus C (checked), Aarhus N (checked).
        case 11_746_746, 11_746_890: 2_624_652
        // Tallinn (588409, checked): Kristiine, Kesklinna, Lasnamäe, Põhja-Tallinna, Mustamäe and
        // Haabersti linnaosa, and the neighbouring Viimsi (checked).
        case 11_050_530, 11_053_706, 11_050_526, 11_049_594, 11_050_531, 11_053_707, 587_629: 588_409
        // Berlin (2950159, checked): Bezirke Tempelhof-Schöneberg, Mitte, Charlottenburg-Wilmersdorf,
        // Friedrichshain-Kreuzberg.
        case 3_336_297, 2_870_912, 3_336_294, 3_336_295: 2_950_159
        // Munich (2867714, checked): Moosach, Schwabing-Freimann.
        case 8_351_447, 8_351_448: 2_867_714
        // Düsseldorf (2934246, checked): Stadtbezirke 06 and 04.
        case 6_947_276, 6_947_274: 2_934_246
        // Cologne (2886242, checked): Ehrenfeld, Lindenthal.
        case 6_947_479, 6_947_481: 2_886_242
        // Bonn (2946447, checked): Beuel.
        case 2_949_619: 2_946_447
        // Frankfurt am Main (2925533, checked): Innenstadt I, II and III.
        case 6_946_225, 6_946_226, 6_946_227: 2_925_533
        // Mumbai (1275339, checked): Navi Mumbai.
        case 6_619_347: 1_275_339
        // Mexico City (3530597, checked): Miguel Hidalgo Villa Olímpica, Zedec Santa Fe, Fuentes del
        // Pedregal, Centro, Cuauhtémoc.
        case 11_561_026, 3_517_471, 11_562_596, 9_179_691, 12_266_959: 3_530_597
        // Amsterdam (2759794, checked): Schiphol-Rijk (checked), Westpoort, Amsterdam-Zuidoost.
        case 10_173_838, 11_525_047, 6_544_881: 2_759_794
        // The Hague (2747373, checked): Loosduinen, Laak.
        case 11_525_037, 11_525_042: 2_747_373
        // Oslo (3143244, checked): Nordre Aker.
        case 6_940_981: 3_143_244
        // Bucharest (683506, checked): Sectors 1 to 6 and the municipality's own id.
        case 11_055_041, 11_055_040, 11_055_044, 11_055_042, 11_055_043, 11_055_039, 6_691_781: 683_506
        // Bratislava (3060972, checked): the district "Bratislava".
        case 3_343_955: 3_060_972
        // Stockholm (2673730, checked): Södermalm.
        case 2_676_209: 2_673_730
        // Basel (2661604, checked): Vorstädte.
        case 11_789_440: 2_661_604
        // Zurich (2657896, checked): Kreis 11 / Oerlikon, Kreis 3 / Alt-Wiedikon, Kreis 5, Kreis 1.
        case 2_659_310, 2_658_007, 6_295_521, 6_295_489: 2_657_896
        // London (2643743, checked): Shadwell, City of London, South Bank, Soho, Whitechapel, King's
        // Cross, Poplar, Hackney (all but South Bank and King's Cross checked).
        case 6_690_595, 2_643_741, 6_545_251, 6_545_173, 2_634_112, 6_690_589, 2_640_091, 2_647_694: 2_643_743
        default: geonameID
        }
    }
}
