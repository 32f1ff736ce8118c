import JobFetch
import Testing

/// robots.txt parsing, group selection and path matching (RFC 9309).
struct RobotsRulesTests {
    /// One robots.txt pattern tried against one path.
    struct PatternCase: Sendable, CustomTestStringConvertible {
        let robots: String
        let path: String
        let allowed: Bool
        var testDescription: String { "\(robots.split(separator: "\n").joined(separator: " | ")) → \(path)" }

        /// A single `Disallow` line in the `*` group.
        static func disallow(_ pattern: String, _ path: String, blocks: Bool) -> PatternCase {
            PatternCase(robots: "User-agent: *\nDisallow: \(pattern)", path: path, allowed: !blocks)
        }
    }

    // MARK: Matching

    /// Google's documented examples of path matching, plus RFC 9309 §2.2.3 `*` and `$`.
    static let wildcardCases: [PatternCase] = [
        .disallow("/fish", "/fish", blocks: true),
        .disallow("/fish", "/fish.html", blocks: true),
        .disallow("/fish", "/fish/salmon.html", blocks: true),
        .disallow("/fish", "/fishheads", blocks: true),
        .disallow("/fish", "/fish.php?id=anything", blocks: true),
        .disallow("/fish", "/Fish.asp", blocks: false),
        .disallow("/fish", "/catfish", blocks: false),
        .disallow("/fish", "/?id=fish", blocks: false),
        .disallow("/fish*", "/fishheads/yummy.html", blocks: true),
        .disallow("/fish/", "/fish/?id=anything", blocks: true),
        .disallow("/fish/", "/fish", blocks: false),
        .disallow("/fish/", "/animals/fish/", blocks: false),
        .disallow("/*.php", "/index.php", blocks: true),
        .disallow("/*.php", "/folder/filename.php?parameters", blocks: true),
        .disallow("/*.php", "/folder/any.php.file.html", blocks: true),
        .disallow("/*.php", "/", blocks: false),
        .disallow("/*.php", "/windows.PHP", blocks: false),
        .disallow("/*.php$", "/folder/filename.php", blocks: true),
        .disallow("/*.php$", "/filename.php?parameters", blocks: false),
        .disallow("/*.php$", "/filename.php5", blocks: false),
        .disallow("/fish*.php", "/fishheads/catfish.php?parameters", blocks: true),
        .disallow("/fish*.php", "/Fish.PHP", blocks: false),
        .disallow("/this/path/exactly$", "/this/path/exactly", blocks: true),
        .disallow("/this/path/exactly$", "/this/path/exactly/", blocks: false),
        .disallow("/this/*/exactly", "/this/long/winding/path/exactly", blocks: true),
        .disallow("/a*b*c$", "/a-b-b-c", blocks: true),
        .disallow("/a*b*c$", "/a-b-c-d", blocks: false),
        .disallow("*.gif$", "/images/cat.gif", blocks: true),
        .disallow("/**/x", "/a/x", blocks: true),
        .disallow("/a$b", "/a$b/c", blocks: true),
        .disallow("/jobs?page=", "/jobs?page=2", blocks: true),
        .disallow("/jobs?page=", "/jobs", blocks: false),
    ]

    @Test(arguments: wildcardCases)
    func matchesWildcardsAndEndAnchors(_ example: PatternCase) {
        let rules = RobotsRules(parsing: example.robots, userAgent: "jobmarket")
        #expect(rules.allows(example.path) == example.allowed)
    }

    @Test
    func appliesTheLongestMatch() {
        // RFC 9309 §5.2.
        let rules = RobotsRules(
            parsing: """
                User-Agent: foobot
                Allow: /example/page/
                Disallow: /example/page/disallowed.gif
                """,
            userAgent: "foobot"
        )
        #expect(rules.allows("/example/page/"))
        #expect(rules.allows("/example/page/allowed.gif"))
        #expect(!rules.allows("/example/page/disallowed.gif"))
    }

