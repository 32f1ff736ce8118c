internal import CJobXML2

/// A page read in one streaming pass of libxml2's SAX interface, without building libxml2's tree.
///
/// The pass keeps what posting extraction asks about, in flat arrays: every element in document
/// order (its name when extraction knows it, its parent, where its subtree ends, and the
/// attributes extraction reads), and the text in one byte buffer, as libxml2's tree builder would
/// have split it into text nodes. Queries over it answer as the same XPath over
/// ``HTMLDocument`` would; the SAX pass costs well under a tree parse and nothing has to be freed
/// node by node. Listing pages and XPath from a source's config still use ``HTMLDocument``.
///
/// The SAX events carry libxml2's own recovery (implied and auto-closed elements), so the
/// structure is the tree's; elements still open when the input ends are closed, as the tree has them.
public struct StreamedPage: Sendable {
    /// The encoding the page was decoded with.
    public let encoding: String

    var elements: [Element] = []
    var events: [Event] = []
    /// The UTF-8 of every text and CDATA (script, style) run, one after another.
    var text: [UInt8] = []
    var attributes: [Attribute] = []
    var attributeBytes: [UInt8] = []

    /// Reads a page, recovering from broken markup as far as libxml2 can.
    ///
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over the page's own declaration.
    public init(bytes: [UInt8], contentType: String? = nil) throws(HTMLError) {
        _ = libxml2Initialized
        guard bytes.contains(where: { $0 > 0x20 }) else { throw .emptyDocument }
        let detected = Charset.detect(bytes, contentType: contentType)
        // As HTMLDocument: an encoding the parser cannot use falls back to libxml2's own sniffing.
        let builder: PageBuilder
        if let read = Self.read(bytes, encoding: detected) {
            builder = read
            encoding = detected
        } else if let read = Self.read(bytes, encoding: nil) {
            builder = read
            encoding = "auto"
        } else {
            throw .unparsable
        }
        elements = builder.elements
        events = builder.events
        text = builder.text
        attributes = builder.attributes
        attributeBytes = builder.attributeBytes
    }

    private static func read(_ bytes: [UInt8], encoding: String?) -> PageBuilder? {
        var builder = PageBuilder(expectedBytes: bytes.count)
        let status = withUnsafeMutablePointer(to: &builder) { pointer in
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cjobxml2_sax_read(
                        chars.baseAddress, Int32(chars.count), encoding, htmlParseOptions, pointer,
                        { user in collector(user).pointee.started = true },
                        { user, name, attributes in collector(user).pointee.start(name, attributes) },
                        { user, _ in collector(user).pointee.end() },
                        { user, text, length in collector(user).pointee.characters(text, length, kind: .text) },
                        { user, text, length in collector(user).pointee.characters(text, length, kind: .cdata) },
                        { user, _ in collector(user).pointee.separate() },
                        { user, _, _ in collector(user).pointee.separate() })
                }
            }
        }
        guard status == 0, builder.started else { return nil }
        builder.finish()
        return builder
    }
}

