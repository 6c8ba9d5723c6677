// Structural marks and the long tail of named bots. Notation: see `BotPattern`.
extension BotPatterns {
    /// Marks that real browsers never send: contact addresses, page URLs of a bot policy, empty `compatible`.
    static var structural: [String] {
        [
            "(at)", "[at]", "mailto:", ".htm", ".php", "(compatible)", "@gmail.", "@googlemail.", "@hotmail.",
            "@outlook.", "@yahoo.", "@proton", "@yandex.", "@mail.ru", "@qq.com", "@163.com", "notion.so;",
        ]
    }

    /// Named crawlers, scanners and services that none of the generic keywords catch.
    static var longTail: [String] {
        [
            "|itms", "|butterfly/", "domainreanimator", "|7siters", "dataminr.com", "centuryb.o.t9", "|shareaholic",
            "|genieo", "google_partner_monitoring", "developers.google.com/+/web/snippet", "|hubpages", "|idg/",
            "|ips-agent", "newsblur feed finder", "|octopus ", "|rainmeter", "|robozilla", "|optimizer)", "|sixy.ch",
            "|sparkler/", "|the knowledge ai", "|tracemyfile", "|twingly", "|xenforo/", "yahoo:linkexpander",
            "|naverjapan", "|yourls", "|zao/", "zelist.ro", "|evc-batch", "nbertaupete95", "|sprinklr",
            "cloudflarediagnostics", "cloudflareobservatory", "|bw/", "|webdatastats", "notifyninja", "|veryhip",
            "|muscatferret", "|pagething", "|choosito", "internaetboten", "tomnomnom/meg", "|plukkie", "gdnplus.com",
            "|junglekey", "|sitemapparser", "|dmbrowser", "|crawldad", "^cortex/", "|re-re studio", "nameofagent",
            "|um-ln/", "|um-ic/", "|um-fc/", "|um-cc/", "|um-ans/", "ubermetrics", "|abonti", "alittle client",
            "^hello, world", "^hello world", "wp_is_mobile", "0xabyssaldoesntexist", "|domainappender",
            "page modified pinger", "|faveeo", "|kocmohabt", "|macocu", "do not track verifier", "scamadviser",
            "|afb/", "serpreputationmanagement", "|crawlson", "|tchelebi", "|anarchy99", "^revolt", "nvd0rz",
            "nvdorz", "^xfa1", "|hakai/", "^gbrmss", "fuck-your-hp", "idbte4m", "^antoine$", "^insomania",
            "hells-net", "b3astmode", "linux gnu (cow)", "test certificate info", "googleadsenseinfeed", "(iplabel;",
            "|pageburst", "reqbin", "|googleprober", "^google$", "|hackermention", "|vuhuvrbt", "|ant.com",
            "^magellan", "^phpmyadmin", "^trackable/", "^matomo/", "^firefox$", "^chrome$", "^desktop$", "^abcd$",
            "^dark$", "^kvshclient$", "^node$", "^node.js$", "^report runner$", "^url$", "^zeus$", "^zmeu", "^owler",
            "|owler@", "|owler-w", "thesafeinternetsearch", "thesafeinternetxsearch", "thesafexinternetsearch",
            "|example3/", "kirkland-signature", "|odin;", "nettrack anonymous", "survey-security-dot-txt", "^zeno$",
            "|searcherweb", "|searcherxweb", "|hlb/", "adstxtcrawler", "|kiwitcms", "360jk yunjiankong", "linkchain",
            "ucsbnetworkmeasurement", "|2gdpr", "abuse.xmco.fr", "^googlesites", "infrawatch", "|ds9 ",
            "geedoproductsearch", "geedoshopproductfinder", "scan@", "r00ts3c", "^root slut", "niggaballs",
            "|botpoke", "|punkmap", "genomecrawlerd", "|depspid", "|globalwebsearch", "xx032_bo9vs83_2a", "|sslshed",
            "gecko/geckotrail", "|wordup", "|convertify", "|spiderling", "|keydrop", "|inspici", "cms-experim",
            "|sbider", "john recon", "spark commit", "jesus christ of nazareth", "masjesu", "komaru_the_cat",
            "|kowai/", "|lolisec", "^lmao/", "|onlyscans", "|xtate/", "azure-logic-apps", "microsoft-flow",
            "simbiat software", "|terracotta", "ceramicterracotta", "cypex.ai", "|ort/", "|cybaaagent",
            "|secweb-sectxt", "|ugaresearchagent", "|honeygain", "|tiberius/", "|linkbloom", "anthropic-claude",
            "|aw-wb-filter", "|sqalix", "safersoftwashleadgen", "|linkreader/", "|lumewebscan", "amazon-kendra",
            "|blackboardally", "|blackboard safeassign", "(internal dummy connection)", "|copyviodetector",
            "|dormouse", "|formfinder", "|importdomains", "|charlotte/", "|riddler", "visionheight.com",
            "|artelleadradar", "|findergo", "|kenyadomainscorer", "|phishbucketrust", "|goosee-audit", "|letrixlabs",
            "|rootevidence", "|mycellar", "|kaupr", "|prospectorbr", "|domaindrift", "|ec2linkfinder", "|drupact",
            "|wesee:search", "|binlar", "|metauri", "|deusu/", "|ranksonic", "|iskanie", "|barkrowler",
            "|digg deeper", "|ning/", "^upflow/", "|thinklab", "|moreover/", "|scoutjet", "^disqus/", "|grouphigh",
            "fedoraplanet", "|nextcloud-news", "^viber$", "|hydrozen.io", "air.ai/scanning", "|asnriskscorer",
            "|newsai/", "|a360-search", "|accessstatus", "|acquia optimize", "|activecomply", "|anomura/",
            "|attracta", "|bestchange", "|blockaid", "|cloudtrellis", "|cludo", "|collapsify", "currentreader.app",
            "|drataautopilot", "|dreamhost data team", "|fastdast", "|metaiab", "|nitro-", "|sequelwp", "|silktide",
            "|watchful", "|webspidermount", "|emoney advisor", "|matchorysearch", "|caveman-hunter", "|nicheindex",
            "|headonlyscraper", "|impact.com agent", "|sqwatcher", "|sv-watchagent", "|tsm-turingos", "|008/",
            "|adminlabs", "^adventurer", "^alienfarm", "|allorigins", "|appsiteassociation", "|aragog/",
            "autoconfig test from", "bad neighborhood", "|binarycanary", "|blackduck", "|bushbaby",
            "|capitaloneshopping", "|cert pl", "|cirrusexplorer", "|dlc/", "|easybill-", "|easydns", "|crusty/",
            "discourse forum onebox", "|edgewatch", "|exodusmovement", "|fastmailua", "feed image audit",
            "|hype machine", "hyperhost.ua", "|linkace/", "|magicsearchdev", "|metorik", "|netapi ", "|netshelter",
            "|nooshub", "|webceo", "cozi-icalendar", "|potions/", "|protopage", "|ps_daily", "|pwabuilder",
            "|retrolistecom", "|revvimgort", "|reward-gateway", "giftedvisitor", "^silk/", "|sitesearch360",
            "|sora pos", "|statistikaustria", "|testlocally", "|testuri", "|textrazor", "|theinternetsearchx",
            "|trellis-services", "|unshorten.it", "|urlcheckr", "|websiteops", "|websniffer", "|wsm/", "|wmtips.com",
            "|wjhro/", "|yokoygroupag", "|infosifter", "^whatsapp$", "^whatsapp/", "^spotify/1.0$", " time/",
            "researchcyber", "holubem.eu", "|snoopsec", "libredtail", "youruseragenthere", "php neural network",
            "phpneuralnetwork", "|crusader/", "multi-country-domains", "platform-fingerprint", "|greedyhand",
            "|domainextractor", "nsfw-go-placeholder", "intently.co", "karnoprospecting", "|recon-engine",
            "|recon-crawler", "|bang2013", "^happywing", "podimo.com", "^expanse",
        ]
    }
}
