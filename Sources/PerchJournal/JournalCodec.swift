import PerchCore

/// The binary form of a `JournalEntry` inside a journal record.
///
/// Layout (version 2): a version byte, then every field in declaration order. Fixed-width integers
/// are little-endian; strings are a ULEB128 byte length followed by UTF-8; lists are a ULEB128
/// count followed by their items; optionals are a 0/1 byte followed by the value when 1.
/// Version 1 records (written before the idempotency key) end after the session and still decode.
/// Decoding validates every length against the remaining input and throws `.malformed`.
package enum JournalCodec {
    package static let formatVersion: UInt8 = 2

    package static func encode(_ entry: JournalEntry) -> [UInt8] {
        var writer = BinaryWriter(capacity: 256)
        writer.write(formatVersion)
        writer.write(entry.event)
        if let session = entry.session {
            writer.write(true)
            writer.write(session)
        } else {
            writer.write(false)
        }
        if let key = entry.idempotencyKey {
            writer.write(true)
            writer.write(key)
        } else {
            writer.write(false)
        }
        return writer.bytes
    }

    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(JournalError) -> JournalEntry {
        var reader = BinaryReader(bytes)
        let version = try reader.readByte()
        guard version == 1 || version == formatVersion else { throw .malformed("unknown format version \(version)") }
        let event = try reader.readEvent()
        let session = try reader.readBool() ? try reader.readSession() : nil
        var key: String?
        if version >= 2, try reader.readBool() { key = try reader.readString() }
        guard reader.remaining == 0 else { throw .malformed("trailing bytes") }
        return JournalEntry(event: event, session: session, idempotencyKey: key)
    }

    package static func decode(_ bytes: [UInt8]) throws(JournalError) -> JournalEntry {
        // `withUnsafeBytes` is not typed-throws, so carry the error out as a value.
        let result: Result<JournalEntry, JournalError> = bytes.withUnsafeBytes { buffer in
            do throws(JournalError) {
                return .success(try decode(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

extension BinaryWriter {
    mutating func write(_ event: EventRecord) {
        write(event.timestamp)
        write(event.name)
        write(event.siteID)
        write(event.userID)
        write(event.sessionID)
        write(event.hostname)
        write(event.pathname)
        write(event.visit)
        write(event.props)
        write(event.scrollDepth)
        write(event.engagementTime)
        if let revenue = event.revenue {
            write(true)
            write(revenue.sourceAmount.thousandths)
            write(revenue.sourceCurrency)
            if let reporting = revenue.reportingAmount {
                write(true)
                write(reporting.thousandths)
            } else {
                write(false)
            }
            write(revenue.reportingCurrency)
        } else {
            write(false)
        }
        write(event.interactive)
    }

    mutating func write(_ session: SessionRecord) {
        write(session.sessionID)
        write(session.siteID)
        write(session.userID)
        write(session.hostname)
        write(session.start)
        write(session.timestamp)
        write(session.isBounce)
        write(session.entryPage)
        write(session.exitPage)
        write(session.exitPageHostname)
        write(session.pageviews)
        write(session.events)
        write(session.duration)
        write(session.visit)
        write(session.entryProps)
    }

    mutating func write(_ visit: VisitAttributes) {
        write(visit.referrer)
        write(visit.referrerSource)
        write(visit.utmMedium)
        write(visit.utmSource)
        write(visit.utmCampaign)
        write(visit.utmContent)
        write(visit.utmTerm)
        write(visit.clickIDParam)
        write(visit.acquisitionChannel)
        write(visit.countryCode)
        write(visit.subdivision1Code)
        write(visit.subdivision2Code)
        write(visit.cityGeonameID)
        write(visit.screenSize)
        write(visit.operatingSystem)
        write(visit.operatingSystemVersion)
        write(visit.browser)
        write(visit.browserVersion)
    }

    mutating func write(_ props: [Prop]) {
        writeVarint(UInt32(props.count))
        for prop in props {
            write(prop.key)
            write(prop.value)
        }
    }
}
