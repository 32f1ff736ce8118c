/// An element of a ``StreamedPage``; elements compare in document order.
public struct PageElement: Hashable, Comparable, Sendable {
    let index: Int32

    public static func < (lhs: PageElement, rhs: PageElement) -> Bool { lhs.index < rhs.index }
}

/// A test on an element of a ``StreamedPage``: its name, its attributes, or both. Built once
/// (names and values become bytes), then checked against every element without making a String.
///
/// Only the names StreamedPage keeps can be asked about (the elements and attributes posting
/// extraction reads); a test on another name matches nothing.
public struct ElementMatch: Sendable {
    indirect enum Test: Sendable {
        case tags(UInt64)
        case equals(StreamedPage.AttributeName, [UInt8])
        case contains(StreamedPage.AttributeName, [UInt8], ignoringCase: Bool)
        case present(StreamedPage.AttributeName)
        case any([Test])
        case all([Test])
        case never
    }

    let test: Test
    /// True when the test can only match an element with attributes, so elements without any
    /// are passed over without looking.
    let needsAttribute: Bool

    init(test: Test) {
        self.test = test
        needsAttribute = Self.needsAttribute(test)
    }

    private static func needsAttribute(_ test: Test) -> Bool {
        switch test {
        case .tags: false
        case .equals, .contains, .present, .never: true
        case let .any(tests): tests.allSatisfy(needsAttribute)
        case let .all(tests): tests.contains(where: needsAttribute)
        }
    }

    /// Elements with one of these names (lowercase, as libxml2 reports them).
    public static func named(_ names: String...) -> ElementMatch {
        var mask: UInt64 = 0
        for name in names {
            if let tag = StreamedPage.Tag(name: name) { mask |= 1 << UInt64(tag.rawValue) }
        }
        return ElementMatch(test: .tags(mask))
    }

    /// `@name = 'value'`.
    public static func attribute(_ name: String, equals value: String) -> ElementMatch {
        guard let attribute = StreamedPage.AttributeName(name: name) else { return ElementMatch(test: .never) }
        return ElementMatch(test: .equals(attribute, Array(value.utf8)))
    }

    /// `contains(@name, 'value')`.
    public static func attribute(_ name: String, contains value: String) -> ElementMatch {
        guard let attribute = StreamedPage.AttributeName(name: name) else { return ElementMatch(test: .never) }
        return ElementMatch(test: .contains(attribute, Array(value.utf8), ignoringCase: false))
    }

    /// `contains(translate(@name, 'ABC…', 'abc…'), 'value')`: ASCII letters of the attribute
    /// compare lowercased; `value` must be lowercase.
    public static func attribute(_ name: String, containsLowercased value: String) -> ElementMatch {
        guard let attribute = StreamedPage.AttributeName(name: name) else { return ElementMatch(test: .never) }
        return ElementMatch(test: .contains(attribute, Array(value.utf8), ignoringCase: true))
    }

    /// `@name`: the attribute is present, with or without a value.
    public static func hasAttribute(_ name: String) -> ElementMatch {
        guard let attribute = StreamedPage.AttributeName(name: name) else { return ElementMatch(test: .never) }
        return ElementMatch(test: .present(attribute))
    }

    /// Any of the tests.
    public static func anyOf(_ matches: [ElementMatch]) -> ElementMatch {
        ElementMatch(test: .any(matches.map(\.test)))
    }

    /// Every one of the tests.
    public static func allOf(_ matches: [ElementMatch]) -> ElementMatch {
        ElementMatch(test: .all(matches.map(\.test)))
    }
}

extension StreamedPage {
    // MARK: Finding elements

    /// The first element, in document order, that the test matches (`(//*[test])[1]`).
    public func first(_ match: ElementMatch) -> PageElement? {
        var index = 0
        while index < elements.count {
            if matches(match, index) {
                return PageElement(index: Int32(index))
            }
            index += 1
        }
        return nil
    }

