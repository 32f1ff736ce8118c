import Foundation
import JobReport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A document read with Foundation's `XMLParser` (libxml2): the parse fails unless the text is well-formed XML.
///
/// `XMLDocument` on Linux is no use here: it recovers from broken markup without throwing, and its
/// `attribute(forName:)` misses attributes of elements in a default namespace. ``ReportIndexPageTests`` uses this too.
struct ParsedMarkup {
    struct Element {
        var name: String
        var attributes: [String: String]
        var children: [Element] = []
        /// The element's own text and that of its descendants, concatenated.
        var text = ""

        /// This element and every element below it, in document order.
        var all: [Element] { [self] + children.flatMap(\.all) }

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let root: Element

    init(_ text: String) throws {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        let parsed = parser.parse()
        if !parsed || parser.parserError != nil || builder.failure != nil || builder.stack.count != 1 {
            let reason = builder.failure ?? parser.parserError.map { "\($0)" } ?? "unbalanced elements"
            throw Malformed(description: "not well-formed XML: \(reason)")
        }
        guard let root = builder.stack[0].children.first else { throw Malformed(description: "no root element") }
        self.root = root
    }

    /// Every element with this name (and, if given, with `class` containing `className`), in document order.
    func elements(_ name: String, class className: String? = nil) -> [Element] {
        root.all.filter { element in
            element.name == name
                && (className.map { element.attributes["class"]?.split(separator: " ").contains(Substring($0)) == true }
                    ?? true)
        }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack = [Element(name: "#document", attributes: [:])]
        var failure: String?

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            stack.append(Element(name: elementName, attributes: attributeDict))
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            guard stack.count > 1, stack[stack.count - 1].name == elementName else {
                failure = "unexpected </\(elementName)>"
                return
            }
            let element = stack.removeLast()
            stack[stack.count - 1].children.append(element)
            stack[stack.count - 1].text += element.text
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            failure = failure ?? "\(parseError)"
        }
    }
}

/// Salary figures shaped like the demo's `salary_by_level.csv`.
private let levelBoxes: [SVGChart.Box] = [
    .init(label: "intern", n: 6, p10: 55_840, p25: 58_800, median: 67_600, p75: 83_720, p90: 94_120),
    .init(label: "entry", n: 10, p10: 54_322.8, p25: 69_875, median: 93_750, p75: 103_750, p90: 114_460),
    .init(label: "senior", n: 20, p10: 142_240, p25: 159_375, median: 171_250, p75: 183_750, p90: 195_500),
    .init(label: "executive", n: 2, suppressed: true),
    .init(label: "lead", n: 5, p10: 215_000, p25: 222_500, median: 235_000, p75: 240_000, p90: 264_000),
]

private let industryBars: [SVGChart.Bar] = [
    .init(label: "technology", n: 18, premiumPercent: 17),
    .init(label: "finance", n: 18, premiumPercent: -10.4),
    .init(label: "retail", n: 9, premiumPercent: 0),
    .init(label: "manufacturing", n: 8, premiumPercent: -11.6),
]

