import Foundation

/// A static `index.html` for a reports folder: charts inlined as SVG, the tables, and links to every CSV file.
///
/// The page needs no network and no JavaScript: the CSS is inline, fonts are the system's, and the CSV links are
/// relative. Every text from the caller is HTML-escaped; the SVGs are inserted as given, so pass only the output of
/// ``SVGChart``. The markup is also well-formed XML (void elements self-closed, no named entities besides the XML
/// five), which lets tests read it with an XML parser.
public enum ReportIndexPage {
    /// One part of the page: a heading, then an optional note, chart and table, in that order.
    public struct Section: Sendable {
        public var heading: String
        /// An SVG document from ``SVGChart``, inlined as is.
        public var svg: String?
        public var table: CSVTable?
        /// A sentence or two under the heading, such as how the figures were computed.
        public var note: String?

        public init(heading: String, svg: String? = nil, table: CSVTable? = nil, note: String? = nil) {
            self.heading = heading
            self.svg = svg
            self.table = table
            self.note = note
        }
    }

    /// Tables with more rows than this are folded into a `<details>` element, open on a click.
    public static let foldedTableRows = 40

    /// The text shown for an empty cell ("not available").
    public static let emptyCell = "—"

    /// The whole page.
    ///
    /// - Parameters:
    ///   - sections: the parts of the page, in order; each gets an anchor `section-1`, `section-2`, … and an entry
    ///     in the contents list.
    ///   - csvFiles: file names relative to the page, linked in the order given.
    ///   - generatedAt: when the reports were written, shown as given.
    ///   - postings: how many postings the reports cover.
    public static func html(sections: [Section], csvFiles: [String], generatedAt: String, postings: Int) -> String {
        var page: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>jobmarket salary report</title>",
            "<style>", stylesheet, "</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header>",
            "<h1>Salary market report</h1>",
            "<p class=\"meta\">Generated \(escape(generatedAt)) from \(escape(postingsPhrase(postings))).</p>",
            "</header>",
        ]
        page.append("<nav aria-label=\"Contents\">")
        page.append("<ol>")
        for (index, section) in sections.enumerated() {
            page.append("<li><a href=\"#section-\(index + 1)\">\(escape(section.heading))</a></li>")
        }
        page.append("<li><a href=\"#csv-files\">CSV files</a></li>")
        page.append("</ol>")
        page.append("</nav>")

        for (index, section) in sections.enumerated() {
            page.append("<section id=\"section-\(index + 1)\">")
            page.append("<h2>\(escape(section.heading))</h2>")
            if let note = section.note, !note.isEmpty {
                page.append("<p class=\"note\">\(escape(note))</p>")
            }
            if let svg = section.svg {
                page.append("<figure class=\"chart\">")
                page.append(inlined(svg))
                page.append("</figure>")
            }
            if let table = section.table {
                page.append(contentsOf: tableMarkup(table))
            }
            page.append("</section>")
        }