    /// Every element the test matches, in document order (`//*[test]`), or only those inside
    /// `ancestor` (`ancestor//*[test]`).
    public func all(_ match: ElementMatch, within ancestor: PageElement? = nil) -> [PageElement] {
        var range = 0..<elements.count
        if let ancestor { range = Int(ancestor.index) + 1..<Int(elements[Int(ancestor.index)].subtreeEnd) }
        var found: [PageElement] = []
        for index in range where matches(match, index) {
            found.append(PageElement(index: Int32(index)))
        }
        return found
    }

    /// True when an earlier sibling of the element matches the test (so `*[test][1]` is not it).
    public func hasPrecedingSibling(_ element: PageElement, matching match: ElementMatch) -> Bool {
        let parent = elements[Int(element.index)].parent
        var index = parent < 0 ? 0 : Int(parent) + 1
        while index < Int(element.index) {
            if matches(match, index) { return true }
            index = Int(elements[index].subtreeEnd)
        }
        return false
    }

    /// The elements before `element` that are not its ancestors, nearest first, at most `limit`
    /// (`preceding::*[position() <= limit]`).
    public func preceding(_ element: PageElement, limit: Int) -> [PageElement] {
        var found: [PageElement] = []
        var ancestor = elements[Int(element.index)].parent
        var index = Int(element.index) - 1
        while index >= 0 && found.count < limit {
            if index == Int(ancestor) {
                ancestor = elements[index].parent
            } else {
                found.append(PageElement(index: Int32(index)))
            }
            index -= 1
        }
        return found
    }

    /// True when the test matches the element.
    public func matches(_ element: PageElement, _ match: ElementMatch) -> Bool {
        matches(match, Int(element.index))
    }

    /// True when the test matches the element at `index`; an element without attributes is passed
    /// over at once when the test needs one.
    private func matches(_ match: ElementMatch, _ index: Int) -> Bool {
        (!match.needsAttribute || elements[index].attributeCount > 0) && matches(match.test, index)
    }