struct SVGChartTests {
    @Test
    func producesWellFormedSVG() throws {
        for svg in [
            SVGChart.boxPlots(title: "Salary by level", boxes: levelBoxes, currency: "USD"),
            SVGChart.premiumBars(title: "Industry premium", bars: industryBars),
            SVGChart.boxPlots(title: "Nothing", boxes: [], currency: "EUR"),
            SVGChart.premiumBars(title: "Nothing", bars: []),
        ] {
            let document = try ParsedMarkup(svg)
            #expect(document.root.name == "svg")
            #expect(document.root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            // The accessible name and description come first.
            #expect(document.root.children.prefix(2).map(\.name) == ["title", "desc"])
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("@import") && !svg.contains("url("))
        }
    }

    @Test
    func drawsBoxesInOrderWithTheirLabelsAndCounts() throws {
        let document = try ParsedMarkup(SVGChart.boxPlots(title: "Salary by level", boxes: levelBoxes, currency: "USD"))
        let groups = document.elements("g", class: "group")
        #expect(groups.map { $0.attributes["data-label"] } == levelBoxes.map(\.label))
        #expect(groups.map { $0.attributes["data-n"] } == levelBoxes.map { String($0.n) })
        #expect(document.elements("text", class: "label").map(\.text) == levelBoxes.map(\.label))
        #expect(document.elements("text", class: "n").map(\.text) == levelBoxes.map { "n=\($0.n)" })
        // Top to bottom in the order given.
        let rows = document.elements("text", class: "label").compactMap { $0.number("y") }
        #expect(rows == rows.sorted() && Set(rows).count == rows.count)
    }

    @Test(arguments: [
        SVGChart.Box(label: "spread", n: 9, p10: 40_000, p25: 60_000, median: 75_000, p75: 110_000, p90: 150_000),
        SVGChart.Box(
            label: "median on p25",
            n: 9,
            p10: 90_000,
            p25: 100_000,
            median: 100_000,
            p75: 130_000,
            p90: 140_000
        ),
        SVGChart.Box(
            label: "median on p75",
            n: 9,
            p10: 90_000,
            p25: 100_000,
            median: 130_000,
            p75: 130_000,
            p90: 200_000
        ),
        SVGChart.Box(label: "narrow", n: 5, p10: 99_000, p25: 99_500, median: 99_750, p75: 100_000, p90: 100_250),
    ])
    func placesTheMedianInsideTheBoxAndTheWhiskersOutside(_ box: SVGChart.Box) throws {
        let document = try ParsedMarkup(SVGChart.boxPlots(title: "t", boxes: levelBoxes + [box], currency: "USD"))
        let group = try #require(document.elements("g", class: "group").last)
        let rect = try #require(group.all.first { $0.attributes["class"] == "box" })
        let median = try #require(group.all.first { $0.attributes["class"] == "median" })
        let p25 = try #require(rect.number("x"))
        let p75 = p25 + (try #require(rect.number("width")))
        let x = try #require(median.number("x1"))
        #expect(p25 < p75)
        #expect(p25 <= x && x <= p75)
        #expect(median.number("x1") == median.number("x2"))
        let caps = group.all.filter { $0.attributes["class"] == "whisker-cap" }.compactMap { $0.number("x1") }
        #expect(caps.count == 2)
        #expect(caps.min()! <= p25 && caps.max()! >= p75)
    }

    @Test
    func showsAPlaceholderForASuppressedGroup() throws {
        let document = try ParsedMarkup(SVGChart.boxPlots(title: "t", boxes: levelBoxes, currency: "USD"))
        let executive = try #require(
            document.elements("g", class: "group").first { $0.attributes["data-label"] == "executive" }
        )
        #expect(executive.text.contains("fewer than min_sample salaries"))
        #expect(executive.all.contains { $0.attributes["class"] == "placeholder" })
        #expect(!executive.all.contains { $0.attributes["class"] == "box" || $0.attributes["class"] == "median" })
        #expect(executive.all.contains { $0.name == "text" && $0.text == "n=2" })
        // Groups with figures get no placeholder.
        #expect(document.elements("rect", class: "placeholder").count == 1)
    }

    @Test
    func escapesTextInLabelsAndTitles() throws {
        let label = "R&D <Lab>"
        let title = "Pay at \"R&D\" & 'Ops' <2026>"
        let charts = [
            SVGChart.boxPlots(
                title: title,
                boxes: [.init(label: label, n: 7, p10: 1, p25: 2, median: 3, p75: 4, p90: 5)],
                currency: "USD"
            ),
            SVGChart.premiumBars(title: title, bars: [.init(label: label, n: 7, premiumPercent: 3)]),
        ]
        for svg in charts {
            #expect(svg.contains("R&amp;D &lt;Lab&gt;"))
            #expect(!svg.contains(label))
            #expect(svg.contains("Pay at &quot;R&amp;D&quot; &amp; &#39;Ops&#39; &lt;2026&gt;"))
            let document = try ParsedMarkup(svg)
            #expect(document.elements("title").first?.text == title)
            #expect(document.elements("text", class: "label").map(\.text) == [label])
            #expect(document.elements("g", class: "group").first?.attributes["data-label"] == label)
        }
    }

    @Test
    func replacesControlCharactersSoTheOutputStillParses() throws {
        let svg = SVGChart.premiumBars(
            title: "bell\u{7} tab\there",
            bars: [.init(label: "a\u{0}b", n: 1, premiumPercent: 1)]
        )
        let document = try ParsedMarkup(svg)
        #expect(document.elements("text", class: "label").map(\.text) == ["a\u{FFFD}b"])
    }

    @Test
    func producesIdenticalOutputForTheSameInput() {
        let first = SVGChart.boxPlots(title: "Salary by level", boxes: levelBoxes, currency: "USD")
        let second = SVGChart.boxPlots(title: "Salary by level", boxes: levelBoxes, currency: "USD")
        #expect(Array(first.utf8) == Array(second.utf8))
        #expect(
            SVGChart.premiumBars(title: "Premium", bars: industryBars)
                == SVGChart.premiumBars(title: "Premium", bars: industryBars)
        )
    }

    @Test
    func labelsTheSalaryAxisWithRoundTicks() throws {
        let document = try ParsedMarkup(SVGChart.boxPlots(title: "t", boxes: levelBoxes, currency: "USD"))
        let ticks = document.elements("text", class: "tick")
        #expect(ticks.map(\.text) == ["$50k", "$100k", "$150k", "$200k", "$250k", "$300k"])
        let positions = ticks.compactMap { $0.number("x") }
        #expect(positions == positions.sorted())
        let euros = try ParsedMarkup(
            SVGChart.boxPlots(
                title: "t",
                boxes: [.init(label: "a", n: 5, p25: 1_000_000, median: 1_250_000, p75: 2_000_000)],
                currency: "EUR"
            )
        )
        let euroTicks = euros.elements("text", class: "tick").map(\.text)
        #expect(euroTicks == ["€1M", "€1.2M", "€1.4M", "€1.6M", "€1.8M", "€2M"])
    }

    @Test
    func drawsPremiumsAsBarsEitherSideOfZero() throws {
        let document = try ParsedMarkup(SVGChart.premiumBars(title: "Premium", bars: industryBars))
        let zero = try #require(document.elements("line", class: "zero").first?.number("x1"))
        let groups = document.elements("g", class: "group")
        #expect(groups.map { $0.attributes["data-label"] } == industryBars.map(\.label))
        for (group, bar) in zip(groups, industryBars) {
            let rect = try #require(group.all.first { $0.name == "rect" })
            let left = try #require(rect.number("x"))
            let right = left + (try #require(rect.number("width")))
            if bar.premiumPercent > 0 {
                #expect(rect.attributes["class"] == "bar positive")
                #expect(left == zero && right > zero)
            } else if bar.premiumPercent < 0 {
                #expect(rect.attributes["class"] == "bar negative")
                #expect(left < zero && right == zero)
            } else {
                #expect(left == zero && right == zero)
            }
        }
        #expect(
            document.elements("text", class: "value").map(\.text) == ["+17%", "\u{2212}10.4%", "0%", "\u{2212}11.6%"]
        )
        #expect(document.elements("text", class: "tick").map(\.text).contains("0%"))
    }

    @Test
    func keepsEveryDrawingInsideTheViewBox() throws {
        let longLabel = "Principal Machine Learning Infrastructure Engineering"
        let charts = [
            SVGChart.boxPlots(
                title: "Salary by level",
                boxes: levelBoxes + [.init(label: longLabel, n: 12, median: 120_000)],
                currency: "USD"
            ),
            SVGChart.premiumBars(
                title: "Premium",
                bars: industryBars + [.init(label: longLabel, n: 3, premiumPercent: -40)]
            ),
        ]
        for svg in charts {
            let document = try ParsedMarkup(svg)
            let viewBox = try #require(document.root.attributes["viewBox"]).split(separator: " ").compactMap {
                Double($0)
            }
            #expect(viewBox.count == 4)
            #expect(document.root.number("width") == viewBox[2] && document.root.number("height") == viewBox[3])
            for element in document.root.all {
                for attribute in ["x", "x1", "x2"] {
                    if let x = element.number(attribute) {
                        #expect(0...viewBox[2] ~= x, "\(element.name) \(attribute)")
                    }
                }
                for attribute in ["y", "y1", "y2"] {
                    if let y = element.number(attribute) {
                        #expect(0...viewBox[3] ~= y, "\(element.name) \(attribute)")
                    }
                }
            }
            // Right-aligned labels must start to the right of the left edge, as estimated.
            for label in document.elements("text", class: "label") {
                #expect(label.text.count <= SVGChart.maxLabelCharacters)
                #expect(try #require(label.number("x")) >= Double(label.text.count) * 13 * 0.55)
            }
            #expect(document.elements("g", class: "group").last?.attributes["data-label"] == longLabel)
        }
    }
}
