internal import CJobXML2

/// A page read in one pass over its bytes (``PageReader``), without building libxml2's tree.
///
/// The pass keeps what posting extraction asks about, in flat arrays: every element in document
/// order (its name when extraction knows it, its parent, where its subtree ends, and the
/// attributes extraction reads), and the text in one byte buffer, as libxml2's tree builder would
/// have split it into text nodes. Queries over it answer as the same XPath over
/// ``HTMLDocument`` would; the pass costs well under a tree parse and nothing has to be freed
/// node by node. Listing pages and XPath from a source's config still use ``HTMLDocument``.
///
/// The reader repairs markup with libxml2's rules (implied and auto-closed elements), so the
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

    /// Reads a page, recovering from broken markup as libxml2 does.
    ///
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over the page's own declaration.
    public init(bytes: [UInt8], contentType: String? = nil) throws(HTMLError) {
        guard bytes.contains(where: { $0 > 0x20 }) else { throw .emptyDocument }
        var builder = PageBuilder(expectedBytes: bytes.count)
        let encoding = Transcoder.withUTF8(bytes, encoding: Charset.detect(bytes, contentType: contentType)) {
            PageReader.read($0, into: &builder)
        }
        self.init(builder, encoding: encoding)
    }

    private init(_ builder: PageBuilder, encoding: String) {
        self.encoding = encoding
        elements = builder.elements
        events = builder.events
        text = builder.text
        attributes = builder.attributes
        attributeBytes = builder.attributeBytes
    }

    /// The same page read by libxml2's own SAX parser: the reference ``PageReader`` is checked
    /// against.
    init(libxml2 bytes: [UInt8], contentType: String? = nil) throws(HTMLError) {
        _ = libxml2Initialized
        guard bytes.contains(where: { $0 > 0x20 }) else { throw .emptyDocument }
        let detected = Charset.detect(bytes, contentType: contentType)
        // As HTMLDocument: an encoding the parser cannot use falls back to libxml2's own sniffing.
        if let read = Self.read(bytes, encoding: detected) {
            self.init(read, encoding: detected)
        } else if let read = Self.read(bytes, encoding: nil) {
            self.init(read, encoding: "auto")
        } else {
            throw .unparsable
        }
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

        static let keys = KeyTable(Tag.allCases.dropFirst().map { (NameKey("\($0)"), $0) })

        init(_ name: UnsafePointer<UInt8>) {
            self = Self.keys[NameKey(name)] ?? .other
        }

        init?(name: String) {
            guard let tag = Self.keys[NameKey(name)] else { return nil }
            self = tag
        }
    }

    /// The attributes extraction reads; the others are not kept.
    enum AttributeName: UInt8, CaseIterable {
        case `class`, id, dataAutomation, dataTestid, dataTest, itemprop, itemscope, itemtype, role, property, name,
            content, href, src, datetime, value, type, dataQa, alt, dataAutomationID

        var text: String {
            switch self {
            case .dataAutomation: "data-automation"
            case .dataTestid: "data-testid"
            case .dataTest: "data-test"
            case .dataQa: "data-qa"
            case .dataAutomationID: "data-automation-id"
            default: "\(self)"
            }
        }

        static let keys = KeyTable(AttributeName.allCases.map { (NameKey($0.text), $0) })

        init?(name: String) {
            guard let attribute = Self.keys[NameKey(name)] else { return nil }
            self = attribute
        }
    }
}

/// Collects the elements, attributes and text of one read: fed by ``PageReader``, or by libxml2's
/// SAX callbacks through a pointer (the reference read the tests compare with).
struct PageBuilder {
    var elements: [StreamedPage.Element] = []
    var events: [StreamedPage.Event] = []
    var text: [UInt8] = []
    var attributes: [StreamedPage.Attribute] = []
    var attributeBytes: [UInt8] = []
    /// Set by libxml2's start-of-document callback: a read that never got there failed.
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

    /// Opens an element as libxml2's SAX start callback reports it: the NUL-terminated name and
    /// name/value pairs.
    mutating func start(_ name: UnsafePointer<UInt8>?, _ pairs: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let firstAttribute = Int32(attributes.count)
        if let pairs {
            var position = 0
            while let attributeName = pairs[position] {
                if let kind = StreamedPage.AttributeName.keys[NameKey(attributeName)] {
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
        start(tag: name.map(StreamedPage.Tag.init) ?? .other, firstAttribute: firstAttribute)
    }

    /// Opens an element whose kept attributes are those from `firstAttribute` on.
    mutating func start(tag: StreamedPage.Tag, firstAttribute: Int32) {
        let index = Int32(elements.count)
        elements.append(
            .init(
                tag: tag, parent: open.last ?? -1, startEvent: Int32(events.count), endEvent: -1, subtreeEnd: -1,
                firstAttribute: firstAttribute, attributeCount: Int32(attributes.count) - firstAttribute))
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
