import PerchCore
import PerchEnrich
import PerchPayload

extension IngestPipeline {
    /// The network class of the client: the trusted proxy's `x-plausible-ip-type` when it sent one,
    /// else `.datacenter` when the address is in the datacenter ranges data set.
    func classifyNetwork(_ declared: ClientIPType?, address: IPAddress?, data: EnrichmentSnapshot) -> ClientIPType? {
        if let declared { return declared }
        guard let address, let ranges = data.datacenterRanges, ranges.contains(address) else { return nil }
        return .datacenter
    }

    func geolocate(_ address: IPAddress?, data: EnrichmentSnapshot) -> GeoLocation {
        guard let address, let geo = data.geo else { return GeoLocation() }
        return geo.location(address)
    }

    /// Spec §4.4, from the stored acquisition columns; the referrer-sources data set supplies the
    /// medium of sources the built-in categories do not know.
    func acquisitionChannel(_ visit: VisitAttributes, data: EnrichmentSnapshot) -> String {
        AcquisitionChannelClassifier(sources: data.referrerSources).channel(
            referrerSource: visit.referrerSource,
            utmMedium: visit.utmMedium,
            utmCampaign: visit.utmCampaign,
            utmSource: visit.utmSource,
            clickIDParam: visit.clickIDParam
        )
    }
}
