import Foundation

/// Draws the report charts as self-contained SVG documents: no scripts, no external fonts or images.
///
/// Every chart starts with `<title>` and `<desc>` for screen readers, and every group carries its own `<title>`
/// (a tooltip in browsers) with its figures. The output is deterministic: coordinates are rounded to one decimal
/// with integer arithmetic and nothing depends on the locale, the clock or hashing, so the same input gives
/// byte-identical SVG. Text widths are estimated from character counts (no font metrics are available), with
/// generous margins, and labels longer than ``maxLabelCharacters`` are shortened with "…" (the full label stays
/// in the group's `<title>` and `data-label`).
public enum SVGChart {
    /// One group of a box-plot chart: its salary percentiles, or a placeholder when suppressed.
    public struct Box: Sendable, Equatable {
        public var label: String
        /// Salaries behind the figures.
        public var n: Int
        public var p10: Double?
        public var p25: Double?
        public var median: Double?
        public var p75: Double?
        public var p90: Double?
        /// The group has fewer than `min_sample` salaries; it is drawn as a grey placeholder.
        public var suppressed: Bool

        public init(
            label: String,
            n: Int,
            p10: Double? = nil,
            p25: Double? = nil,
            median: Double? = nil,
            p75: Double? = nil,
            p90: Double? = nil,
            suppressed: Bool = false
        ) {
            self.label = label
            self.n = n
            self.p10 = p10
            self.p25 = p25
            self.median = median
            self.p75 = p75
            self.p90 = p90
            self.suppressed = suppressed
        }
    }

    /// One group of a premium chart: how far its median lies above (positive) or below (negative) a reference.
    public struct Bar: Sendable, Equatable {
        public var label: String
        /// Salaries behind the group's median.
        public var n: Int
        /// The premium in percent; a value that is not finite is drawn as "n/a".
        public var premiumPercent: Double

        public init(label: String, n: Int, premiumPercent: Double) {
            self.label = label
            self.n = n
            self.premiumPercent = premiumPercent
        }
    }

    /// Labels longer than this are shortened with "…" so that the label column stays narrow.
    public static let maxLabelCharacters = 28

    /// The text drawn in place of a suppressed group.
    public static let suppressedText = "fewer than min_sample salaries"

    /// Horizontal box plots, one row per group in the given order, on a shared salary axis.
    ///
    /// Each box spans p25–p75 with a line at the median; whiskers reach p10 and p90. A group with only some
    /// figures draws those it has; a suppressed group, or one without figures, is a grey placeholder.
    /// - Parameters:
    ///   - title: the chart's heading, also its accessible name.
    ///   - boxes: the groups, drawn top to bottom.
    ///   - currency: ISO code of every figure; "USD" labels the axis "$50k", unknown codes "CHF 50k".
    public static func boxPlots(title: String, boxes: [Box], currency: String) -> String {
        let money = MoneyFormat(currency: currency)
        let values = boxes.filter { !$0.suppressed }.flatMap { [$0.p10, $0.p25, $0.median, $0.p75, $0.p90] }
            .compactMap { $0 }.filter(\.isFinite)
        let ticks = niceTicks(low: values.min() ?? 0, high: values.max() ?? 100_000)
        let labelWidth = labelColumnWidth(boxes.map { ($0.label, $0.n) })
        let plotLeft = Layout.margin + labelWidth + Layout.labelGap
        let axis = Axis(ticks: ticks, left: plotLeft, width: Layout.plotWidth)
        let top = Layout.margin + Layout.titleHeight
        let rowsBottom = top + Double(boxes.count) * Layout.rowHeight
        let legend = "Box: 25th to 75th percentile · line: median · whiskers: 10th to 90th percentile"
        let width = max(
            plotLeft + Layout.plotWidth + Layout.rightMargin,
            Layout.margin * 2 + estimatedWidth(title, fontSize: Layout.titleSize, bold: true),
            plotLeft + estimatedWidth(legend, fontSize: Layout.smallSize)
        )
        let height = rowsBottom + Layout.axisHeight + 2 * Layout.captionLine + Layout.margin

        var svg = SVGWriter(width: width, height: height, title: title, description: boxDescription(boxes, money))
        svg.heading(title)
        axis.drawGrid(into: &svg, top: top - 6, bottom: rowsBottom)
        if boxes.isEmpty {
            svg.centredNote("no groups to show", x: plotLeft + Layout.plotWidth / 2, y: top + 4)
        }
        for (index, box) in boxes.enumerated() {
            let y = top + (Double(index) + 0.5) * Layout.rowHeight
            svg.open("g", ["class": "group", "data-label": box.label, "data-n": String(box.n)])
            svg.element("title", text: boxSummary(box, money))
            svg.rowLabel(box.label, n: box.n, x: plotLeft - Layout.labelGap, y: y)
            let figures = [box.p10, box.p25, box.median, box.p75, box.p90].compactMap { $0 }.filter(\.isFinite)
            if box.suppressed || figures.isEmpty {
                svg.placeholder(
                    box.suppressed ? suppressedText : "no salary figures",
                    x: plotLeft,
                    y: y,
                    width: Layout.plotWidth
                )
            } else {
                drawBox(box, on: axis, y: y, into: &svg)
            }
            svg.close("g")
        }
        axis.drawAxis(into: &svg, y: rowsBottom, label: money.tick)
        let captionY = rowsBottom + Layout.axisHeight
        svg.caption("annual salary, \(currency)", x: plotLeft + Layout.plotWidth / 2, y: captionY, anchor: "middle")
        svg.caption(legend, x: plotLeft, y: captionY + Layout.captionLine, anchor: "start")
        return svg.finished()
    }

