import ArgumentParser
import PerchCore
import PerchEnrich

/// `perch ua parse`: what Perch derives from each User-Agent on standard input (spec §11, §7.1).
struct UserAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ua",
        abstract: "Inspect Perch's user-agent parser and bot detector.",
        subcommands: [Parse.self]
    )

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Read User-Agent strings, one per line, on standard input; print one JSON object per line, in order."
        )

        func run() throws {
            let parser = UserAgentParser()
            let bots = BotDetector()
            var output = BufferedOutput()
            while let line = readLine(strippingNewline: true) {
                // A Windows-style line end is not part of the User-Agent.
                let userAgent = line.hasSuffix("\r") ? String(line.dropLast()) : line
                let details = parser.parse(userAgent)
                output.write(
                    "{\"browser\":\(JSONText.quoted(details.browser)),"
                        + "\"browser_version\":\(JSONText.quoted(details.browserVersion)),"
                        + "\"operating_system\":\(JSONText.quoted(details.operatingSystem)),"
                        + "\"operating_system_version\":\(JSONText.quoted(details.operatingSystemVersion)),"
                        + "\"screen_size\":\(JSONText.quoted(details.screenSize)),"
                        + "\"bot\":\(bots.isBot(userAgent))}\n"
                )
            }
            try output.finish()
        }
    }
}
