import JobAnalyze

/// Salary bands as an aligned text table for the terminal.
public enum BandTable {
    /// - Parameters:
    ///   - rows: a label and its band, in display order.
    ///   - dimension: the heading of the label column.
    ///   - reference: a median the `vs_all` column compares each median with.
    public static func render(_ rows: [(label: String, band: SalaryBand)], dimension: String, reference: Double?) -> String {
        let header = [dimension, "postings", "with_salary", "p25", "median", "p75", "mean", "vs_all"]
        var lines: [[String]] = [header]
        for (label, band) in rows {
            let d = band.midpoints
            var premium = ""
            if let median = d?.median, let reference, reference > 0 {
                let percent = (median - reference) / reference * 100
                premium = (percent >= 0 ? "+" : "") + String(Double(Int((percent * 10).rounded())) / 10) + "%"
            }
            lines.append(
                [label, String(band.postings), String(band.withSalary)]
                    + [d?.p25, d?.median, d?.p75, d?.mean].map { value in
                        value.map(thousands) ?? (band.suppressed ? "(n<min)" : "")
                    } + [premium])
        }
        let widths = (0..<header.count).map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// "$152,500".
    static func thousands(_ value: Double) -> String {
        "$" + SVGChart.grouped(SVGChart.decimal(value, decimals: 0))
    }
}
