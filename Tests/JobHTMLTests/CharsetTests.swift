import JobHTML
import Testing

struct CharsetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let contentType: String?
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "BOM", bytes: [0xEF, 0xBB, 0xBF] + utf8("<meta charset=latin1>"), contentType: "text/html; charset=gbk",
             expected: "UTF-8"),
        Case(name: "UTF-16LE BOM", bytes: [0xFF, 0xFE, 0x3C, 0x00], contentType: nil, expected: "UTF-16LE"),
        Case(name: "header", bytes: utf8("<meta charset=utf-8>"), contentType: "text/html; charset=\"ISO-8859-1\"",
             expected: "windows-1252"),
        Case(name: "meta charset", bytes: utf8("<html><head><meta charset='iso-8859-1'>"), contentType: "text/html",
             expected: "windows-1252"),
        Case(name: "meta http-equiv",
             bytes: utf8("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
             contentType: nil, expected: "shift_jis"),
        Case(name: "gb2312 label", bytes: utf8("<meta charset=\"gb2312\">"), contentType: nil, expected: "GBK"),
        Case(name: "valid UTF-8", bytes: utf8("<p>Zürich €</p>"), contentType: nil, expected: "UTF-8"),
        Case(name: "undeclared Latin-1", bytes: latin1("<p>Zürich £</p>"), contentType: nil, expected: "windows-1252"),
    ]

    @Test(arguments: cases)
    func detectsInOrderOfAuthority(_ row: Case) {
        #expect(Charset.detect(row.bytes, contentType: row.contentType) == row.expected)
    }

    @Test
    func ignoresAMetaTagPastTheFirstTwoKilobytes() {
        let page = utf8("<html><head>" + String(repeating: " ", count: 2100) + "<meta charset=iso-8859-1>")
        #expect(Charset.detect(page) == "UTF-8")
    }
}