    private func matches(_ test: ElementMatch.Test, _ index: Int) -> Bool {
        switch test {
        case let .tags(mask):
            return mask & (1 << UInt64(elements[index].tag.rawValue)) != 0
        case let .equals(name, value):
            guard let range = attributeRange(name, index) else { return false }
            return range.count == value.count && attributeBytes[range].elementsEqual(value)
        case let .contains(name, value, ignoringCase):
            guard let range = attributeRange(name, index) else { return false }
            return Self.contains(attributeBytes[range], value, ignoringCase: ignoringCase)
        case let .present(name):
            return attributeRange(name, index) != nil
        case let .any(tests):
            return tests.contains { matches($0, index) }
        case let .all(tests):
            return tests.allSatisfy { matches($0, index) }
        case .never:
            return false
        }
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8], ignoringCase: Bool) -> Bool {
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        var start = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while start <= last {
            var offset = 0
            while offset < needle.count {
                var byte = haystack[start + offset]
                if ignoringCase && byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                if byte != needle[offset] { break }
                offset += 1
            }
            if offset == needle.count { return true }
            start += 1
        }
        return false
    }

    // MARK: Reading elements

    private func attributeRange(_ name: AttributeName, _ index: Int) -> Range<Int>? {
        let element = elements[index]
        var position = Int(element.firstAttribute)
        let end = position + Int(element.attributeCount)
        while position < end {
            let attribute = attributes[position]
            if attribute.name == name { return Int(attribute.start)..<Int(attribute.start + attribute.length) }
            position += 1
        }
        return nil
    }

    /// An attribute's value (`""` for one written without a value), or nil when it is absent.
    public func attribute(_ name: String, of element: PageElement) -> String? {
        guard let name = AttributeName(name: name) else { return nil }
        return attribute(name, Int(element.index))
    }

    func attribute(_ name: AttributeName, _ index: Int) -> String? {
        attributeRange(name, index).map { String(decoding: attributeBytes[$0], as: UTF8.self) }
    }

    /// The element's string value: all its text, scripts' included (XPath `string(.)`).
    public func text(of element: PageElement) -> String {
        String(decoding: textBytes(Int(element.index)), as: UTF8.self)
    }

    func textBytes(_ index: Int) -> [UInt8] {
        let element = elements[index]
        var bytes: [UInt8] = []
        var position = Int(element.startEvent) + 1
        while position < Int(element.endEvent) {
            let event = events[position]
            if event.kind == .text || event.kind == .cdata {
                bytes.append(contentsOf: text[Int(event.value)..<Int(event.value + event.length)])
            }
            position += 1
        }
        return bytes
    }

    /// The first of the elements whose string value, whitespace collapsed, is not empty.
    public func firstText(_ elements: [PageElement]) -> String? {
        for element in elements {
            let text = TextCleaner.collapseWhitespace(bytes: textBytes(Int(element.index)))
            if !text.isEmpty { return text }
        }
        return nil
    }

    /// The element's text when its text nodes (scripts' and styles' left out) hold under 120
    /// bytes; nil for larger ones, without reading them whole.
    func shortContent(_ index: Int) -> String? {
        let element = elements[index]
        var total = 0
        var position = Int(element.startEvent) + 1
        while position < Int(element.endEvent) {
            let event = events[position]
            if event.kind == .text {
                total += Int(event.length)
                if total >= 120 { return nil }
            }
            position += 1
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        position = Int(element.startEvent) + 1
        while position < Int(element.endEvent) {
            let event = events[position]
            if event.kind == .text { bytes.append(contentsOf: text[Int(event.value)..<Int(event.value + event.length)]) }
            position += 1
        }
        let text = TextCleaner.collapseWhitespace(bytes: bytes)
        return text.isEmpty ? nil : text
    }

    /// The element's first own text node that is not all whitespace, or "".
    func ownText(_ index: Int) -> ArraySlice<UInt8> {
        let element = elements[index]
        var position = Int(element.startEvent) + 1
        while position < Int(element.endEvent) {
            let event = events[position]
            switch event.kind {
            case .start:
                position = Int(elements[Int(event.value)].endEvent) + 1
                continue
            case .text:
                let run = text[Int(event.value)..<Int(event.value + event.length)]
                if TextCleaner.hasNonWhitespace(run) { return run }
            case .cdata, .end:
                break
            }
            position += 1
        }
        return []
    }

    /// The next sibling element, if any.
    func nextSibling(_ index: Int) -> Int? {
        let next = Int(elements[index].subtreeEnd)
        guard next < elements.count, elements[next].parent == elements[index].parent else { return nil }
        return next
    }

    // MARK: Text a reader sees

    /// The page's visible text, as ``HTMLDocument/visibleText()``: scripts, styles and the head
    /// left out, one line per block element.
    public func visibleText() -> String {
        elements.isEmpty ? "" : visibleText(of: PageElement(index: 0))
    }

    /// The visible text of one element, as ``HTMLDocument/visibleText(of:)`` gives it.
    public func visibleText(of element: PageElement) -> String {
        let root = elements[Int(element.index)]
        let first = Int(root.startEvent)
        let end = Int(root.endEvent)
        // Output is at most the text bytes (a run of whitespace becomes one space), one space
        // carried into each text run, and one line break per element start or end: a bound that
        // keeps the buffer small enough for the allocator to reuse rather than map afresh.
        var textBytes = 0
        for position in first...end where events[position].kind == .text || events[position].kind == .cdata {
            textBytes += Int(events[position].length)
        }
        let output = text.withUnsafeBufferPointer { text in
            [UInt8](unsafeUninitializedCapacity: textBytes + 2 * (end - first + 1) + 2) { buffer, count in
                var writer = VisibleTextWriter(output: buffer)
                var position = first
                while position <= end {
                    let event = events[position]
                    switch event.kind {
                    case .start:
                        let tag = elements[Int(event.value)].tag
                        if tag.isHidden {
                            position = Int(elements[Int(event.value)].endEvent) + 1
                            continue
                        }
                        if tag == .td || tag == .th { writer.pendingSpace = true }
                        if tag.isBlock { writer.newline() }
                    case .end:
                        if elements[Int(event.value)].tag.isBlock { writer.newline() }
                    case .text, .cdata:
                        writer.append(text, from: Int(event.value), to: Int(event.value + event.length))
                    }
                    position += 1
                }
                count = writer.count
            }
        }
        let last = output.last == 0x0A ? output.count - 1 : output.count
        return output.withUnsafeBufferPointer { Self.string(UnsafeBufferPointer(rebasing: $0[..<max(0, last)])) }
    }

    /// A String of bytes that are well-formed UTF-8 (page text always is). Swift checks the bytes
    /// again, cheaply only while they are all ASCII: mostly-ASCII text with a few other characters
    /// is put together from its ASCII runs and those characters, each checked on its own.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress else { return "" }
        let highs: UInt64 = 0x8080_8080_8080_8080
        var result = ""
        var pieces = 0
        var runStart = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & highs == 0 {
                index += 8
                continue
            }
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            pieces += 1
            if pieces > 64 { return String(decoding: bytes, as: UTF8.self) }
            if pieces == 1 { result.reserveCapacity(bytes.count) }
            if index > runStart {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self))
            }
            var end = index + 1
            while end < bytes.count && bytes[end] >= 0x80 { end += 1 }
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))
            runStart = end
            index = end
        }
        if pieces == 0 { return String(decoding: bytes, as: UTF8.self) }
        if bytes.count > runStart {
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self))
        }
        return result
    }

    // MARK: Near the title

    /// The first `limit` elements after `anchor`'s subtree, in document order: the elements
    /// ``HTMLDocument/elements(after:limit:)`` describes, to be asked about one at a time.
    public func elements(after anchor: PageElement, limit: Int) -> [PageElement] {
        let first = Int(elements[Int(anchor.index)].subtreeEnd)
        return (first..<min(elements.count, first + limit)).map { PageElement(index: Int32($0)) }
    }

    /// The element's own first text (its first text node that is not all whitespace), whitespace
    /// collapsed, when that is shorter than `limit` bytes; nil when it is not.
    public func ownText(of element: PageElement, under limit: Int) -> String? {
        let run = ownText(Int(element.index))
        // While the bytes are ASCII, count the collapsed length as it grows and stop at the limit.
        var length = 0
        var pendingSpace = false
        for byte in run {
            if byte >= 0x80 { break }
            if TextCleaner.isASCIIWhitespace(byte) {
                pendingSpace = length > 0
            } else {
                length += pendingSpace ? 2 : 1
                pendingSpace = false
                if length >= limit { return nil }
            }
        }
        let text = TextCleaner.collapseWhitespace(bytes: run)
        return text.utf8.count < limit ? text : nil
    }

    /// The element's first own text node that is not all whitespace, as UTF-8 bytes (whitespace
    /// kept), or none: what ``ownText(of:under:)`` collapses.
    public func ownTextBytes(of element: PageElement) -> ArraySlice<UInt8> {
        ownText(Int(element.index))
    }

    /// The element's text when its text nodes (scripts' and styles' left out) hold under 120
    /// bytes, whitespace collapsed; nil for larger ones or none.
    public func shortText(of element: PageElement) -> String? {
        shortContent(Int(element.index))
    }

    /// The element's next sibling element, if any.
    public func nextSibling(of element: PageElement) -> PageElement? {
        nextSibling(Int(element.index)).map { PageElement(index: Int32($0)) }
    }

    /// True when the element's hint attributes (`class`, `data-automation`, `data-automation-id`,
    /// `data-testid`, `data-test`, `data-qa`, `itemprop`), lowercased and joined by spaces, contain one of the words
    /// (lowercase ASCII, without spaces) as Foundation's `contains` would find it.
    public func hints(of element: PageElement, contain words: HintWords) -> Bool {
        let index = Int(element.index)
        let record = elements[index]
        var found = false
        var ascii = true
        var position = Int(record.firstAttribute)
        let end = position + Int(record.attributeCount)
        while position < end {
            let attribute = attributes[position]
            position += 1
            guard HintWords.attributes.contains(attribute.name) else { continue }
            let range = Int(attribute.start)..<Int(attribute.start + attribute.length)
            if attributeBytes[range].contains(where: { $0 >= 0x80 }) {
                ascii = false
            } else if !found {
                found = words.bytes.contains { Self.contains(attributeBytes[range], $0, ignoringCase: true) }
            }
        }
        if ascii { return found }
        // Other characters lowercase by Unicode's rules: ask the joined, lowercased String.
        let classes = HintWords.attributes.compactMap { attribute($0, index) }.joined(separator: " ").lowercased()
        return words.words.contains { foundationContains(classes, $0) }
    }

    // MARK: Microdata

    /// The schema.org microdata items of the page, outermost first, as ``HTMLDocument/microdataItems()``.
    public func microdataItems() -> [MicrodataItem] {
        guard !elements.isEmpty else { return [] }
        var items: [MicrodataItem] = []
        collectTopLevel(0, into: &items)
        return items
    }

    private func children(_ index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        let end = Int(elements[index].subtreeEnd)
        while child < end {
            result.append(child)
            child = Int(elements[child].subtreeEnd)
        }
        return result
    }

    private func collectTopLevel(_ index: Int, into items: inout [MicrodataItem]) {
        for child in children(index) {
            if attributeRange(.itemscope, child) != nil && attributeRange(.itemprop, child) == nil {
                items.append(item(at: child))
            } else {
                collectTopLevel(child, into: &items)
            }
        }
    }

    private func item(at index: Int) -> MicrodataItem {
        var item = MicrodataItem(type: attribute(.itemtype, index), properties: [])
        collectProperties(under: index, into: &item)
        return item
    }

    private func collectProperties(under index: Int, into item: inout MicrodataItem) {
        for child in children(index) {
            let isScope = attributeRange(.itemscope, child) != nil
            if let names = attribute(.itemprop, child)?.split(separator: " ") {
                let value: MicrodataItem.Value =
                    isScope ? .item(self.item(at: child)) : .text(propertyValue(child, prose: MicrodataItem.namesProse(names)))
                for name in names { item.properties.append((String(name), value)) }
            }
            // A nested item's descendants belong to it, not to us.
            if !isScope { collectProperties(under: child, into: &item) }
        }
    }

    private func propertyValue(_ index: Int, prose: Bool) -> String {
        let source: AttributeName? =
            switch elements[index].tag {
            case .meta: .content
            case .a, .link, .area: .href
            case .img, .audio, .video, .source, .embed, .iframe: .src
            case .time: attributeRange(.datetime, index) != nil ? .datetime : nil
            case .data, .meter: .value
            default: attributeRange(.content, index) != nil ? .content : nil
            }
        if let source, let range = attributeRange(source, index) {
            return TextCleaner.collapseWhitespace(bytes: attributeBytes[range])
        }
        if prose { return visibleText(of: PageElement(index: Int32(index))) }
        return TextCleaner.collapseWhitespace(bytes: textBytes(index))
    }
}

