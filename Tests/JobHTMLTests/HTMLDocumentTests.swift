import JobHTML
import Testing

/// The bytes of a page written in ISO-8859-1: every scalar below U+0100 becomes one byte.
func latin1(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
        precondition(scalar.value < 0x100, "not Latin-1: \(scalar)")
        return UInt8(scalar.value)
    }
}

func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

struct HTMLDocumentTests {
    @Test
    func readsLatin1PagesDeclaredByMeta() throws {
        let page = latin1(
            """
            <html><head><meta charset="iso-8859-1"><title>Jobs</title></head>
            <body><h1>Data Analyst</h1><p>Salary: £45,000</p><p>Location: Zürich</p></body></html>
            """)
        let document = try HTMLDocument(bytes: page)
        #expect(try document.firstText("//p[1]") == "Salary: £45,000")
        #expect(try document.firstText("//p[2]") == "Location: Zürich")
        #expect(!document.visibleText().contains("\u{FFFD}"))
    }

    @Test
    func readsUndeclaredUTF8WithoutMojibake() throws {
        let page = utf8("<html><body><h1>Data Engineer</h1><p>€70.000 – €85.000</p></body></html>")
        let document = try HTMLDocument(bytes: page)
        let pay = try document.firstText("//p")
        #expect(pay == "€70.000 – €85.000")
        #expect(document.encoding == "UTF-8")
        #expect(!(pay ?? "").contains("â"))
    }

    @Test
    func prefersTheHTTPCharsetOverTheMetaTag() throws {
        // The server is right: the bytes are Latin-1, though the page claims UTF-8.
        let page = latin1("<html><head><meta charset=\"utf-8\"></head><body><p>Zürich, £45,000</p></body></html>")
        let document = try HTMLDocument(bytes: page, contentType: "text/html; charset=ISO-8859-1")
        #expect(try document.firstText("//p") == "Zürich, £45,000")
    }

    @Test
    func prefersAByteOrderMarkOverTheMetaTag() throws {
        let page = [0xEF, 0xBB, 0xBF] + utf8(
            "<html><head><meta charset=\"iso-8859-1\"></head><body><h1>Zürich</h1><p>€70.000</p></body></html>")
        let document = try HTMLDocument(bytes: page)
        #expect(document.encoding == "UTF-8")
        #expect(try document.firstText("//h1") == "Zürich")
        #expect(try document.firstText("//p") == "€70.000")
    }

    @Test
    func recoversFromBrokenMarkup() throws {
        let page = utf8(
            """
            <html><body><div class="job"><h1>Senior Data Scientist</h1>
            <ul><li>Python<li>SQL & dbt<li>Spark</ul>
            <p>Apply <b>now
            """)
        let document = try HTMLDocument(bytes: page)
        #expect(try document.firstText("//h1") == "Senior Data Scientist")
        #expect(try document.strings("//li").map(TextCleaner.collapseWhitespace) == ["Python", "SQL & dbt", "Spark"])
        #expect(document.visibleText().contains("Apply now"))
    }

    @Test
    func visibleTextSkipsScriptsAndStylesAndBreaksAtBlocks() throws {
        let page = utf8(
            """
            <html><head><title>Page title</title><style>h1 { color: red }</style></head>
            <body><script>var salary = "$1";</script>
            <h1>Data   Engineer</h1><p>Builds <b>pipelines</b> in   <i>Python</i>.</p>
            <ul><li>SQL</li><li>Airflow</li></ul><noscript>Enable JavaScript</noscript>
            <table><tr><td>Pay</td><td>$100k</td></tr></table>Footer</body></html>
            """)
        let text = try HTMLDocument(bytes: page).visibleText()
        #expect(text == "Data Engineer\nBuilds pipelines in Python.\nSQL\nAirflow\nPay $100k\nFooter")
    }

    @Test
    func visibleTextOfAnElementKeepsToThatElement() throws {
        let page = utf8("<html><body><nav>Home</nav><main><h1>Analyst</h1><p>Pay well</p></main></body></html>")
        let document = try HTMLDocument(bytes: page)
        #expect(try document.visibleText(of: "//main") == "Analyst\nPay well")
        #expect(try document.visibleText(of: "//article") == nil)
    }

    @Test
    func answersXPathWithAttributesAndStrings() throws {
        let page = utf8(
            """
            <html><head><meta property="og:title" content="ML Engineer"></head><body>
            <a href="/jobs/1">One</a><a href="/jobs/2">Two</a><h1>  Spaced
              title </h1><ul><li>a</li><li>b</li><li>c</li></ul></body></html>
            """)
        let document = try HTMLDocument(bytes: page)
        #expect(try document.strings("//a/@href") == ["/jobs/1", "/jobs/2"])
        #expect(try document.firstText("//meta[@property='og:title']/@content") == "ML Engineer")
        #expect(try document.strings("normalize-space(//h1)") == ["Spaced title"])
        #expect(try document.strings("count(//li)") == ["3"])
        #expect(try document.strings("count(//li) > 2") == ["true"])
        #expect(try document.strings("//section") == [])
        #expect(try document.firstText("//section") == nil)
    }

    @Test(arguments: ["//div[", "//*[@class='x'", "///", "count(("])
    func rejectsAnInvalidXPath(_ expression: String) throws {
        let document = try HTMLDocument(bytes: utf8("<html><body><div>x</div></body></html>"))
        #expect(throws: HTMLError.invalidXPath(expression)) { try document.strings(expression) }
    }

    @Test(arguments: [[UInt8](), utf8("   \n\t  "), utf8("\r\n")])
    func rejectsAnEmptyPage(_ bytes: [UInt8]) {
        #expect(throws: HTMLError.emptyDocument) { try HTMLDocument(bytes: bytes) }
    }
}