    /// Diverging horizontal bars around 0 %, one row per group in the given order.
    ///
    /// Positive premiums extend right in one colour, negative ones left in another; each bar ends in its value.
    /// - Parameters:
    ///   - title: the chart's heading, also its accessible name.
    ///   - bars: the groups, drawn top to bottom.
    public static func premiumBars(title: String, bars: [Bar]) -> String {
        let values = bars.map(\.premiumPercent).filter(\.isFinite)
        var low = min(0, values.min() ?? 0)
        var high = max(0, values.max() ?? 0)
        if low == high { (low, high) = (-10, 10) }
        let ticks = niceTicks(low: low, high: high)
        let labelWidth = labelColumnWidth(bars.map { ($0.label, $0.n) })
        // Value labels sit beyond the bar ends, so leave room for them on each side that has bars.
        let leftRoom = values.contains { $0 < 0 } ? Layout.valueLabelRoom : 0
        let rightRoom = values.contains { $0 > 0 } ? Layout.valueLabelRoom : 0
        let plotLeft = Layout.margin + labelWidth + Layout.labelGap + leftRoom
        let axis = Axis(ticks: ticks, left: plotLeft, width: Layout.plotWidth)
        let top = Layout.margin + Layout.titleHeight
        let rowsBottom = top + Double(bars.count) * Layout.rowHeight
        let width = max(
            plotLeft + Layout.plotWidth + max(rightRoom, Layout.rightMargin),
            Layout.margin * 2 + estimatedWidth(title, fontSize: Layout.titleSize, bold: true)
        )
        let height = rowsBottom + Layout.axisHeight + Layout.captionLine + Layout.margin

        var svg = SVGWriter(width: width, height: height, title: title, description: barDescription(bars))
        svg.heading(title)
        axis.drawGrid(into: &svg, top: top - 6, bottom: rowsBottom)
        if bars.isEmpty {
            svg.centredNote("no groups to show", x: plotLeft + Layout.plotWidth / 2, y: top + 4)
        }
        let zero = axis.position(0)
        for (index, bar) in bars.enumerated() {
            let y = top + (Double(index) + 0.5) * Layout.rowHeight
            svg.open("g", ["class": "group", "data-label": bar.label, "data-n": String(bar.n)])
            svg.element("title", text: "\(bar.label), n=\(bar.n): \(percentLabel(bar.premiumPercent))")
            svg.rowLabel(bar.label, n: bar.n, x: plotLeft - Layout.labelGap - leftRoom, y: y)
            let value = bar.premiumPercent
            if value.isFinite {
                let end = axis.position(value)
                let positive = value >= 0
                svg.element(
                    "rect",
                    [
                        "class": positive ? "bar positive" : "bar negative",
                        "x": coordinate(min(zero, end)), "y": coordinate(y - Layout.barHeight / 2),
                        "width": coordinate(abs(end - zero)), "height": coordinate(Layout.barHeight),
                        "fill": positive ? Palette.positive : Palette.negative,
                    ]
                )
                svg.element(
                    "text",
                    [
                        "class": "value", "x": coordinate(positive ? end + 5 : end - 5), "y": coordinate(y + 4),
                        "text-anchor": positive ? "start" : "end", "fill": Palette.text,
                    ],
                    text: percentLabel(value)
                )
            } else {
                svg.element(
                    "text",
                    [
                        "class": "value", "x": coordinate(zero + 5), "y": coordinate(y + 4),
                        "fill": Palette.muted,
                    ],
                    text: "n/a"
                )
            }
            svg.close("g")
        }
        // The zero line goes over the bars so that short bars still read as starting at 0 %.
        svg.element(
            "line",
            [
                "class": "zero", "x1": coordinate(zero), "x2": coordinate(zero), "y1": coordinate(top - 6),
                "y2": coordinate(rowsBottom), "stroke": Palette.axis, "stroke-width": "1.5",
            ]
        )
        axis.drawAxis(into: &svg, y: rowsBottom, label: { percentLabel($0, decimals: 2) })
        svg.caption(
            "premium against the reference median, %",
            x: plotLeft + Layout.plotWidth / 2,
            y: rowsBottom + Layout.axisHeight,
            anchor: "middle"
        )
        return svg.finished()
    }

