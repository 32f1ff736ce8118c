extension CanonicalSearch {
    /// What a scalar is to the search: the classes of ``CanonicalSearch``'s argument.
    struct Kind: OptionSet, Sendable {
        let rawValue: UInt8

        /// A starter whose canonical decomposition is itself or itself followed by combining marks,
        /// that stands as its own composed character sequence next to any other wide scalar, and
        /// that lowercases to one wide scalar.
        static let wide = Kind(rawValue: 1)
        /// Wide, with no canonical decomposition at all.
        static let plain = Kind(rawValue: 2)
        /// Not wide, and its canonical decomposition may be plain scalars only: the singleton
        /// decompositions (U+212A KELVIN SIGN → K, U+F900 → U+8C48, …), with a margin.
        static let singletonSource = Kind(rawValue: 4)

        static let widePlain: Kind = [.wide, .plain]
    }

    /// The class of a scalar, from ranges chosen to be sure rather than complete: a scalar left out
    /// only sends more searches to Foundation. Tests check each range against Foundation's own
    /// decompositions and grapheme breaks.
    @inline(__always)
    static func kind(_ value: UInt32) -> Kind {
        switch value {
        case 0..<0x80: .widePlain
        // Latin-1 punctuation and signs, but the soft hyphen (a format character).
        case 0xA0...0xAC, 0xAE...0xBF: .widePlain
        // Latin-1 letters and Latin Extended-A (À = A + U+0300), but U+0130 İ, which lowercases to i + U+0307.
        case 0xC0...0x12F, 0x131...0x17F: .wide
        // Cyrillic (Й = И + U+0306, Ё = Е + U+0308) and Ґ ґ.
        case 0x400...0x45F, 0x490...0x491: .wide
        // General punctuation from the hyphens on, without the line and paragraph separators and
        // the bidirectional controls (U+2028–U+202E); currency signs.
        case 0x2010...0x2027, 0x202F...0x205E, 0x20A0...0x20C0: .widePlain
        // CJK punctuation up to the Hangzhou numerals, before the combining tone marks at U+302A.
        case 0x3000...0x3029: .widePlain
        // Hiragana and katakana (が = か + U+3099), without the combining and spacing sound marks U+3099–U+309C.
        case 0x3041...0x3096, 0x309D...0x30FF: .wide
        // CJK unified ideographs and extension A; fullwidth ASCII and signs (￥).
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E, 0xFFE0...0xFFE6: .widePlain
        case 0x340...0x341, 0x343, 0x374, 0x37E, 0x387, 0x1F70...0x1FFF, 0x2000...0x2001, 0x2126, 0x212A...0x212B,
            0x2329...0x232A, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            .singletonSource
        default: []
        }
    }

    /// What the search needs to know of a text, from one pass over its UTF-8.
    public struct Profile: Sendable {
        /// Every scalar is wide.
        public internal(set) var allWide = true
        /// Every scalar is plain.
        public internal(set) var allPlain = true
        /// Every scalar is plain or a singleton source.
        var allPlainOrSource = true
        /// A scalar is a singleton source.
        var hasSingletonSource = false
        /// The first and the last scalar are wide (true for empty text).
        var edgesWide = true
        /// The text starts with a line feed or ends with a carriage return: a match may then end
        /// inside a CR LF pair, one composed character sequence.
        var touchesLineBreakPair = false
        /// The number of scalars: in wide text without CR LF, the number of `Character`s.
        public internal(set) var scalars = 0

        public init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            guard count > 0 else { return }
            touchesLineBreakPair = bytes[0] == 0x0A || bytes[count - 1] == 0x0D
            // Most texts are ASCII throughout, or up to a sign or a name.
            var index = ByteSearch.firstNonASCII(in: bytes, from: 0)
            scalars = index
            var first = index == 0
            var last = Kind.widePlain
            while index < count {
                if bytes[index] < 0x80 {
                    // A long run of ASCII eight bytes at a time or more, a short one byte by byte.
                    let end = count - index >= 16 ? ByteSearch.firstNonASCII(in: bytes, from: index) : index + 1
                    scalars += end - index
                    index = end
                    first = false
                    last = .widePlain
                    continue
                }
                let (value, length) = CanonicalSearch.scalar(at: index, in: bytes)
                let kind = CanonicalSearch.kind(value)
                if !kind.contains(.wide) {
                    allWide = false
                    if first { edgesWide = false }
                }
                if !kind.contains(.plain) {
                    allPlain = false
                    if !kind.contains(.singletonSource) { allPlainOrSource = false }
                }
                if kind.contains(.singletonSource) { hasSingletonSource = true }
                first = false
                last = kind
                scalars += 1
                index += length
            }
            if !last.contains(.wide) { edgesWide = false }
        }
    }

    /// The scalar whose UTF-8 starts at `index` and its length in bytes. The bytes are valid UTF-8
    /// (a `String`'s, or a part of one cut between scalars).
    @inline(__always)
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (
            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }

    /// True when the scalar that ends right before `index` is wide, or `index` is the text's start.
    @inline(__always)
    static func wideBefore(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return true }
        if bytes[index - 1] < 0x80 { return true }
        var start = index - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return kind(scalar(at: start, in: bytes).value).contains(.wide)
    }

    /// True when the scalar that starts at `index` is wide, or `index` is the text's end.
    @inline(__always)
    static func wideAt(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        index == bytes.count || kind(scalar(at: index, in: bytes).value).contains(.wide)
    }
}
