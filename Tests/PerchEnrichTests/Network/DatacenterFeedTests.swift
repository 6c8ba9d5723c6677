import PerchEnrich
import Testing

@Suite struct DatacenterFeedTests {
    @Test func awsFeed() throws {
        let json = """
            {"syncToken":"1","createDate":"2026-11-20-10-00-00",
             "prefixes":[{"ip_prefix":"3.5.140.0/22","region":"ap-northeast-2","service":"AMAZON"},
                         {"ip_prefix":"52.94.76.0/22","region":"us-west-2","service":"AMAZON"}],
             "ipv6_prefixes":[{"ipv6_prefix":"2600:1f14::/35","region":"us-west-2","service":"AMAZON"}]}
            """
        let extract = try DatacenterFeed.awsJSON.extract(Array(json.utf8), source: "aws")
        #expect(extract.blocks.map(\.description) == ["3.5.140.0/22", "52.94.76.0/22", "2600:1f14::/35"])
        #expect(extract.upstreamDate == "2026-11-20-10-00-00")
    }

    @Test func googleCloudFeed() throws {
        let json = """
            {"syncToken":"1","creationTime":"2026-11-20T10:00:00.000","prefixes":[
              {"ipv4Prefix":"34.1.208.0/20","service":"Google Cloud","scope":"africa-south1"},
              {"ipv6Prefix":"2600:1900:8000::/44","service":"Google Cloud","scope":"us-east1"}]}
            """
        let extract = try DatacenterFeed.googleCloudJSON.extract(Array(json.utf8), source: "gcp")
        #expect(extract.blocks.map(\.description) == ["34.1.208.0/20", "2600:1900:8000::/44"])
        #expect(extract.upstreamDate == "2026-11-20T10:00:00.000")
    }

    @Test func oracleFeed() throws {
        let json = """
            {"last_updated_timestamp":"2026-11-19T21:33:10.000000","regions":[
              {"region":"us-phoenix-1","cidrs":[{"cidr":"129.146.0.0/21","tags":["OCI"]},
                                                {"cidr":"134.70.8.0/21","tags":["OSN"]}]},
              {"region":"eu-frankfurt-1","cidrs":[{"cidr":"130.61.0.0/16","tags":["OCI"]}]}]}
            """
        let extract = try DatacenterFeed.oracleJSON.extract(Array(json.utf8), source: "oracle")
        #expect(extract.blocks.map(\.description) == ["129.146.0.0/21", "134.70.8.0/21", "130.61.0.0/16"])
        #expect(extract.upstreamDate == "2026-11-19T21:33:10.000000")
    }

    @Test func geofeedTakesTheFirstColumn() throws {
        let csv = """
            # Geofeed, RFC 8805
            5.101.96.0/21,NL,NL-NH,Amsterdam,
            2a03:b0c0::/32,US,US-NY,New York,10001\r
            64.225.0.1/20,DE,,Frankfurt,

            """
        let extract = try DatacenterFeed.geofeedCSV.extract(Array(csv.utf8), source: "do")
        // Host bits set in an upstream prefix are cleared rather than refused.
        #expect(extract.blocks.map(\.description) == ["5.101.96.0/21", "2a03:b0c0::/32", "64.225.0.0/20"])
        #expect(extract.upstreamDate == nil)
    }

    @Test func plainList() throws {
        let text = "173.245.48.0/20\n103.21.244.0/22\n\n2400:cb00::/32\n"
        let extract = try DatacenterFeed.plainList.extract(Array(text.utf8), source: "cloudflare")
        #expect(extract.blocks.count == 3)
    }

    @Test(arguments: [
        (DatacenterFeed.awsJSON, #"{"prefixes":[{"ip_prefix":"3.5.140.0/22"},"#),
        (DatacenterFeed.awsJSON, #"{"prefixes":[{"ip_prefix":"3.5.140.0/33"}]}"#),
        (DatacenterFeed.awsJSON, #"{"prefixes":[]}"#),
        (DatacenterFeed.googleCloudJSON, "<html>not found</html>"),
        (DatacenterFeed.oracleJSON, #"{"regions":[{"cidrs":[{"tags":[]}]}]}"#),
        (DatacenterFeed.geofeedCSV, "5.101.96.0/21,NL\nnot-a-prefix,US\n"),
        (DatacenterFeed.plainList, "173.245.48.0/20\n173.245."),
        (DatacenterFeed.plainList, ""),
    ])
    func refusesBrokenFeeds(feed: DatacenterFeed, body: String) {
        #expect(throws: DatasetError.self) { try feed.extract(Array(body.utf8), source: "feed") }
    }

    @Test func feedsMergeIntoOneTable() throws {
        let aws = try DatacenterFeed.plainList.extract(Array("10.0.0.0/9\n".utf8), source: "a")
        let other = try DatacenterFeed.geofeedCSV.extract(Array("10.128.0.0/9,US\n".utf8), source: "b")
        let table = IPRangeTable(blocks: aws.blocks + other.blocks)
        #expect(table.minimalBlocks.map(\.description) == ["10.0.0.0/8"])
        #expect(table.entryCount == 2)
    }
}