/// Words to look for in an element's hint attributes (see ``StreamedPage/hints(of:contain:)``).
public struct HintWords: Sendable {
    static let attributes: [StreamedPage.AttributeName] = [
        .class, .dataAutomation, .dataAutomationID, .dataTestid, .dataTest, .dataQa, .itemprop,
    ]
    let words: [String]
    let bytes: [[UInt8]]

    /// - Parameters:
    ///   - words: lowercase ASCII words without spaces.
    public init(_ words: [String]) {
        self.words = words
        bytes = words.map { Array($0.utf8) }
    }
}

/// The output of a visible-text walk: whitespace (ASCII and U+00A0) collapses to one space, a
/// line starts without one, and block elements break lines; as `VisibleTextBuilder`.
struct VisibleTextWriter {
    let output: UnsafeMutableBufferPointer<UInt8>
    var count = 0
    var pendingSpace = false

    init(output: UnsafeMutableBufferPointer<UInt8>) {
        self.output = output
    }

    mutating func newline() {
        pendingSpace = false
        if count > 0, output[count - 1] != 0x0A {
            output[count] = 0x0A
            count += 1
        }
    }

    /// True when 8 bytes that follow a written non-space byte can be written unchanged: none is a
    /// control or 0xC2 (which may start a no-break space), no two spaces are adjacent and the
    /// last is not a space (the next word may start with one).
    @inline(__always)
    static func copiesAsItIs(_ word: UInt64) -> Bool {
        let spaces = ByteWords.bytes(word, equalTo: 0x20)
        let others = ByteWords.controls(word) | ByteWords.bytes(word, equalTo: 0xC2)
        return (others | (spaces & (spaces << 8)) | (spaces & 0x8000_0000_0000_0000)) == 0
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) {
        var index = start
        while index < stop {
            let byte = text[index]
            // A run of bytes that are neither whitespace nor the start of a no-break space is
            // copied as it is, after the one space that may be pending.
            if byte > 0x20 && byte != 0xC2 {
                write(byte)
                index += 1
                // Eight bytes at a time while they need no change: no control, no 0xC2, and spaces
                // only single ones between other bytes, after the byte just written.
                if let source = text.baseAddress, let target = output.baseAddress {
                    while index + 8 <= stop {
                        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                        if !Self.copiesAsItIs(word) { break }
                        UnsafeMutableRawPointer(target + count).storeBytes(of: word, as: UInt64.self)
                        count += 8
                        index += 8
                    }
                }
                while index < stop {
                    let next = text[index]
                    if next <= 0x20 || next == 0xC2 { break }
                    output[count] = next
                    count += 1
                    index += 1
                }
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
            if isSpace || (byte == 0xC2 && index + 1 < stop && text[index + 1] == 0xA0) {
                pendingSpace = true
                index += isSpace ? 1 : 2
                continue
            }
            write(byte)
            index += 1
        }
    }

    /// Writes a byte that is not whitespace, after the one space that may be pending (none at
    /// the start of a line).
    @inline(__always)
    private mutating func write(_ byte: UInt8) {
        if pendingSpace, count > 0, output[count - 1] != 0x0A {
            output[count] = 0x20
            count += 1
        }
        pendingSpace = false
        output[count] = byte
        count += 1
    }
}

extension StreamedPage {
    /// True when `element` lies inside `ancestor`'s subtree (`ancestor//*` holds it).
    public func isDescendant(_ element: PageElement, of ancestor: PageElement) -> Bool {
        element.index > ancestor.index && element.index < elements[Int(ancestor.index)].subtreeEnd
    }
}

extension StreamedPage {
    /// The element's parent element, if any.
    public func parent(of element: PageElement) -> PageElement? {
        let parent = elements[Int(element.index)].parent
        return parent < 0 ? nil : PageElement(index: parent)
    }
}

extension StreamedPage {
    /// The first text inside the element that is not all whitespace (scripts' and styles' left
    /// out), whitespace collapsed, when it is shorter than `limit` bytes: the name in
    /// "<header><a>Acme</a><nav>Jobs People</nav></header>".
    public func firstTextRun(of element: PageElement, under limit: Int) -> String? {
        let record = elements[Int(element.index)]
        var position = Int(record.startEvent) + 1
        while position < Int(record.endEvent) {
            let event = events[position]
            if event.kind == .start, elements[Int(event.value)].tag.isHidden {
                position = Int(elements[Int(event.value)].endEvent) + 1
                continue
            }
            if event.kind == .text {
                let run = text[Int(event.value)..<Int(event.value + event.length)]
                if TextCleaner.hasNonWhitespace(run) {
                    let collapsed = TextCleaner.collapseWhitespace(bytes: run)
                    return collapsed.utf8.count < limit ? collapsed : nil
                }
            }
            position += 1
        }
        return nil
    }
}
