import JobAnalyze

/// Salary bands as an aligned text table for the terminal.
public enum BandTable {
    public static func render(_ bands: [SalaryBand], by dimension: String) -> String {
        let header = [dimension, "postings", "with_salary", "p25", "median", "p75", "mean"]
        var rows: [[String]] = [header]
        for band in bands {
            let label = dimension == "level" ? band.level : band.industry
            let d = band.midpoints
            rows.append(
                [label, String(band.postings), String(band.withSalary)]
                    + [d?.p25, d?.median, d?.p75, d?.mean].map { value in
                        value.map(thousands) ?? (band.suppressed ? "(n<min)" : "")
                    })
        }
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// "$152,500".
    static func thousands(_ value: Double) -> String {
        let digits = String(Int64(value.rounded()))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 && character != "-" { grouped.append(",") }
            grouped.append(character)
        }
        return "$" + String(grouped.reversed())
    }
}