/// The callbacks' view of the builder behind libxml2's user pointer.
private func collector(_ user: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<PageBuilder> {
    user.unsafelyUnwrapped.assumingMemoryBound(to: PageBuilder.self)
}

// MARK: - Storage

extension StreamedPage {
    /// An element; indexes are positions in document order.
    struct Element {
        var tag: Tag
        var parent: Int32
        /// Its start event; its end event is `endEvent`.
        var startEvent: Int32
        var endEvent: Int32
        /// The index of the first element after its descendants.
        var subtreeEnd: Int32
        var firstAttribute: Int32
        var attributeCount: Int32
    }

    struct Event {
        enum Kind: UInt8 { case start, end, text, cdata }
        var kind: Kind
        /// The element of a start or end event; the offset in `text` of a text or CDATA run.
        var value: Int32
        /// The byte length of a text or CDATA run.
        var length: Int32
    }

    struct Attribute {
        var name: AttributeName
        var start: Int32
        var length: Int32
    }

    /// The element names extraction asks about; every other name is `other`.
    enum Tag: UInt8, CaseIterable {
        case other
        case script, style, noscript, template, head, svg, iframe, object
        case p, div, li, ul, ol, h1, h2, h3, h4, h5, h6, br, tr, table, section, article, header, footer, nav, aside,
            main, dd, dt, dl, blockquote, pre, form, hr, address, figure, figcaption, details, summary, body, title,
            option, label
        case td, th, meta, a, link, area, img, audio, video, source, embed, time, data, meter

        var isHidden: Bool { rawValue >= Tag.script.rawValue && rawValue <= Tag.object.rawValue }
        var isBlock: Bool { rawValue >= Tag.p.rawValue && rawValue <= Tag.label.rawValue }

        static let names = NameTable(Tag.allCases.dropFirst().map { ("\($0)", $0.rawValue) })

        init(_ name: UnsafePointer<UInt8>) {
            self = Tag(rawValue: Self.names.lookup(name) ?? 0) ?? .other
        }

        init?(name: String) {
            guard let raw = Self.names.lookup(Array(name.utf8)) else { return nil }
            self.init(rawValue: raw)
        }
    }

    /// The attributes extraction reads; the others are not kept.
    enum AttributeName: UInt8, CaseIterable {
        case `class`, id, dataAutomation, dataTestid, dataTest, itemprop, itemscope, itemtype, role, property, name,
            content, href, src, datetime, value, type, dataQa, alt

        var text: String {
            switch self {
            case .dataAutomation: "data-automation"
            case .dataTestid: "data-testid"
            case .dataTest: "data-test"
            case .dataQa: "data-qa"
            default: "\(self)"
            }
        }

        static let names = NameTable(AttributeName.allCases.map { ($0.text, $0.rawValue) })

        init?(name: String) {
            guard let raw = Self.names.lookup(Array(name.utf8)) else { return nil }
            self.init(rawValue: raw)
        }
    }

    /// Short ASCII names packed into two integers, bucketed by length: a lookup reads the name once
    /// and compares a handful of integers, with no String made.
    struct NameTable: Sendable {
        private var buckets: [[(low: UInt64, high: UInt64, value: UInt8)]] = Array(repeating: [], count: 17)

        init(_ names: [(String, UInt8)]) {
            for (name, value) in names {
                let bytes = Array(name.utf8)
                let (low, high) = Self.pack(bytes.count) { bytes[$0] }
                buckets[bytes.count].append((low, high, value))
            }
        }

        private static func pack(_ count: Int, _ byte: (Int) -> UInt8) -> (UInt64, UInt64) {
            var low: UInt64 = 0
            var high: UInt64 = 0
            for index in 0..<count {
                if index < 8 {
                    low |= UInt64(byte(index)) << (8 * UInt64(index))
                } else {
                    high |= UInt64(byte(index)) << (8 * UInt64(index - 8))
                }
            }
            return (low, high)
        }

        func lookup(_ name: UnsafePointer<UInt8>) -> UInt8? {
            var count = 0
            while name[count] != 0 {
                count += 1
                if count > 16 { return nil }
            }
            return find(count) { name[$0] }
        }

        func lookup(_ name: [UInt8]) -> UInt8? {
            name.count > 16 ? nil : find(name.count) { name[$0] }
        }

        private func find(_ count: Int, _ byte: (Int) -> UInt8) -> UInt8? {
            let bucket = buckets[count]
            if bucket.isEmpty { return nil }
            let (low, high) = Self.pack(count, byte)
            for entry in bucket where entry.low == low && entry.high == high { return entry.value }
            return nil
        }
    }
}

/// Collects the SAX events of one read; reached from the C callbacks through a pointer.
struct PageBuilder {
    var elements: [StreamedPage.Element] = []
    var events: [StreamedPage.Event] = []
    var text: [UInt8] = []
    var attributes: [StreamedPage.Attribute] = []
    var attributeBytes: [UInt8] = []
    var started = false
    private var open: [Int32] = []
    /// True while the last event is a text run that the next characters of the same kind extend,
    /// as the tree builder appends them to the last text node.
    private var extendable = false

    init(expectedBytes: Int) {
        text.reserveCapacity(expectedBytes)
        events.reserveCapacity(expectedBytes / 64)
        elements.reserveCapacity(expectedBytes / 160)
    }

    mutating func start(_ name: UnsafePointer<UInt8>?, _ pairs: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let index = Int32(elements.count)
        let firstAttribute = Int32(attributes.count)
        if let pairs {
            var position = 0
            while let attributeName = pairs[position] {
                if let raw = StreamedPage.AttributeName.names.lookup(attributeName),
                    let kind = StreamedPage.AttributeName(rawValue: raw)
                {
                    let start = Int32(attributeBytes.count)
                    if let value = pairs[position + 1] {
                        var length = 0
                        while value[length] != 0 { length += 1 }
                        attributeBytes.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
                    }
                    attributes.append(.init(name: kind, start: start, length: Int32(attributeBytes.count) - start))
                }
                position += 2
            }
        }
        elements.append(
            .init(
                tag: name.map(StreamedPage.Tag.init) ?? .other, parent: open.last ?? -1, startEvent: Int32(events.count),
                endEvent: -1, subtreeEnd: -1, firstAttribute: firstAttribute,
                attributeCount: Int32(attributes.count) - firstAttribute))
        events.append(.init(kind: .start, value: index, length: 0))
        open.append(index)
        extendable = false
    }

    mutating func end() {
        guard let index = open.popLast() else { return }
        elements[Int(index)].endEvent = Int32(events.count)
        elements[Int(index)].subtreeEnd = Int32(elements.count)
        events.append(.init(kind: .end, value: index, length: 0))
        extendable = false
    }

    mutating func characters(_ bytes: UnsafePointer<UInt8>?, _ length: Int32, kind: StreamedPage.Event.Kind) {
        // The tree builder drops text outside every element.
        guard let bytes, length > 0, !open.isEmpty else { return }
        if extendable, events[events.count - 1].kind == kind {
            events[events.count - 1].length += length
        } else {
            events.append(.init(kind: kind, value: Int32(text.count), length: length))
            extendable = true
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
    }

    /// A comment or processing instruction: a node between two text runs, which stay apart.
    mutating func separate() {
        extendable = false
    }

    /// Closes what the input left open.
    mutating func finish() {
        while !open.isEmpty { end() }
    }
}

/// libxml2's parser keeps global tables; set them up once, before any thread parses.
let libxml2Initialized: Void = {
    xmlInitParser()
    cjobxml2_silence_errors()
}()

/// The options of every parse: recover, no network, no error output.
let htmlParseOptions = Int32(
    bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