    /// Google's precedence examples: the longer pattern wins, and `Allow` wins a tie.
    static let precedenceCases: [PatternCase] = [
        PatternCase(robots: "User-agent: *\nAllow: /p\nDisallow: /", path: "/page", allowed: true),
        PatternCase(robots: "User-agent: *\nAllow: /folder\nDisallow: /folder", path: "/folder/page", allowed: true),
        PatternCase(robots: "User-agent: *\nDisallow: /folder\nAllow: /folder", path: "/folder/page", allowed: true),
        PatternCase(robots: "User-agent: *\nAllow: /page\nDisallow: /*.htm", path: "/page.htm", allowed: false),
        PatternCase(robots: "User-agent: *\nAllow: /page\nDisallow: /*.ph", path: "/page.php", allowed: true),
        PatternCase(robots: "User-agent: *\nAllow: /$\nDisallow: /", path: "/", allowed: true),
        PatternCase(robots: "User-agent: *\nAllow: /$\nDisallow: /", path: "/page.htm", allowed: false),
    ]

    @Test(arguments: precedenceCases)
    func prefersTheLongerRuleAndAllowOnATie(_ example: PatternCase) {
        let rules = RobotsRules(parsing: example.robots, userAgent: "jobmarket")
        #expect(rules.allows(example.path) == example.allowed)
    }

    /// RFC 9309 §2.2.2: unreserved characters are decoded, other octets compared percent-encoded.
    static let percentCases: [PatternCase] = [
        .disallow("/foo/bar/ツ", "/foo/bar/%E3%83%84", blocks: true),
        .disallow("/foo/bar/%E3%83%84", "/foo/bar/ツ", blocks: true),
        .disallow("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", blocks: true),
        .disallow("/foo/bar/%62%61%7A", "/foo/bar/baz", blocks: true),
        .disallow("/foo/bar/baz", "/foo/bar/%62%61%7a", blocks: true),
        .disallow("/a b", "/a%20b", blocks: true),
        .disallow("/a%2Fb", "/a/b", blocks: false),
        .disallow("/a%2fb", "/a%2Fb", blocks: true),
        .disallow("/100%", "/100%", blocks: true),
        .disallow("/%zz", "/%ZZ", blocks: false),
    ]

    @Test(arguments: percentCases)
    func comparesAfterPercentEncodingNormalisation(_ example: PatternCase) {
        let rules = RobotsRules(parsing: example.robots, userAgent: "jobmarket")
        #expect(rules.allows(example.path) == example.allowed)
    }

    @Test
    func treatsAnEmptyDisallowAsAllowingEverything() {
        let rules = RobotsRules(parsing: "User-agent: *\nDisallow:\n", userAgent: "jobmarket")
        #expect(rules.allows("/"))
        #expect(rules.allows("/private/jobs?page=1"))
        #expect(rules == RobotsRules.allowAll)
    }

    @Test
    func treatsAnEmptyPathAsTheRoot() {
        let rootOnly = RobotsRules(parsing: "User-agent: *\nDisallow: /$", userAgent: "jobmarket")
        #expect(!rootOnly.allows(""))
        #expect(!rootOnly.allows("/"))
        #expect(rootOnly.allows("/jobs"))
        #expect(!rootOnly.allows("#top"))
    }

    @Test
    func prefixesASlashToPatternsWithoutOne() {
        let rules = RobotsRules(parsing: "User-agent: *\nDisallow: private/", userAgent: "jobmarket")
        #expect(!rules.allows("/private/a"))
        #expect(rules.allows("/public/private/a"))
    }

    @Test(arguments: ["/robots.txt", "/robots.txt?refresh=1"])
    func alwaysAllowsRobotsTxt(_ path: String) {
        let rules = RobotsRules(parsing: "User-agent: *\nDisallow: /\nDisallow: /robots.txt$", userAgent: "jobmarket")
        #expect(rules.allows(path))
        #expect(RobotsRules.disallowAll.allows(path))
        #expect(!rules.allows("/robots.txt.bak"))
    }

    @Test(arguments: ["", "/", "/jobs", "/jobs?page=2", "/a/b/c.html", "/%E3%83%84"])
    func allowAllAndDisallowAllCoverEveryPath(_ path: String) {
        #expect(RobotsRules.allowAll.allows(path))
        #expect(!RobotsRules.disallowAll.allows(path))
        #expect(RobotsRules.allowAll.crawlDelay == nil)
        #expect(RobotsRules.disallowAll.crawlDelay == nil)
    }