    // MARK: - Drawing a box

    private static func drawBox(_ box: Box, on axis: Axis, y: Double, into svg: inout SVGWriter) {
        let half = Layout.boxHeight / 2
        let stroke = Palette.boxStroke
        func whisker(from inner: Double?, to outer: Double?) {
            guard let inner, let outer, inner.isFinite, outer.isFinite else { return }
            svg.element(
                "line",
                [
                    "class": "whisker", "x1": coordinate(axis.position(inner)), "x2": coordinate(axis.position(outer)),
                    "y1": coordinate(y), "y2": coordinate(y), "stroke": stroke, "stroke-width": "1.5",
                ]
            )
            svg.element(
                "line",
                [
                    "class": "whisker-cap", "x1": coordinate(axis.position(outer)),
                    "x2": coordinate(axis.position(outer)), "y1": coordinate(y - half / 2),
                    "y2": coordinate(y + half / 2), "stroke": stroke, "stroke-width": "1.5",
                ]
            )
        }
        // Whiskers run from the box edges (or the median if the box is missing) out to p10 and p90.
        whisker(from: box.p25 ?? box.median, to: box.p10)
        whisker(from: box.p75 ?? box.median, to: box.p90)
        if let p25 = box.p25, let p75 = box.p75, p25.isFinite, p75.isFinite {
            let left = axis.position(min(p25, p75))
            let right = axis.position(max(p25, p75))
            svg.element(
                "rect",
                [
                    "class": "box", "x": coordinate(left), "y": coordinate(y - half),
                    "width": coordinate(right - left), "height": coordinate(Layout.boxHeight), "rx": "2",
                    "fill": Palette.boxFill, "stroke": stroke, "stroke-width": "1.5",
                ]
            )
        }
        if let median = box.median, median.isFinite {
            let x = coordinate(axis.position(median))
            svg.element(
                "line",
                [
                    "class": "median", "x1": x, "x2": x, "y1": coordinate(y - half - 2), "y2": coordinate(y + half + 2),
                    "stroke": Palette.median, "stroke-width": "3",
                ]
            )
        }
    }

    // MARK: - Text for screen readers and tooltips

    private static func boxSummary(_ box: Box, _ money: MoneyFormat) -> String {
        if box.suppressed { return "\(box.label), n=\(box.n): \(suppressedText)" }
        let figures = [("p10", box.p10), ("p25", box.p25), ("median", box.median), ("p75", box.p75), ("p90", box.p90)]
            .compactMap { name, value in value.flatMap { $0.isFinite ? "\(name) \(money.full($0))" : nil } }
        return "\(box.label), n=\(box.n): " + (figures.isEmpty ? "no salary figures" : figures.joined(separator: ", "))
    }

    private static func boxDescription(_ boxes: [Box], _ money: MoneyFormat) -> String {
        "Box plots of annual salary in \(money.code) for \(boxes.count) group\(boxes.count == 1 ? "" : "s"). "
            + boxes.map { boxSummary($0, money) }.joined(separator: "; ")
    }

    private static func barDescription(_ bars: [Bar]) -> String {
        "Premium in percent against the reference median for \(bars.count) group\(bars.count == 1 ? "" : "s"). "
            + bars.map { "\($0.label), n=\($0.n): \(percentLabel($0.premiumPercent))" }.joined(separator: "; ")
    }

    // MARK: - Layout

    private enum Layout {
        static let margin = 16.0
        static let rightMargin = 28.0
        static let titleHeight = 40.0
        static let titleSize = 16.0
        static let labelSize = 13.0
        static let smallSize = 12.0
        static let labelGap = 14.0
        static let valueLabelRoom = 52.0
        static let plotWidth = 760.0
        static let rowHeight = 44.0
        static let boxHeight = 20.0
        static let barHeight = 18.0
        static let axisHeight = 40.0
        static let captionLine = 18.0
    }

