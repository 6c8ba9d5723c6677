import PerchStats

/// The dimensions a site's columns hold, as `LabelColumn`s of one side: on the events side event
/// names, pages, hostnames, properties and the events' copies of the visit attributes (session-
/// only ones aside, which SQL reads from the session); on the sessions side visit attributes (cities
/// included) and, for `event:page` and `event:hostname`, the entry page and hostname (SQL's
/// reading of those on sessions).
struct ColumnarDimensions {
    let columns: SiteColumns

    func events(_ dimension: Dimension) -> LabelColumn? {
        let events = columns.events
        let dictionary = columns.dictionary
        switch dimension {
        case .event(.name): return plain(events.texts[EventColumns.TextColumn.name.rawValue])
        case .event(.page): return plain(events.texts[EventColumns.TextColumn.pathname.rawValue])
        case .event(.hostname): return plain(events.texts[EventColumns.TextColumn.hostname.rawValue])
        case .prop(let key):
            // SQLite's JSON path cannot quote such a key (the dialect reads it as absent); escapes
            // would be compared raw by some SQLite versions: left to SQL.
            guard !key.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 })
            else { return nil }
            return LabelColumn(codes: events.texts[EventColumns.TextColumn.props.rawValue]) { code in
                // `json_extract`'s first value of the key; props are written by `PropsJSON`, so a
                // text that does not decode is not expected (SQL would fail on it).
                PropsColumn.decode(dictionary[code])?.first { $0.key == key }?.value ?? "(none)"
            }
        case .visit(let attribute) where !attribute.isSessionOnly:
            guard let column = VisitTuples.column(attribute.column) else { return nil }
            let tuples = columns.numbers.visits
            let emptyLabel = attribute.emptyLabel
            // Read through the event's combination once per query, into a column of its own.
            return LabelColumn(
                codes: events.visits.map { tuples.code(of: $0, column: column) },
                isInteger: attribute.column == "city_geoname_id"
            ) { dictionary.label(of: $0, emptyLabel: emptyLabel) }
        default: return nil
        }
    }

    func sessions(_ dimension: Dimension) -> LabelColumn? {
        let name: String
        var emptyLabel: String?
        var isInteger = false
        switch dimension {
        case .event(.page): name = "entry_page"
        case .event(.hostname): name = "hostname"
        case .visit(let attribute):
            name = attribute.column
            emptyLabel = attribute.emptyLabel
            isInteger = attribute.column == "city_geoname_id"
        default: return nil
        }
        guard let column = SessionColumns.textColumn(name) else { return nil }
        let dictionary = columns.dictionary
        return LabelColumn(codes: columns.sessions.texts[column], isInteger: isInteger) {
            dictionary.label(of: $0, emptyLabel: emptyLabel)
        }
    }

    private func plain(_ codes: [UInt32]) -> LabelColumn {
        let dictionary = columns.dictionary
        return LabelColumn(codes: codes) { dictionary[$0] }
    }
}