    // MARK: Group selection

    /// RFC 9309 §5.1, the simple example.
    static let rfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """

    static let rfcExampleCases: [(agent: String, path: String, allowed: Bool)] = [
        ("foobot", "/example/page.html", true),
        ("foobot", "/example/allowed.gif", true),
        ("foobot", "/example/other.html", false),
        ("foobot", "/", false),
        ("barbot", "/example/page.html", false),
        ("barbot", "/example/other.gif", true),
        ("bazbot", "/example/page.html", false),
        ("bazbot", "/publications/x", true),
        ("quxbot", "/example/page.html", true),
        ("quxbot", "/x.gif", true),
        ("otherbot", "/x.gif", false),
        ("otherbot", "/example/page.html", false),
        ("otherbot", "/publications/x", true),
        ("otherbot", "/", true),
    ]

    @Test(arguments: rfcExampleCases)
    func followsTheRFCSimpleExample(_ example: (agent: String, path: String, allowed: Bool)) {
        let rules = RobotsRules(parsing: Self.rfcExample, userAgent: example.agent)
        #expect(rules.allows(example.path) == example.allowed)
    }

    @Test
    func prefersItsOwnGroupOverTheStarGroup() {
        let text = """
            User-agent: *
            Disallow: /

            User-agent: jobmarket
            Disallow: /admin
            """
        let own = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(own.allows("/jobs"))
        #expect(!own.allows("/admin/users"))
        let other = RobotsRules(parsing: text, userAgent: "otherbot")
        #expect(!other.allows("/jobs"))
    }

    @Test
    func fallsBackToTheStarGroup() {
        let rules = RobotsRules(
            parsing: "User-agent: googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /search\n",
            userAgent: "jobmarket"
        )
        #expect(rules.allows("/jobs"))
        #expect(!rules.allows("/search?q=swift"))
    }

    @Test
    func allowsEverythingWithoutAMatchingGroup() {
        let rules = RobotsRules(parsing: "User-agent: googlebot\nDisallow: /\n", userAgent: "jobmarket")
        #expect(rules.allows("/"))
        #expect(rules == RobotsRules.allowAll)
    }

    @Test
    func mergesEveryGroupThatNamesTheAgent() {
        let text = """
            User-agent: jobmarket
            Disallow: /a
            Crawl-delay: 2

            User-agent: *
            Disallow: /c

            User-agent: JobMarket
            Disallow: /b
            Crawl-delay: 5
            """
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket/1.0")
        #expect(!rules.allows("/a"))
        #expect(!rules.allows("/b"))
        #expect(rules.allows("/c"))
        #expect(rules.crawlDelay == 5)
    }

    @Test
    func mergesEveryStarGroup() {
        let rules = RobotsRules(
            parsing: "User-agent: *\nDisallow: /a\nUser-agent: other\nDisallow: /b\nUser-agent: *\nDisallow: /c",
            userAgent: "jobmarket"
        )
        #expect(!rules.allows("/a"))
        #expect(rules.allows("/b"))
        #expect(!rules.allows("/c"))
    }

    @Test
    func sharesOneGroupAcrossConsecutiveAndBlankSeparatedUserAgentLines() {
        let text = """
            User-agent: otherbot

            User-agent: jobmarket
            # a comment between the agents
            User-agent: thirdbot
            Disallow: /private

