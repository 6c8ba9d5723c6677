// Monitors, scanners and browser automation. Notation: see `BotPattern`.
extension BotPatterns {
    /// Uptime, synthetic and performance monitors; certificate, security and internet-wide scanners; load testers.
    static var monitorsAndScanners: [String] {
        [
            "|pingdom", "|uptimerobot", "|statuscake", "|site24x7", "|newrelicpinger", "|newrelicsynthetics",
            "|datadog", "|dynatrace", "|ruxitsynthetic", "|catchpoint", "|thousandeyes", "|uptrends", "|uptimia",
            "|updown.io", "|hetrixtools", "|nodeping", "|onlineornot", "|freshping", "|betteruptime",
            "|better stack", "|checkly", "|alertsite", "|gomeza", "|keynote", "|rigor", "|blackbox exporter",
            "|prometheus", "|zabbix", "|nagios", "|check_http", "|icinga", "|munin", "|collectd", "|cacti",
            "|server density", "|serverdensity", "|panopta", "|monitis", "|watchmouse", "|wheresitup",
            "|host-tracker", "|hosttracker", "|downnotifier", "|downtimedetector", "|uptimedoctor",
            "|uptimestatistics", "|pulsetic", "|pingping", "|pingadmin", "|netumo", "|wedos online", "|netvigie",
            "|montools", "|monspark", "|easycron", "|cronless", "|httpmon", "|webmon", "|sentry/", "|bugsnag",
            "|appinsights", "|elastic/synthetics", "|elastic synthetics", "|grafana", "|synthetic-monitoring",
            "|datadogsynthetics", "|sincerasyntheticuser", "|functionize", "|solarwinds", "|splunk",
            "|rackspace monitoring", "|tls tester", "|ssl labs", "|ssllabs", "|hardenize", "|securityheaders",
            "|mxtoolbox", "|dnsresearch", "|internetmeasurement", "|research scan", "|researchscan", "|censys",
            "|shodan", "|masscan", "|zgrab", "|nmap", "|nessus", "|openvas", "|qualys", "|acunetix", "|arachni",
            "|sqlmap", "|nikto", "|wpscan", "|whatweb", "|gobuster", "|dirbuster", "|nuclei", "|l9explore",
            "|l9tcpid", "|l9scan", "|leakix", "|xpanse", "|bitdiscovery", "|assetnote", "|detectify", "|probely",
            "|tenable", "|cyberscan", "|watchtowr", "|sitelock", "|foregenix", "|wtotem", "|wpsec", "|wpmu dev",
            "|managewp", "|mainwp", "|wp time capsule", "|wpumbrella", "|vaultpress", "|modularconnector", "|sucuri",
            "|quttera", "|virustotal", "|urlscan", "|phishtank", "|barracuda", "|yandexantivirus", "|let's encrypt",
            "|letsencrypt", "|comodo dcv", "|sectigo", "|digicert", "|certchief", "|google-trust-services",
            "|cloudflare-", "|cloudflare custom", "|cloudflare diagnostics", "|cloudflare smart transit",
            "|cloudflare observatory", "|keycdn-tools", "|2ip.ru", "|whatsmyip", "|isitwp", "|fontradar", "|tineye",
            "|ezgif", "|remove.bg", "|shortpixel", "|imagemind", "|k6/", "|apachebench", "|loadimpact", "|jmeter",
            "|gatling", "|locust", "|siege/", "|vegeta", "|wrk/",
        ]
    }

    /// Headless browsers and browser automation.
    static var automation: [String] {
        [
            "headlesschrome", "headless chrome", "|phantomjs", "|phantomas", "|slimerjs", "|puppeteer",
            "|playwright", "|selenium", "|webdriver", "|chrome-lighthouse", "|splash version", "|htmlunit",
            "|httpunit", "|mechanize", "|casperjs", "|nightmare", "|zombie.js",
        ]
    }
}
