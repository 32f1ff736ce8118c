import JobTestSupport
import Testing


struct RFC4180ReaderTests {
    @Test
    func readsQuotedFields() throws {
        #expect(try RFC4180Reader.records("a,\"b,\"\"c\"\"\r\nd\",\r\n1,2,3\r\n") == [["a", "b,\"c\"\r\nd", ""], ["1", "2", "3"]])
    }

    @Test(arguments: [
        ("a,b\nc,d\r\n", RFC4180Reader.Failure.bareLineBreak(record: 0)),
        ("a,b\r\nc,d", .missingFinalCRLF),
        ("a,b\"c\r\n", .quoteInsideUnquotedField(record: 0)),
        ("\"a\"b\r\n", .textAfterClosingQuote(record: 0)),
        ("\"a\r\n", .unterminatedQuote),
        ("a,b\r\nc\r\n", .raggedRecord(record: 1, fields: 1, expected: 2)),
    ])
    func rejectsWhatTheRFCForbids(_ text: String, _ failure: RFC4180Reader.Failure) {
        #expect(throws: failure) { try RFC4180Reader.records(text) }
    }
}
