import ArgumentParser
import Foundation
import PerchEnrich

/// `perch-bench ua`: uncached `UserAgentParser.parse` throughput over a fixed set of realistic UAs,
/// next to a reference loop (hashing the same strings) measured in the same process.
struct UserAgentBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ua",
        abstract: "User-agent parser: uncached parses per second vs hashing the same strings."
    )

    @Option(help: "Passes over the built-in list of user agents.")
    var iterations = 20_000

    func run() {
        let agents = Self.agents
        let parser = UserAgentParser()
        let total = agents.count * iterations

        // One long pass: the figure the README quotes was measured this way.
        let timer = BenchmarkTimer(passes: 1, calls: total)
        let parse = timer.measure(agents) { UInt64(parser.parse($0).browser.utf8.count) }
        let hash = timer.measure(agents) { UInt64(bitPattern: Int64($0.hashValue)) }
        print("ua parse:  \(Int(parse.rate)) parses/s (\(total) parses, \(agents.count) distinct UAs)")
        print("checksum:  \(parse.checksum)")
        print("reference: \(Int(hash.rate)) string hashes/s (check \(hash.checksum & 0xff))")
        print("ratio parse/hash: \(String(format: "%.3f", parse.rate / hash.rate))")
    }
}

extension UserAgentBenchmark {
    /// Hand-written UAs in the shapes seen in real traffic (desktop, mobile, in-app, TV, legacy).
    static let agents: [String] = {
        let webKit = "AppleWebKit/537.36 (KHTML, like Gecko)"
        let iOSKit = "AppleWebKit/605.1.15 (KHTML, like Gecko)"
        return [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) \(webKit) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) \(webKit) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.81",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Windows NT 6.1; Win64; x64) \(webKit) Chrome/109.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) \(webKit) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) \(webKit) Chrome/120.0.0.0 YaBrowser/24.1.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) \(webKit) Chrome/124.0.0.0 Safari/537.36 Vivaldi/6.7.3329.21",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) \(webKit) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) \(iOSKit) Version/17.4.1 Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) \(iOSKit) Version/14.1.2 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64) \(webKit) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
            "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
            "Mozilla/5.0 (X11; CrOS x86_64 15633.69.0) \(webKit) Chrome/119.0.6045.212 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) \(iOSKit) Version/17.4.1 "
                + "Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 16_7_7 like Mac OS X) \(iOSKit) Version/16.6 "
                + "Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) \(iOSKit) CriOS/124.0.6367.71 "
                + "Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) \(iOSKit) FxiOS/125.0 "
                + "Mobile/15E148 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) \(iOSKit) Mobile/15E148 "
                + "[FBAN/FBIOS;FBAV/458.0.0.38.104]",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) \(iOSKit) Mobile/15E148 Instagram 326.0.3.30.91",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) \(iOSKit) GSA/310.0.621847202 "
                + "Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) \(iOSKit) Version/15.6.6 "
                + "Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) \(iOSKit) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) \(iOSKit) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 10; K) \(webKit) Chrome/124.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) \(webKit) Chrome/124.0.6367.82 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-S911B) \(webKit) Chrome/123.0.6312.99 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-A546B) \(webKit) SamsungBrowser/24.0 Chrome/117.0.0.0 "
                + "Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 12; SM-X200) \(webKit) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; Lenovo TB-J606F) \(webKit) Chrome/122.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0",
            "Mozilla/5.0 (Android 13; Tablet; rv:124.0) Gecko/124.0 Firefox/124.0",
            "Mozilla/5.0 (Linux; Android 13; 2201116SG) \(webKit) Chrome/123.0.0.0 Mobile "
                + "Safari/537.36 OPR/81.1.4292.78823",
            "Mozilla/5.0 (Linux; Android 12; M2101K6G Build/SKQ1.210908.001; wv) \(webKit) Version/4.0 "
                + "Chrome/124.0.6367.54 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; U; Android 13; en-US; V2207 Build/TP1A.220624.014) \(webKit) Version/4.0 "
                + "Chrome/100.0.4896.58 UCBrowser/13.6.0.1315 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; moto g(30)) \(webKit) Chrome/124.0.0.0 Mobile "
                + "Safari/537.36 EdgA/124.0.2478.64",
            "Mozilla/5.0 (Linux; Android 10; M2006C3MG) \(webKit) Chrome/114.0.5735.196 YaBrowser/23.7.5.73.00 SA/3 "
                + "Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 9; KFTRWI) \(webKit) Silk/123.2.1 like Chrome/123.0.6312.118 Safari/537.36",
            "Mozilla/5.0 (Linux; U; Android 4.4.2; en-us; GT-I9195 Build/KOT49H) AppleWebKit/534.30 "
                + "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
            "Dalvik/2.1.0 (Linux; U; Android 12; SM-G991B Build/SP1A.210812.016)",
            "Mozilla/5.0 (SMART-TV; LINUX; Tizen 7.0) \(webKit) SamsungBrowser/5.0 Chrome/94.0.4606.31 "
                + "TV Safari/537.36",
            "Mozilla/5.0 (Web0S; Linux/SmartTV) \(webKit) Chrome/87.0.4280.88 Safari/537.36 WebAppManager",
            "Mozilla/5.0 (Linux; Android 9; AFTKA) \(webKit) Chrome/122.0.6261.119 Safari/537.36",
            "Mozilla/5.0 (PlayStation; PlayStation 5/8.20) \(iOSKit) Version/15.4 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) \(webKit) Chrome/119.0.0.0 Safari/537.36 "
                + "Edge/44.18363.8131",
            "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) \(webKit) Chrome/52.0.2743.116 "
                + "Mobile Safari/537.36 Edge/15.15063",
            "Mozilla/5.0 (Mobile; LYF/F300B/LYF-F300B-001-01-15-130718-i; Android; rv:48.0) Gecko/48.0 Firefox/48.0 "
                + "KAIOS/2.5",
            "Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16",
            "Mozilla/5.0 (X11; Linux x86_64) \(webKit) HeadlessChrome/124.0.6367.60 Safari/537.36",
        ]
    }()
}