    private enum Palette {
        static let text = "#1f2328"
        static let muted = "#59636e"
        static let grid = "#e4e7eb"
        static let axis = "#59636e"
        static let boxFill = "#a9c9e8"
        static let boxStroke = "#285a8a"
        static let median = "#0b2540"
        static let positive = "#2b8a6e"
        static let negative = "#c4572f"
        static let placeholderFill = "#f1f3f5"
        static let placeholderStroke = "#c5ccd3"
    }

    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

    /// A generous estimate of a text's width: sans-serif glyphs average about 0.55 em, capitals more.
    static func estimatedWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        Double(text.count) * fontSize * (bold ? 0.62 : 0.58)
    }

    private static func labelColumnWidth(_ rows: [(label: String, n: Int)]) -> Double {
        let widest =
            rows.map { row in
                max(
                    estimatedWidth(shortened(row.label), fontSize: Layout.labelSize),
                    estimatedWidth("n=\(row.n)", fontSize: Layout.smallSize)
                )
            }.max() ?? 0
        return max(60, widest)
    }

    static func shortened(_ label: String) -> String {
        label.count > maxLabelCharacters ? String(label.prefix(maxLabelCharacters - 1)) + "…" : label
    }

    // MARK: - Scales and numbers

    /// Round tick values covering `low...high`: steps of 1, 2, 2.5 or 5 times a power of ten, about five of them.
    static func niceTicks(low: Double, high: Double, target: Int = 5) -> [Double] {
        var (low, high) = (min(low, high), max(low, high))
        if high - low < 1e-9 {
            let pad = max(abs(low) * 0.1, 1)
            (low, high) = (low - pad, high + pad)
        }
        let rough = (high - low) / Double(max(1, target))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough * 0.999 } ?? 10 * magnitude
        let first = Int((low / step).rounded(.down))
        let last = Int((high / step).rounded(.up))
        return (first...max(first + 1, last)).map { Double($0) * step }
    }

    /// A number rounded half away from zero to at most `decimals` places, trailing zeros dropped, no exponent:
    /// the CSV reports' formatting, with "0" for a value that is not finite.
    static func decimal(_ value: Double, decimals: Int) -> String {
        value.isFinite ? CSVTable.format(value, decimals: decimals) : "0"
    }

    /// An SVG coordinate: one decimal at most.
    static func coordinate(_ value: Double) -> String { decimal(value, decimals: 1) }

    /// "+13.7%", "−27.8%" (a true minus sign) or "0%"; "n/a" when not finite.
    static func percentLabel(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "n/a" }
        let text = decimal(abs(value), decimals: decimals)
        if text == "0" { return "0%" }
        return (value < 0 ? "\u{2212}" : "+") + text + "%"
    }

    /// Digits of a whole number in groups of three: 1234567 → "1,234,567".
    static func grouped(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        let body = Array(negative ? digits.dropFirst() : Substring(digits))
        var result = ""
        for (index, character) in body.enumerated() {
            if index > 0 && (body.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (negative ? "-" : "") + result
    }

    /// Currency formatting for axis ticks ("$50k", "$1.5M") and tooltips ("$142,240").
    private struct MoneyFormat {
        let code: String
        let prefix: String

        init(currency: String) {
            code = currency
            let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "CA$", "AUD": "A$"]
            prefix = symbols[currency.uppercased()] ?? (currency.isEmpty ? "" : currency + " ")
        }

        func tick(_ value: Double) -> String {
            let sign = value < 0 ? "\u{2212}" : ""
            let amount = abs(value)
            if amount >= 999_999.5 { return sign + prefix + decimal(amount / 1_000_000, decimals: 2) + "M" }
            if amount >= 999.5 { return sign + prefix + decimal(amount / 1_000, decimals: 2) + "k" }
            return sign + prefix + decimal(amount, decimals: 2)
        }

        func full(_ value: Double) -> String {
            let sign = value < 0 ? "\u{2212}" : ""
            return sign + prefix + grouped(decimal(abs(value), decimals: 0))
        }
    }

    /// A linear value axis over round ticks.
    private struct Axis {
        let ticks: [Double]
        let left: Double
        let width: Double

        func position(_ value: Double) -> Double {
            let low = ticks.first ?? 0
            let high = ticks.last ?? 1
            return left + (value - low) / (high - low) * width
        }

        func drawGrid(into svg: inout SVGWriter, top: Double, bottom: Double) {
            for tick in ticks {
                let x = coordinate(position(tick))
                svg.element(
                    "line",
                    [
                        "class": "grid", "x1": x, "x2": x, "y1": coordinate(top), "y2": coordinate(bottom),
                        "stroke": Palette.grid, "stroke-width": "1",
                    ]
                )
            }
        }

        func drawAxis(into svg: inout SVGWriter, y: Double, label: (Double) -> String) {
            svg.element(
                "line",
                [
                    "class": "axis", "x1": coordinate(left), "x2": coordinate(left + width), "y1": coordinate(y),
                    "y2": coordinate(y), "stroke": Palette.axis, "stroke-width": "1",
                ]
            )
            for tick in ticks {
                let x = coordinate(position(tick))
                svg.element(
                    "line",
                    [
                        "x1": x, "x2": x, "y1": coordinate(y), "y2": coordinate(y + 5), "stroke": Palette.axis,
                        "stroke-width": "1",
                    ]
                )
                svg.element(
                    "text",
                    [
                        "class": "tick", "x": x, "y": coordinate(y + 19), "text-anchor": "middle",
                        "font-size": coordinate(Layout.smallSize), "fill": Palette.muted,
                    ],
                    text: label(tick)
                )
            }
        }
    }

    // MARK: - Writing markup

    /// Escapes text for XML and HTML content and attribute values (`&`, `<`, `>`, both quotes), and replaces the
    /// control characters XML 1.0 forbids with U+FFFD so that the output always parses. ``ReportIndexPage`` uses it
    /// too.
    static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Builds the SVG text one element per line; attributes are written in the order given.
    private struct SVGWriter {
        private var lines: [String] = []
        private var depth = 1

        init(width: Double, height: Double, title: String, description: String) {
            let w = coordinate(width.rounded(.up))
            let h = coordinate(height.rounded(.up))
            lines.append(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
                    + " role=\"img\" font-family=\"\(escape(fontFamily))\" font-size=\"12\">"
            )
            element("title", text: title)
            element("desc", text: description)
            element("rect", ["class": "background", "width": w, "height": h, "fill": "#ffffff"])
        }

        mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String>) {
            lines.append(indent + "<\(name)\(Self.attributes(attributes))>")
            depth += 1
        }

        mutating func close(_ name: String) {
            depth -= 1
            lines.append(indent + "</\(name)>")
        }

        mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
            if let text {
                lines.append(indent + "<\(name)\(Self.attributes(attributes))>\(escape(text))</\(name)>")
            } else {
                lines.append(indent + "<\(name)\(Self.attributes(attributes))/>")
            }
        }

        mutating func heading(_ title: String) {
            element(
                "text",
                [
                    "class": "chart-title", "x": coordinate(Layout.margin), "y": coordinate(Layout.margin + 16),
                    "font-size": coordinate(Layout.titleSize), "font-weight": "600", "fill": Palette.text,
                ],
                text: title
            )
        }

        /// The group's label, right-aligned at `x`, with "n=…" on a second line.
        mutating func rowLabel(_ label: String, n: Int, x: Double, y: Double) {
            element(
                "text",
                [
                    "class": "label", "x": coordinate(x), "y": coordinate(y - 2), "text-anchor": "end",
                    "font-size": coordinate(Layout.labelSize), "fill": Palette.text,
                ],
                text: shortened(label)
            )
            element(
                "text",
                [
                    "class": "n", "x": coordinate(x), "y": coordinate(y + 13), "text-anchor": "end",
                    "font-size": coordinate(Layout.smallSize), "fill": Palette.muted,
                ],
                text: "n=\(n)"
            )
        }

        mutating func placeholder(_ text: String, x: Double, y: Double, width: Double) {
            element(
                "rect",
                [
                    "class": "placeholder", "x": coordinate(x), "y": coordinate(y - 12), "width": coordinate(width),
                    "height": "24", "rx": "3", "fill": Palette.placeholderFill, "stroke": Palette.placeholderStroke,
                    "stroke-dasharray": "4 3",
                ]
            )
            centredNote(text, x: x + width / 2, y: y + 4)
        }

        mutating func centredNote(_ text: String, x: Double, y: Double) {
            element(
                "text",
                [
                    "class": "note", "x": coordinate(x), "y": coordinate(y), "text-anchor": "middle",
                    "font-size": "12", "font-style": "italic", "fill": Palette.muted,
                ],
                text: text
            )
        }

        mutating func caption(_ text: String, x: Double, y: Double, anchor: String) {
            element(
                "text",
                [
                    "class": "caption", "x": coordinate(x), "y": coordinate(y), "text-anchor": anchor,
                    "font-size": coordinate(Layout.smallSize), "fill": Palette.muted,
                ],
                text: text
            )
        }

        mutating func finished() -> String {
            lines.append("</svg>")
            return lines.joined(separator: "\n") + "\n"
        }

        private var indent: String { String(repeating: "  ", count: depth) }

        private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
            attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
        }
    }
}
