import Foundation
import JobAnalyze
import JobTestSupport
import Testing

@testable import JobHTML

/// PageReader must build the page libxml2's own parser builds: the same elements, nested the same
/// way, with the same attributes and text, on well-formed pages and on broken ones.
struct PageReaderTests {
    /// Every element, attribute and text run of a page, one per line.
    static func outline(_ page: StreamedPage) -> [String] {
        var lines: [String] = []
        for event in page.events {
            switch event.kind {
            case .start:
                let element = page.elements[Int(event.value)]
                var line = "<\(element.tag) parent=\(element.parent) end=\(element.subtreeEnd)"
                for position in Int(element.firstAttribute)..<Int(element.firstAttribute + element.attributeCount) {
                    let attribute = page.attributes[position]
                    let value = page.attributeBytes[
                        Int(attribute.start)..<Int(attribute.start + attribute.length)]
                    line += " \(attribute.name.text)=[\(String(decoding: value, as: UTF8.self))]"
                }
                lines.append(line + ">")
            case .end:
                lines.append("</\(page.elements[Int(event.value)].tag)>")
            case .text, .cdata:
                let bytes = page.text[Int(event.value)..<Int(event.value + event.length)]
                lines.append("\(event.kind): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
        return lines
    }

    /// The first line where the two outlines part, with the lines around it.
    static func difference(_ bytes: [UInt8], contentType: String? = nil) throws -> String? {
        let ours = outline(try StreamedPage(bytes: bytes, contentType: contentType))
        let reference = outline(try StreamedPage(libxml2: bytes, contentType: contentType))
        if ours == reference { return nil }
        let index = (0..<min(ours.count, reference.count)).first { ours[$0] != reference[$0] } ?? min(ours.count, reference.count)
        let context = max(0, index - 3)
        return "line \(index): ours \(ours[context..<min(ours.count, index + 2)]) libxml2 \(reference[context..<min(reference.count, index + 2)])"
    }

    static var fixturePages: [URL] {
        let files = FileManager.default.enumerator(at: Fixtures.root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
    }

    @Test
    func buildsWhatLibxml2BuildsForEveryFixturePage() throws {
        let pages = Self.fixturePages
        #expect(pages.count > 150)
        for page in pages {
            let bytes = Array(try Data(contentsOf: page))
            if let difference = try Self.difference(bytes) {
                Issue.record("\(page.lastPathComponent): \(difference)")
            }
        }
    }

    static let brokenMarkup: [String] = [
        "<div><td>x</div>y", "<table><tr><td><div>x</td>y", "<div><span><b>x</div>y", "<ul><li>a<div>b</li>c",
        "<tr><td>a</tr>b", "<p>a</span>b", "<body><p>a</body>b</html>c", "<p>a</P >b", "<p>a</p x>b", "<p>a</ p>b",
        "<p>a</3>b", "<p>a</>b", "<p>a</p", "x<p>", "  <!-- c --> <!DOCTYPE html> <html>a", "<!doctype html><p>a",
        "<p>a &amp; b &lt;c&gt; &nbsp;|&eacute;&euro;&apos;&quot;", "<p>&amp b &ampx; &bogus; &bogus x &#65;&#x42;",
        "<p>[&#;][&#x;][&#0;][&#9;][&#128;][&#xD800;][&#1114112;][&#65x][&#xZZ;][&#x1F600;]",
        "<p>& x &; &#a; &1 a&b=c", "<p>AT&T, R&D; &copy2026 &COPY; &Eacute;",
        "<p title=\"a &amp; b &eacute; &#65; &bogus; &amp\" class=x>x</p>",
        "<p class=1 id='2' itemprop=\"3\" role e = 5 content=x/y name=a>b", "<p class=1 class=2 ID=3 @x=4 :y=5>x",
        "<p/>x", "<br/>x<div/>y", "<img src=x/>z", "<p class=\"x>y\">z", "<p class=\"unterminated>z</p>w",
        "<p>a<!-- b -- c -->d", "<p>a<!--->d-->e", "<p>a<!-->d-->e", "<p>a<!-- abc", "<p>a<!x>b",
        "<p>a<![CDATA[x<b>]]>c", "<p>a<?php x ?>b", "<p>a<? x >b", "<p>a<!--b--!>c-->d", "<p>a <  b", "<p>a<1b",
        "<p>a<_x>b", "<p>a<X>b</x>c", "<p>a<!DOCTYPE html>b",
        "<html><head><script>var a=\"</div>\";if(a<b)x();</script><style>p>a{}</style></head>",
        "<script>a</scriptx>b</script>c", "<script>a</SCRIPT>b", "<script>a</script", "<p>a\u{01}b\u{0B}c\u{7F}d",
        "<html><head><title>t</title>junk<meta name=x></head><body>", "<html><head><article>x</article><p>y",
        "<head><div>x", "<html><html lang=en><body><body class=x>a</body></body></html>z",
        "<div><body/>text</div>after", "<table><tr><td>a<td>b<tr><td>c</table>", "<dl><dt>a<dd>b<dt>c</dl>",
        "<select><option>a<option>b<optgroup>c</select>", "<p><h1>x</h1>y</p>", "<a href=1>a<a href=2>b</a>",
        "<ul><li>a<li>b<ul><li>c</ul></ul>", "<form><form>x</form>", "<h2>a<p>b</h2>c", "<font><td>x",
        "<video><source src=a><source src=b></video>after", "<svg><path d='M0'/></svg><math><mi>x</mi></math>",
        "<template><div>x</div></template>y", "<noscript><p>no</p></noscript>", "<textarea><b>x</b></textarea>",
        "<title>a <b>b</b></title>", "<p>\u{FEFF}bom</p>", "\u{FEFF}<p>leading bom</p>", "<p>text\0after</p>",
        "<html>\n<head>\n<title>x</title>\n</head>\n<body>\n<p>a</p>\n</body>\n</html>\n",
        "hello", "<html>  &amp; x", "<html><head><meta charset=utf-8>\neta x\n<meta name=b>\n<title>T</title>\n</head>",
        "!DOCTYPE html>\n\n\n<html lang=en>\n<head>\n<meta name=b>\n</head>\n<body><div>x</div></body></html>",
        "<p>a<body>b<title>c<body>d", "<p>a</p>   ", "<custom-element data-testid=x>a</custom-element>",
    ]

    @Test(arguments: brokenMarkup)
    func repairsBrokenMarkupAsLibxml2Does(_ markup: String) throws {
        let difference = try Self.difference(Array(markup.utf8))
        #expect(difference == nil, "\(markup.debugDescription): \(difference ?? "")")
    }

    /// Fixture pages with markup characters inserted and removed at random (a fixed seed).
    @Test
    func repairsDamagedPagesAsLibxml2Does() throws {
        var generator = SeededGenerator(seed: 2026)
        let sources = try Self.fixturePages.prefix(40).map { Array(try Data(contentsOf: $0)) }
        let debris: [[UInt8]] = ["<", ">", "</", "/>", "\"", "'", "&", "<p>", "</div>", "<td>", "<li>", "<!--", "-->",
            "<script>", "</table>", "<b>", "&amp", "=", " "].map { Array($0.utf8) }
        var checked = 0
        for (index, source) in sources.enumerated() {
            for _ in 0..<5 {
                var bytes = source
                for _ in 0..<8 {
                    let at = Int(generator.next() % UInt64(bytes.count))
                    if generator.next() % 3 == 0 {
                        bytes.removeSubrange(at..<min(bytes.count, at + Int(generator.next() % 6)))
                    } else {
                        bytes.insert(contentsOf: debris[Int(generator.next() % UInt64(debris.count))], at: at)
                    }
                }
                // A cut inside a UTF-8 sequence is repaired differently on purpose (see Transcoder).
                guard Charset.isValidUTF8(bytes) else { continue }
                if let difference = try Self.difference(bytes) {
                    Issue.record("page \(index) damaged: \(difference)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test
    func decodesWindows1252AndRepairsStrayBytes() throws {
        // "Café – €45" in windows-1252, declared.
        let declared: [UInt8] = Array("<meta charset=windows-1252><p>Caf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x80]
            + Array("45</p>".utf8)
        #expect(try StreamedPage(bytes: declared).visibleText() == "Café – €45")
        // Declared UTF-8 with one stray windows-1252 byte: the rest is still read as UTF-8.
        let stray: [UInt8] = Array("<meta charset=utf-8><p>£40 or ".utf8) + [0x80] + Array("50 – ok</p>".utf8)
        #expect(try StreamedPage(bytes: stray).visibleText() == "£40 or €50 – ok")
        // GBK through iconv.
        let gbk: [UInt8] = Array("<meta charset=gbk><p>".utf8) + [0xD4, 0xC2, 0xD0, 0xBD] + Array("</p>".utf8)
        #expect(try StreamedPage(bytes: gbk).visibleText() == "月薪")
    }
}
