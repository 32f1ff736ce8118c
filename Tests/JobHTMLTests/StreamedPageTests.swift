import JobHTML
import Testing

/// A StreamedPage must answer as libxml2's tree does for the same page: the SAX events carry the
/// parser's recovery, so every question is asked of both here.
struct StreamedPageTests {
    static let pages: [String] = [
        """
        <html><head><title>Page title</title><style>h1 { color: red }</style></head>
        <body><script>var salary = "$1";</script>
        <h1>Data   Engineer</h1><p>Builds <b>pipelines</b> in   <i>Python</i>.</p>
        <ul><li>SQL</li><li>Airflow</li></ul><noscript>Enable JavaScript</noscript>
        <table><tr><td>Pay</td><td>$100k</td></tr></table>Footer</body></html>
        """,
        // An unclosed div inside header swallows the rest of the page, as in libxml2's tree.
        """
        <html><body><header><nav><a href="/">Home</a><div class="menu">Jobs</nav></header>
        <main><h1>Senior Analyst</h1><span class="label">Location</span><span>Leeds, UK</span>
        <p class="pay">Salary: £45,000&nbsp;per annum</p><div><span>unclosed
        """,
        // Text split by a comment stays two text nodes; an entity joins its neighbours.
        """
        <html><body><div class="job-location"><span>Loc<!-- x -->ation</span><span>Pune</span></div>
        <p>R&amp;D &#32; team <?php echo 1 ?> here</p><dl><dt>Company</dt><dd>Acme &amp; Co</dd></dl></body></html>
        """,
        // Misnested inline and block elements, stray end tags, a table without rows.
        """
        <html><body><div id="job-details"><h2>Title one</h2><h3>Sub</h3><section><h3>Inner</h3></section>
        <b><p>bold para</b> tail</p></td><table><td>cell</table><article role="main">Article text</article>
        <div itemscope itemtype="https://schema.org/JobPosting"><span itemprop="title">ML Engineer</span>
        <div itemprop="baseSalary" itemscope><meta itemprop="currency" content="EUR"></div></div></body></html>
        """,
    ]

    @Test(arguments: pages)
    func visibleTextMatchesTheTree(_ page: String) throws {
        let bytes = utf8(page)
        let tree = try HTMLDocument(bytes: bytes)
        let streamed = try StreamedPage(bytes: bytes)
        #expect(streamed.visibleText() == tree.visibleText())
        for name in ["main", "div", "p", "table", "header"] {
            let first = streamed.first(.named(name))
            #expect(first.map(streamed.visibleText(of:)) == (try tree.visibleText(of: "//\(name)")))
        }
        #expect(streamed.encoding == tree.encoding)
    }

    @Test(arguments: pages)
    func stringValuesAndAttributesMatchTheTree(_ page: String) throws {
        let bytes = utf8(page)
        let tree = try HTMLDocument(bytes: bytes)
        let streamed = try StreamedPage(bytes: bytes)
        for name in ["h1", "h2", "h3", "p", "div", "title", "td", "dt", "dd", "li", "main", "article"] {
            let texts = streamed.all(.named(name)).map(streamed.text(of:))
            let expected = try tree.strings("//\(name)")
            #expect(texts == expected, "//\(name)")
        }
        #expect(
            streamed.all(.hasAttribute("class")).compactMap { streamed.attribute("class", of: $0) }
                == (try tree.strings("//*/@class")))
        #expect(streamed.microdataItems() == tree.microdataItems())
    }

    @Test(arguments: pages)
    func elementsAfterAHeadingMatchTheTree(_ page: String) throws {
        let bytes = utf8(page)
        let tree = try HTMLDocument(bytes: bytes)
        let streamed = try StreamedPage(bytes: bytes)
        let anchorName = streamed.first(.named("h1")) != nil ? "h1" : "h2"
        guard let anchor = streamed.first(.named(anchorName)) else { return }
        let expected = tree.elements(after: "//\(anchorName)", limit: 400)
        let elements = streamed.elements(after: anchor, limit: 400)
        #expect(elements.count == expected.count)
        for (element, described) in zip(elements, expected) {
            let own = described.ownText.utf8.count < 30 ? described.ownText : nil
            #expect(streamed.ownText(of: element, under: 30) == own)
            #expect(streamed.shortText(of: element) == described.shortText)
            if !described.ownText.isEmpty, described.ownText.utf8.count < 30 {
                #expect(streamed.nextSibling(of: element).flatMap(streamed.shortText(of:)) == described.nextSiblingText)
            }
            for word in ["location", "label", "pay", "job"] {
                #expect(streamed.hints(of: element, contain: HintWords([word])) == described.classes.contains(word))
            }
        }
    }

    @Test
    func answersTheQueriesExtractionAsks() throws {
        let page = try StreamedPage(bytes: utf8(Self.pages[3]))
        let headings = ElementMatch.named("h1", "h2", "h3")
        let pane = try #require(page.first(.attribute("id", equals: "job-details")))
        // pane//*[self::h1 or self::h2 or self::h3][1]: the first heading among its siblings.
        let firsts = page.all(headings, within: pane).filter { !page.hasPrecedingSibling($0, matching: headings) }
        #expect(firsts.map(page.text(of:)) == ["Title one", "Inner"])
        #expect(page.first(.attribute("role", equals: "main")).map(page.text(of:)) == "Article text")
        #expect(page.first(.attribute("class", contains: "Job")) == nil)
        let inner = try #require(page.all(.named("h3")).last)
        // preceding:: leaves out ancestors: the section holding "Inner" is not before it.
        let before = page.preceding(inner, limit: 200)
        #expect(before.map(page.text(of:)).prefix(2) == ["Sub", "Title one"])
        #expect(!before.contains { page.matches($0, .named("section")) })
    }

    @Test
    func matchesTypeAttributesAsTranslateDoes() throws {
        let page = try StreamedPage(
            bytes: utf8(
                """
                <html><head><script type="Application/LD+JSON">{"@type":"JobPosting"}</script>
                <script type="text/javascript">var x</script></head><body></body></html>
                """))
        let scripts = page.all(.allOf([.named("script"), .attribute("type", containsLowercased: "ld+json")]))
        #expect(scripts.map(page.text(of:)) == [#"{"@type":"JobPosting"}"#])
    }

    @Test(arguments: [[UInt8](), utf8("   \n\t  ")])
    func rejectsAnEmptyPage(_ bytes: [UInt8]) {
        #expect(throws: HTMLError.emptyDocument) { try StreamedPage(bytes: bytes) }
    }
}