        page.append("<section id=\"csv-files\">")
        page.append("<h2>CSV files</h2>")
        if csvFiles.isEmpty {
            page.append("<p class=\"note\">No CSV files were written.</p>")
        } else {
            page.append(
                "<p class=\"note\">RFC 4180 CSV in UTF-8; the columns are described in the reports README.</p>"
            )
            page.append("<ul class=\"files\">")
            for name in csvFiles {
                page.append("<li><a href=\"\(escape(relativeHref(name)))\">\(escape(name))</a></li>")
            }
            page.append("</ul>")
        }
        page.append("</section>")
        page.append("</main>")
        page.append("</body>")
        page.append("</html>")
        return page.joined(separator: "\n") + "\n"
    }

    // MARK: - Pieces

    private static func postingsPhrase(_ postings: Int) -> String {
        SVGChart.grouped(String(postings)) + (postings == 1 ? " posting" : " postings")
    }

    /// The SVG without its namespace declaration: the HTML parser puts `<svg>` in the SVG namespace by itself, and
    /// dropping the `http://www.w3.org/2000/svg` URI leaves the page without a single `http:` string, so "no
    /// network" can be checked with a plain text search.
    static func inlined(_ svg: String) -> String {
        var text = svg.trimmingCharacters(in: .whitespacesAndNewlines)
        if let range = text.range(of: " xmlns=\"http://www.w3.org/2000/svg\"") {
            text.removeSubrange(range)
        }
        return text
    }

    /// A link to a file next to the page: percent-encoded, and never read as a scheme (`javascript:`) or as
    /// another host (`//host/`).
    static func relativeHref(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
        let firstSegment = encoded.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if encoded.hasPrefix("/") || firstSegment.contains(":") {
            return "./" + encoded.drop { $0 == "/" }
        }
        return encoded
    }

    private static func tableMarkup(_ table: CSVTable) -> [String] {
        let numeric = table.header.indices.map { column in isNumeric(column, of: table) }
        var lines: [String] = []
        let folded = table.rows.count > foldedTableRows
        if folded {
            lines.append("<details>")
            lines.append("<summary>Show the table (\(SVGChart.grouped(String(table.rows.count))) rows)</summary>")
        }
        lines.append("<div class=\"table-wrap\">")
        lines.append("<table>")
        let headerCells = zip(table.header, numeric).map { name, isNumber in
            "<th scope=\"col\"\(isNumber ? " class=\"num\"" : "")>\(breakableHeader(name))</th>"
        }
        lines.append("<thead><tr>" + headerCells.joined() + "</tr></thead>")
        lines.append("<tbody>")
        if table.rows.isEmpty {
            lines.append("<tr><td class=\"empty\" colspan=\"\(max(1, table.header.count))\">no rows</td></tr>")
        }
        for row in table.rows {
            let cells = row.enumerated().map { column, cell in
                let text = cellText(cell)
                var classes: [String] = []
                if column < numeric.count && numeric[column] { classes.append("num") }
                if text == nil { classes.append("empty") }
                let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                return "<td\(classAttribute)>\(escape(text ?? emptyCell))</td>"
            }
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
        lines.append("</div>")
        if folded { lines.append("</details>") }
        return lines
    }

    /// A column name that may wrap after its underscores ("median_range_<wbr/>min") when a wide table is short of
    /// room, instead of pushing the last columns out of sight.
    private static func breakableHeader(_ name: String) -> String {
        escape(name).replacingOccurrences(of: "_", with: "_<wbr/>")
    }

    /// A column is right-aligned when every cell with a value is a number.
    private static func isNumeric(_ column: Int, of table: CSVTable) -> Bool {
        var sawNumber = false
        for row in table.rows where column < row.count {
            switch row[column] {
            case .number(let value, _): if value != nil { sawNumber = true }
            case .integer: sawNumber = true
            case .empty: continue
            case .text(let text): if !text.isEmpty { return false }
            case .bool: return false
            }
        }
        return sawNumber
    }

    /// The text of a cell as a reader sees it, or `nil` for an empty cell. Numbers get thousands separators
    /// (money is to the cent with trailing zeros dropped, as in the CSV); text is shown without the CSV's
    /// formula guard, which a browser does not need.
    static func cellText(_ cell: CSVCell) -> String? {
        switch cell {
        case .text(let text):
            return text.isEmpty ? nil : text
        case .number(let value, let decimals):
            guard let value, value.isFinite else { return nil }
            return withThousandsSeparators(CSVTable.format(value, decimals: decimals))
        case .integer(let value):
            return SVGChart.grouped(String(value))
        case .bool(let value):
            return value ? "true" : "false"
        case .empty:
            return nil
        }
    }

    /// "1234567.5" → "1,234,567.5"; the fraction is left alone.
    static func withThousandsSeparators(_ number: String) -> String {
        guard let dot = number.firstIndex(of: ".") else { return SVGChart.grouped(number) }
        return SVGChart.grouped(String(number[..<dot])) + number[dot...]
    }

    private static func escape(_ text: String) -> String { SVGChart.escape(text) }

    /// Inline CSS; it holds neither `<` nor `&`, so the page stays well-formed XML.
    static let stylesheet = """
        :root { color-scheme: light; }
        body { margin: 0; background: #ffffff; color: #1f2328; line-height: 1.5;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 24px 64px; }
        h1 { font-size: 1.8rem; margin: 0 0 4px; }
        h2 { font-size: 1.3rem; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
        .meta, .note { color: #59636e; margin: 4px 0 12px; }
        nav ol { margin: 12px 0 0; padding-left: 1.4em; columns: 2; column-gap: 32px; }
        a { color: #0b5cad; }
        figure.chart { margin: 12px 0 20px; }
        figure.chart svg { display: block; max-width: 100%; height: auto; }
        details { margin: 8px 0; }
        summary { cursor: pointer; color: #0b5cad; }
        .table-wrap { overflow-x: auto; margin: 8px 0; border: 1px solid #d0d7de; border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; font-variant-numeric: tabular-nums; }
        th, td { padding: 5px 6px; text-align: left; white-space: nowrap; border-bottom: 1px solid #e4e7eb; }
        thead th { background: #eef1f4; font-weight: 600; white-space: normal; vertical-align: bottom; }
        tbody tr:nth-child(even) { background: #f6f8fa; }
        tbody tr:last-child td { border-bottom: none; }
        th.num, td.num { text-align: right; }
        td.empty { color: #8c959f; }
        ul.files { columns: 2; column-gap: 32px; }
        @media (max-width: 700px) { nav ol, ul.files { columns: 1; } }
        """
}
