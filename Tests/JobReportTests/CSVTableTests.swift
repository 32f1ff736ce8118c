import JobReport
import JobTestSupport
import Testing

/// The text of each cell of a one-column table, read back with the strict reader.
private func cells(_ values: [CSVCell]) throws -> [String] {
    var table = CSVTable(header: ["value"])
    for value in values { table.append([value]) }
    let records = try RFC4180Reader.records(table.rendered())
    return records.dropFirst().map { $0[0] }
}

struct CSVTableTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("Acme, Inc.", "\"Acme, Inc.\""),
        ("5\" display", "\"5\"\" display\""),
        ("\"quoted\"", "\"\"\"quoted\"\"\""),
        ("line one\nline two", "\"line one\nline two\""),
        ("cr\rlf", "\"cr\rlf\""),
        ("", ""),
    ])
    func quotesFieldsThatNeedIt(_ text: String, _ expected: String) {
        #expect(CSVTable.quote(text) == expected)
    }

    @Test(arguments: ["=SUM(A1:A9)", "+44 20 7946 0000", "-5 apples", "@SUM(1+1)", "\tcmd", "\rcmd", "=1,2", "-"])
    func guardsTextThatLooksLikeAFormula(_ text: String) throws {
        #expect(CSVTable.guardFormula(text) == "'" + text)
        #expect(try cells([.text(text)]) == ["'" + text])
    }

    @Test(arguments: ["Data-Scientist", "C++", "a=b", "", "'quoted already", "Zürich"])
    func leavesOrdinaryTextAlone(_ text: String) throws {
        #expect(CSVTable.guardFormula(text) == text)
        #expect(try cells([.text(text)]) == [text])
    }

    @Test
    func doesNotGuardNumbers() throws {
        #expect(try cells([.number(-17.24, decimals: 1), .money(-1_500), .integer(-3)]) == ["-17.2", "-1500", "-3"])
    }

    @Test
    func endsEveryRecordWithCRLF() {
        var table = CSVTable(header: ["a", "b"])
        table.append([.text("x"), .integer(1)])
        table.append([.text("y"), .bool(true)])
        let text = table.rendered()
        #expect(text == "a,b\r\nx,1\r\ny,true\r\n")
    }

    @Test(arguments: [
        (CSVCell.money(120_000), "120000"),
        (.money(1_500_000), "1500000"),
        (.money(1e15), "1000000000000000"),
        (.money(1_234.5), "1234.5"),
        (.money(1_234.567), "1234.57"),
        (.money(99_999_999.999), "100000000"),
        (.money(0.125), "0.13"),
        (.money(-0.125), "-0.13"),
        (.money(-0.001), "0"),
        (.money(1e-7), "0"),
        (.money(123_456_789.125), "123456789.13"),
        (.money(nil), ""),
        (.money(.nan), ""),
        (.money(.infinity), ""),
        (.number(0.123_45, decimals: 4), "0.1235"),
        (.number(-17.241_379, decimals: 1), "-17.2"),
        (.number(10, decimals: 1), "10"),
        (.number(0.5, decimals: 0), "1"),
        (.integer(42), "42"),
        (.empty, ""),
    ])
    func formatsNumbersPlainly(_ cell: CSVCell, _ expected: String) throws {
        let text = try #require(try cells([cell]).first)
        #expect(text == expected)
        #expect(!text.contains("e") && !text.contains("E"))
    }

    @Test
    func roundTripsThroughAStrictReader() throws {
        var table = CSVTable(header: ["title", "company", "note", "median", "share", "ok"])
        let rows: [[CSVCell]] = [
            [.text("Senior Data Scientist"), .text("Acme, Inc."), .text("says \"hi\""), .money(152_500.5),
             .number(0.25, decimals: 4), .bool(true)],
            [.text("=HYPERLINK(\"http://x\",\"y\")"), .text("Globex"), .text("two\nlines\r\nhere"), .money(nil),
             .number(1, decimals: 4), .bool(false)],
            [.text("Ingénieur données"), .empty, .text("+1"), .money(-0.5), .integer(7), .text("")],
        ]
        for row in rows { table.append(row) }
        let records = try RFC4180Reader.records(table.rendered())
        #expect(records == [
            ["title", "company", "note", "median", "share", "ok"],
            ["Senior Data Scientist", "Acme, Inc.", "says \"hi\"", "152500.5", "0.25", "true"],
            ["'=HYPERLINK(\"http://x\",\"y\")", "Globex", "two\nlines\r\nhere", "", "1", "false"],
            ["Ingénieur données", "", "'+1", "-0.5", "7", ""],
        ])
    }
}
