#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a page's bytes into well-formed UTF-8 for ``PageReader``.
///
/// UTF-8 pages are read in place when they are well formed; a byte that breaks UTF-8 is read as
/// windows-1252 (what such a stray byte almost always is), so "€" and "é" survive a page that
/// declares UTF-8 and is not. windows-1252 (and the Latin-1 labels browsers read as it) is mapped
/// by table; every other encoding goes through iconv, with U+FFFD for a sequence it cannot read.
enum Transcoder {
    /// Calls `body` with the page as UTF-8 and returns the encoding it was read with: `encoding`,
    /// or "auto" when iconv does not know it (then UTF-8, with stray bytes as windows-1252).
    static func withUTF8(_ bytes: [UInt8], encoding: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> String {
        switch encoding.uppercased() {
        case "UTF-8":
            bytes.withUnsafeBufferPointer { buffer in
                let input = droppingBOM(buffer)
                if isWellFormedUTF8(input) {
                    body(input)
                } else {
                    repairedUTF8(input).withUnsafeBufferPointer(body)
                }
            }
            return encoding
        case "WINDOWS-1252":
            windows1252(bytes).withUnsafeBufferPointer(body)
            return encoding
        default:
            guard let converted = converted(bytes, from: encoding) else {
                bytes.withUnsafeBufferPointer { repairedUTF8($0).withUnsafeBufferPointer(body) }
                return "auto"
            }
            converted.withUnsafeBufferPointer { body(droppingBOM($0)) }
            return encoding
        }
    }

    /// The bytes after a UTF-8 byte-order mark, or all of them when there is none.
    private static func droppingBOM(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when the byte there does
    /// not start one (overlong forms, surrogates and values past U+10FFFF are not well formed).
    @inline(__always)
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        let lead = bytes[index]
        let remaining = bytes.count - index
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < remaining && bytes[index + offset] >= low && bytes[index + offset] <= high
        }
        switch lead {
        case 0..<0x80: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xE1...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    static func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let length = sequenceLength(bytes, index)
            if length == 0 { return false }
            index += length
        }
        return true
    }

    /// The bytes with every byte that breaks UTF-8 read as windows-1252.
    static func repairedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, index)
            if length == 0 {
                ByteWords.appendUTF8(windows1252CodePoint(bytes[index]), to: &output)
                index += 1
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                index += length
            }
        }
        return output
    }

    /// windows-1252 as the WHATWG Encoding standard reads it (its five unassigned bytes as the C1
    /// controls of the same value).
    static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                ByteWords.appendUTF8(windows1252CodePoint(byte), to: &output)
            }
        }
        return output
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    @inline(__always)
    private static func windows1252CodePoint(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
    }

    /// The bytes converted by iconv, or nil when it does not know the encoding.
    static func converted(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var written = 0
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            // iconv takes a mutable pointer to its input but only reads through it.
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(
                to: CChar.self)
            var inLeft = source.count
            while inLeft > 0 {
                if output.count - written < 16 { output.append(contentsOf: repeatElement(0, count: output.count)) }
                let (result, error, outUsed) = output.withUnsafeMutableBufferPointer { target in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress! + written)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count - written
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno, target.count - written - outLeft)
                }
                written += outUsed
                if result != -1 { break }
                switch error {
                case E2BIG:
                    output.append(contentsOf: repeatElement(0, count: output.count))
                case EILSEQ:
                    // A sequence iconv cannot read: U+FFFD, and on with the next byte.
                    if output.count - written < 3 { output.append(contentsOf: repeatElement(0, count: 16)) }
                    output.replaceSubrange(written..<written + 3, with: [0xEF, 0xBF, 0xBD])
                    written += 3
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                default:
                    // An incomplete sequence at the end.
                    if output.count - written < 3 { output.append(contentsOf: repeatElement(0, count: 16)) }
                    output.replaceSubrange(written..<written + 3, with: [0xEF, 0xBF, 0xBD])
                    written += 3
                    inLeft = 0
                }
            }
        }
        output.removeSubrange(written...)
        return output
    }
}