            Disallow: /also-private
            """
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(!rules.allows("/private"))
        #expect(!rules.allows("/also-private"))
        #expect(rules == RobotsRules(parsing: text, userAgent: "otherbot"))
    }

    @Test
    func startsANewGroupAfterRuleLines() {
        let text = "User-agent: jobmarket\nDisallow: /a\nUser-agent: otherbot\nDisallow: /b"
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(!rules.allows("/a"))
        #expect(rules.allows("/b"))
    }

    @Test(arguments: [
        "jobmarket", "JobMarket", "JOBMARKET", "jobmarket/1.0", "Jobmarket/2.3 (+https://x)", " jobmarket ",
    ])
    func matchesTheRobotsTokenCaseInsensitively(_ token: String) {
        let rules = RobotsRules(parsing: "User-agent: \(token)\nDisallow: /secret", userAgent: "jobmarket")
        #expect(!rules.allows("/secret"))
    }

    @Test(arguments: [
        "jobmarket/1.0 (+https://x)", "JobMarket/1.0", "jobmarket (+https://x)", "jobmarket", "  jobmarket/1.0",
    ])
    func extractsTheProductTokenFromTheUserAgentString(_ userAgent: String) {
        let rules = RobotsRules(parsing: "User-agent: jobmarket\nDisallow: /secret", userAgent: userAgent)
        #expect(!rules.allows("/secret"))
    }

    @Test(arguments: ["jobmarketbot", "job", "jobmarket-test", "market", "jobmarket2/1.0"])
    func ignoresTokensThatOnlyShareAPrefix(_ token: String) {
        let rules = RobotsRules(parsing: "User-agent: \(token)\nDisallow: /", userAgent: "jobmarket/1.0")
        #expect(rules.allows("/jobs"))
    }

    @Test
    func ignoresRulesBeforeTheFirstUserAgent() {
        let rules = RobotsRules(parsing: "Disallow: /\nUser-agent: *\nDisallow: /tmp", userAgent: "jobmarket")
        #expect(rules.allows("/jobs"))
        #expect(!rules.allows("/tmp/x"))
    }

    // MARK: Crawl-delay

    @Test(arguments: [("10", 10.0), ("0.5", 0.5), ("2.25", 2.25), ("0", 0), (".5", 0.5), ("3.", 3), (" 7 ", 7)])
    func readsCrawlDelay(_ value: String, _ seconds: Double) {
        let rules = RobotsRules(parsing: "User-agent: *\nCrawl-delay: \(value)\nDisallow: /x", userAgent: "jobmarket")
        #expect(rules.crawlDelay == seconds)
        #expect(!rules.allows("/x"))
    }

    @Test(arguments: ["-1", "abc", "", "inf", "nan", "1e3", "1.2.3", "5s", "0x10", "+3", "."])
    func ignoresInvalidCrawlDelay(_ value: String) {
        let rules = RobotsRules(parsing: "User-agent: *\nCrawl-delay: \(value)", userAgent: "jobmarket")
        #expect(rules.crawlDelay == nil)
    }

    @Test
    func readsCrawlDelayFromTheChosenGroupOnly() {
        let text = """
            User-agent: *
            Crawl-delay: 30

            User-agent: jobmarket
            Crawl-delay: 1.5
            Disallow: /tmp

