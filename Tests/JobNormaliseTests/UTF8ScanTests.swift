import Testing

@testable import JobNormalise

struct UTF8ScanTests {
    /// Every byte value at every lane of an eight-byte read, after bytes just below E0.
    @Test(arguments: 0...255)
    func findsLeadBytesAsByteTests(_ value: Int) {
        for lane in 0..<12 {
            let bytes = [UInt8](repeating: 0xDF, count: lane) + [UInt8(value)] + [UInt8](repeating: 0x7F, count: 9)
            let expected = bytes.firstIndex { $0 >= 0xE0 } ?? bytes.count
            #expect(bytes.withUnsafeBufferPointer { UTF8Scan.firstLeadOfThreeOrMore($0, from: 0) } == expected)
        }
    }
}