            User-agent: otherbot
            Disallow: /
            """
        #expect(RobotsRules(parsing: text, userAgent: "jobmarket").crawlDelay == 1.5)
        #expect(RobotsRules(parsing: text, userAgent: "somebot").crawlDelay == 30)
        #expect(RobotsRules(parsing: text, userAgent: "otherbot").crawlDelay == nil)
    }

    // MARK: Robustness

    @Test
    func ignoresCommentsSitemapsAndFieldNameCase() {
        let text = """
            # robots.txt for jobs.example
            SITEMAP: https://jobs.example/sitemap.xml
            USER-AGENT: JobMarket   # that's us
            dIsAlLoW: /drafts   # unfinished postings
            ALLOW : /drafts/public
            crawl-DELAY: 4 # seconds
            Host: jobs.example
            #Disallow: /everything
            """
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(!rules.allows("/drafts/1"))
        #expect(rules.allows("/drafts/public/1"))
        #expect(rules.allows("/everything"))
        #expect(rules.crawlDelay == 4)
    }

    @Test(arguments: ["\r\n", "\r", "\n", "\n\r"])
    func splitsLinesOnAnyLineEnd(_ lineEnd: String) {
        let text = ["User-agent: otherbot", "Disallow: /", "", "User-agent: jobmarket", "Disallow: /a", "Allow: /a/b"]
            .joined(separator: lineEnd)
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(rules.allows("/"))
        #expect(!rules.allows("/a/x"))
        #expect(rules.allows("/a/b"))
    }

    @Test
    func skipsALeadingByteOrderMark() {
        let rules = RobotsRules(
            parsing: "\u{FEFF}User-agent: jobmarket\r\nDisallow: /private\r\n",
            userAgent: "jobmarket"
        )
        #expect(!rules.allows("/private"))
    }

    @Test
    func ignoresLinesWithoutAColon() {
        let text = "User-agent jobmarket\nUser-agent: *\nDisallow /a\nthis is not a rule\nDisallow: /b\n:\n::::"
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(rules.allows("/a"))
        #expect(!rules.allows("/b"))
    }

    @Test(arguments: 0..<8)
    func survivesBinaryJunk(_ seed: Int) {
        // A small linear congruential generator keeps the junk reproducible.
        var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func junk(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        // Field names before the junk carry it into the agent, rule and delay parsers too.
        let fields = ["User-agent: ", "Allow: ", "Disallow: ", "Crawl-delay: ", "", "User-agent: *\n"]
        var bytes: [UInt8] = []
        for index in 0..<600 {
            bytes += Array(fields[index % fields.count].utf8) + junk(index % 50) + [0x0A]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let userAgent = String(decoding: junk(30), as: UTF8.self)
        let rules = RobotsRules(parsing: text, userAgent: userAgent)
        for _ in 0..<200 {
            _ = rules.allows(String(decoding: junk(20), as: UTF8.self))
        }
        _ = rules.allows("%")
        _ = rules.allows("/%4")
        #expect(rules.allows("/robots.txt"))
        if let delay = rules.crawlDelay { #expect(delay >= 0 && delay.isFinite) }
    }

    @Test
    func readsAFileWithOnlyDegenerateLines() {
        for text in [
            "", "\u{FEFF}", "\r\n\r\n", "#", ":", "User-agent:", "Disallow:", "\u{0}\u{0}\u{0}", "\u{FEFF}\u{FEFF}",
        ] {
            #expect(RobotsRules(parsing: text, userAgent: "jobmarket") == RobotsRules.allowAll)
        }
    }

    @Test
    func stopsParsingAfter500KiB() {
        let padding = String(repeating: "# filler line of comment text to pad the file\n", count: 12_000)
        #expect(padding.utf8.count > 500 * 1024)
        let text = "User-agent: *\nDisallow: /early\n" + padding + "Disallow: /late\n"
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(!rules.allows("/early"))
        #expect(rules.allows("/late"))
    }

    @Test
    func dropsTheLineCutByTheSizeLimit() {
        let header = "User-agent: *\nDisallow: /\n"
        // The Allow line straddles the 500 KiB limit; a truncated "/publ" would allow more than meant.
        let fill = String(repeating: "#", count: 500 * 1024 - header.utf8.count - 10) + "\n"
        let text = header + fill + "Allow: /public-only\n"
        let rules = RobotsRules(parsing: text, userAgent: "jobmarket")
        #expect(!rules.allows("/publ"))
        #expect(!rules.allows("/public-only"))
    }

    @Test
    func matchesThousandsOfPathsAgainstManyRules() {
        var lines = ["User-agent: *"]
        for index in 0..<200 {
            lines.append("Disallow: /section\(index)/*/private*.html$")
            lines.append("Allow: /section\(index)/public")
        }
        let rules = RobotsRules(parsing: lines.joined(separator: "\n"), userAgent: "jobmarket")
        var allowed = 0
        for index in 0..<5_000 {
            let path = "/section\(index % 250)/\(index)/private-\(index).html"
            if rules.allows(path) { allowed += 1 }
        }
        // Sections 200..<250 have no rules: 50 of every 250 paths.
        #expect(allowed == 1_000)
    }

    @Test
    func comparesEqualForEquivalentFiles() {
        let compact = RobotsRules(parsing: "User-agent: *\nDisallow: /a\nAllow: /a/b", userAgent: "jobmarket")
        let verbose = RobotsRules(
            parsing: "# hi\r\nuser-agent:   *  \r\n\r\nallow: /a/b # ok\r\ndisallow: /a\r\nsitemap: /s.xml",
            userAgent: "jobmarket/1.0"
        )
        #expect(compact == verbose)
        #expect(compact != RobotsRules.allowAll)
        #expect(RobotsRules(parsing: "User-agent: *\nDisallow: /", userAgent: "x") == RobotsRules.disallowAll)
    }
}
