/// Reads a page's UTF-8 in one pass over its bytes and hands its elements, attributes and text to a
/// ``PageBuilder``, repairing broken markup as libxml2's HTML parser does (its recovery mode):
/// the same implied `html`, `head`, `body` and `p`, the same elements closed by a later start or
/// end tag (``HTMLRecoveryRules``), stray end tags ignored, script and style read raw up to their
/// own end tag, the HTML 4 character references decoded, characters XML forbids dropped.
///
/// It exists for speed: libxml2 decodes and copies every character on its own, while this walks
/// runs of plain bytes and copies each run once.
struct PageReader {
    typealias Name = HTMLRecoveryRules.Name

    private let input: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// The open elements' names, parallel to the builder's open elements.
    private var open: [Name] = []
    /// 3 once a `head` has opened, 10 once a `body` has (libxml2's `ctxt->html`).
    private var seen = 0
    /// Start tags of `html`, `head` or `body` that were dropped, whose end tags are dropped too.
    private var dropped = 0
    private var names = NameInterner()
    private var scratch: [UInt8] = []

    private init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        open.reserveCapacity(64)
    }

    /// Reads `utf8`, which must be well-formed UTF-8, into `builder`.
    static func read(_ utf8: UnsafeBufferPointer<UInt8>, into builder: inout PageBuilder) {
        var reader = PageReader(utf8)
        reader.document(&builder)
        builder.finish()
    }

    // MARK: Bytes

    @inline(__always) private var atEnd: Bool { position >= input.count }

    @inline(__always) private func byte(_ offset: Int = 0) -> UInt8 {
        position + offset < input.count ? input[position + offset] : 0
    }

    @inline(__always) private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipBlanks() {
        while position < input.count && Self.isBlank(input[position]) { position += 1 }
    }

    private func startsWith(_ text: StaticString, caseInsensitive: Bool = false) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= input.count else { return false }
        let pointer = text.utf8Start
        for offset in 0..<count {
            var byte = input[position + offset]
            if caseInsensitive && byte >= 0x61 && byte <= 0x7A { byte -= 0x20 }
            if byte != pointer[offset] { return false }
        }
        return true
    }

    // MARK: Document

    private mutating func document(_ builder: inout PageBuilder) {
        skipBlanks()
        prolog(&builder)
        if startsWith("<!DOCTYPE", caseInsensitive: true) { skipPast(0x3E) }
        skipBlanks()
        prolog(&builder)
        content(&builder)
    }

    /// Comments and processing instructions before the content.
    private mutating func prolog(_ builder: inout PageBuilder) {
        while true {
            if startsWith("<!--") {
                comment(&builder)
            } else if startsWith("<?") {
                instruction(&builder)
            } else {
                return
            }
            skipBlanks()
        }
    }

    private mutating func content(_ builder: inout PageBuilder) {
        while position < input.count {
            let current = input[position]
            if current == 0x3C {
                let next = byte(1)
                if next == 0x2F {
                    endTag(&builder)
                    continue
                }
                if let top = open.last, top == HTMLRecoveryRules.script || top == HTMLRecoveryRules.style {
                    raw(top, &builder)
                    continue
                }
                if Self.isLetter(next) {
                    startTag(&builder)
                } else if next == 0x21 {
                    if startsWith("<!--") {
                        comment(&builder)
                    } else if startsWith("<!DOCTYPE", caseInsensitive: true) {
                        skipPast(0x3E)
                    } else {
                        literalLessThan(&builder)
                    }
                } else if next == 0x3F {
                    instruction(&builder)
                } else {
                    literalLessThan(&builder)
                }
            } else if let top = open.last, top == HTMLRecoveryRules.script || top == HTMLRecoveryRules.style {
                raw(top, &builder)
            } else if current == 0x26 {
                reference(&builder)
            } else if current == 0 {
                // libxml2 takes a NUL between constructs for the end of the input.
                return
            } else {
                characters(&builder)
            }
        }
    }

    private mutating func literalLessThan(_ builder: inout PageBuilder) {
        // As libxml2: a "<" that starts nothing is text, without implying a paragraph.
        builder.characters(input.baseAddress! + position, 1, kind: .text)
        position += 1
    }

    private mutating func skipPast(_ terminator: UInt8) {
        while position < input.count && input[position] != terminator { position += 1 }
        if position < input.count { position += 1 }
    }

    // MARK: Comments and instructions

    /// `<!-- … -->` (or `--!>`); an unterminated comment runs to the end of the input.
    private mutating func comment(_ builder: inout PageBuilder) {
        var index = position + 4
        while index + 2 < input.count {
            if input[index] == 0x2D && input[index + 1] == 0x2D {
                if input[index + 2] == 0x3E {
                    position = index + 3
                    builder.separate()
                    return
                }
                if input[index + 2] == 0x21 && index + 3 < input.count && input[index + 3] == 0x3E {
                    position = index + 4
                    builder.separate()
                    return
                }
            }
            index += 1
        }
        position = input.count
    }

    /// `<?target …>`; a `<?` without a target is dropped and what follows is text.
    private mutating func instruction(_ builder: inout PageBuilder) {
        position += 2
        let first = byte()
        guard Self.isLetter(first) || first == 0x5F || first == 0x3A else { return }
        skipPast(0x3E)
        builder.separate()
    }

    // MARK: Names

    /// Reads an element or attribute name (letters, digits, `:-_.`, at most 100), lowercased.
    private mutating func htmlName() -> NameKey? {
        let first = byte()
        guard Self.isLetter(first) || first == 0x5F || first == 0x3A || first == 0x2E else { return nil }
        var key = NameKey(low: 0, high: 0, count: 0)
        let start = position
        while position < input.count && key.count < 100 {
            var byte = input[position]
            if byte >= 0x41 && byte <= 0x5A {
                byte += 0x20
            } else if !(Self.isLetter(byte) || Self.isDigit(byte) || byte == 0x3A || byte == 0x2D || byte == 0x5F
                || byte == 0x2E)
            {
                break
            }
            if key.count < 16 { key.add(byte, at: key.count) }
            key.count += 1
            position += 1
        }
        if key.count > 16 {
            let lowered = input[start..<position].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            lowered.withUnsafeBufferPointer { key.hash($0) }
        }
        return key
    }

    // MARK: Elements

    private mutating func push(_ name: Name, firstAttribute: Int, _ builder: inout PageBuilder) {
        if name == HTMLRecoveryRules.head && seen < 3 { seen = 3 }
        if name == HTMLRecoveryRules.body && seen < 10 { seen = 10 }
        open.append(name)
        let tag = name >= 0 && Int(name) < HTMLRecoveryRules.tags.count ? HTMLRecoveryRules.tags[Int(name)] : .other
        builder.start(tag: tag, firstAttribute: Int32(firstAttribute))
    }

    private mutating func pop(_ builder: inout PageBuilder) {
        guard !open.isEmpty else { return }
        open.removeLast()
        builder.end()
    }

    /// Closes the open elements that a start tag `name` ends.
    private mutating func autoClose(_ name: Name, _ builder: inout PageBuilder) {
        while let top = open.last, HTMLRecoveryRules.startTag(name, closes: top) { pop(&builder) }
    }

    /// Opens the `html`, `head` or `body` that an element `name` needs around it.
    private mutating func implied(_ name: Name, _ builder: inout PageBuilder) {
        if name == HTMLRecoveryRules.html { return }
        let first = builder.attributes.count
        if open.isEmpty { push(HTMLRecoveryRules.html, firstAttribute: first, &builder) }
        if name == HTMLRecoveryRules.body || name == HTMLRecoveryRules.head { return }
        if open.count <= 1 && HTMLRecoveryRules.headContent.contains(name) {
            if seen >= 3 { return }
            push(HTMLRecoveryRules.head, firstAttribute: first, &builder)
        } else if !HTMLRecoveryRules.frames.contains(name) {
            if seen >= 10 { return }
            if open.contains(where: { $0 == HTMLRecoveryRules.body || $0 == HTMLRecoveryRules.head }) { return }
            push(HTMLRecoveryRules.body, firstAttribute: first, &builder)
        }
    }

    /// Text with no element to hold it opens a paragraph (in a body), as libxml2 does.
    private mutating func paragraphIfNeeded(_ builder: inout PageBuilder) {
        let top = open.last
        guard top == nil || top == HTMLRecoveryRules.html || top == HTMLRecoveryRules.head else { return }
        autoClose(HTMLRecoveryRules.p, &builder)
        implied(HTMLRecoveryRules.p, &builder)
        push(HTMLRecoveryRules.p, firstAttribute: builder.attributes.count, &builder)
    }

    private mutating func startTag(_ builder: inout PageBuilder) {
        position += 1
        let name = names.name(htmlName()!)
        autoClose(name, &builder)
        implied(name, &builder)
        var drop = false
        if !open.isEmpty && name == HTMLRecoveryRules.html {
            drop = true
            dropped += 1
        }
        if open.count != 1 && name == HTMLRecoveryRules.head {
            drop = true
            dropped += 1
        }
        if name == HTMLRecoveryRules.body {
            for element in open where element == HTMLRecoveryRules.body {
                drop = true
                dropped += 1
            }
        }
        let firstAttribute = builder.attributes.count
        let firstAttributeByte = builder.attributeBytes.count
        attributes(firstAttribute, &builder)
        if drop {
            builder.attributes.removeSubrange(firstAttribute...)
            builder.attributeBytes.removeSubrange(firstAttributeByte...)
        } else {
            push(name, firstAttribute: firstAttribute, &builder)
        }
        if byte() == 0x2F && byte(1) == 0x3E {
            // `<x/>` closes the element at the top, which is this one unless it was dropped.
            position += 2
            pop(&builder)
        } else if byte() == 0x3E {
            position += 1
            if !drop && HTMLRecoveryRules.isVoid(name) { pop(&builder) }
        }
    }

    private mutating func attributes(_ first: Int, _ builder: inout PageBuilder) {
        skipBlanks()
        while position < input.count {
            let current = input[position]
            if current == 0x3E || (current == 0x2F && byte(1) == 0x3E) { return }
            if let attributeName = htmlName() {
                let kind = StreamedPage.AttributeName.keys[attributeName]
                skipBlanks()
                var keep = false
                if let kind {
                    keep = !builder.attributes[first...].contains { $0.name == kind }
                }
                let start = builder.attributeBytes.count
                if byte() == 0x3D {
                    position += 1
                    skipBlanks()
                    attributeValue(keep: keep, &builder)
                }
                if keep, let kind {
                    builder.attributes.append(
                        .init(name: kind, start: Int32(start), length: Int32(builder.attributeBytes.count - start)))
                }
            } else {
                // Not a name: skipped up to the next blank or the end of the tag.
                while position < input.count {
                    let byte = input[position]
                    if Self.isBlank(byte) || byte == 0x3E || (byte == 0x2F && self.byte(1) == 0x3E) { break }
                    position += 1
                }
            }
            skipBlanks()
        }
    }

    /// A quoted or bare value, its character references decoded into the builder's attribute bytes
    /// when `keep`; an unterminated quote runs to the end of the input.
    private mutating func attributeValue(keep: Bool, _ builder: inout PageBuilder) {
        let quote = byte()
        let quoted = quote == 0x22 || quote == 0x27
        if quoted { position += 1 }
        var runStart = position
        while position < input.count {
            let current = input[position]
            if quoted {
                if current == quote { break }
            } else if current == 0x3E || Self.isBlank(current) {
                break
            }
            if current == 0x26 && keep {
                builder.attributeBytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                reference(into: &builder.attributeBytes)
                runStart = position
                continue
            }
            position += 1
        }
        if keep {
            builder.attributeBytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
        }
        if quoted && position < input.count { position += 1 }
    }

    private mutating func endTag(_ builder: inout PageBuilder) {
        position += 2
        guard let key = htmlName() else { return }
        let name = names.name(key)
        skipBlanks()
        skipPast(0x3E)
        if dropped > 0
            && (name == HTMLRecoveryRules.html || name == HTMLRecoveryRules.body || name == HTMLRecoveryRules.head)
        {
            dropped -= 1
            return
        }
        guard let index = open.lastIndex(of: name) else { return }
        let priority = HTMLRecoveryRules.endPriority(name)
        for element in open[(index + 1)...] where HTMLRecoveryRules.endPriority(element) > priority { return }
        while open.count > index { pop(&builder) }
    }

    // MARK: Text

    /// Which bytes end or interrupt a run of text: `<`, `&`, the C0 controls XML forbids (NUL
    /// becomes a space) and 0xEF, which may start the non-characters U+FFFE and U+FFFF.
    private static let special: [Bool] = (0...255).map { byte in
        byte == 0x3C || byte == 0x26 || byte == 0xEF || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
    }

    /// True when one of the 8 bytes may be `<`, `&`, 0xEF or a C0 control (blanks included): the
    /// words without one are skipped whole.
    @inline(__always)
    private static func mayStop(_ word: UInt64) -> Bool {
        (ByteWords.bytes(word, equalTo: 0x3C) | ByteWords.bytes(word, equalTo: 0x26) | ByteWords.bytes(word, equalTo: 0xEF)
            | ByteWords.controls(word)) != 0
    }

    /// A run of text up to the next `<` or `&`.
    private mutating func characters(_ builder: inout PageBuilder) {
        let start = position
        var clean = true
        let base = input.baseAddress!
        let count = input.count
        var index = position
        Self.special.withUnsafeBufferPointer { special in
            while index < count {
                if index + 8 <= count && !Self.mayStop(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let current = base[index]
                if special[Int(current)] {
                    if current == 0x3C || current == 0x26 { break }
                    clean = false
                }
                index += 1
            }
        }
        position = index
        if clean {
            emit(UnsafeBufferPointer(rebasing: input[start..<position]), &builder)
        } else {
            scratch.removeAll(keepingCapacity: true)
            Self.appendAllowed(UnsafeBufferPointer(rebasing: input[start..<position]), to: &scratch)
            let copy = scratch
            copy.withUnsafeBufferPointer { emit($0, &builder) }
        }
    }

    /// Copies text without the characters XML forbids (NUL as a space, as libxml2 reads it).
    private static func appendAllowed(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0 {
                output.append(0x20)
            } else if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                // dropped
            } else if byte == 0xEF && index + 2 < text.count && text[index + 1] == 0xBF
                && (text[index + 2] == 0xBE || text[index + 2] == 0xBF)
            {
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
    }

    private mutating func emit(_ text: UnsafeBufferPointer<UInt8>, _ builder: inout PageBuilder) {
        guard !text.isEmpty else { return }
        let top = open.last
        // Text outside the body opens a paragraph; blanks before a tag or the end (kept as they
        // are) do not.
        if top == nil || top == HTMLRecoveryRules.html || top == HTMLRecoveryRules.head,
            !(text.allSatisfy(Self.isBlank) && (position >= input.count || input[position] == 0x3C))
        {
            paragraphIfNeeded(&builder)
        }
        builder.characters(text.baseAddress!, Int32(text.count), kind: .text)
    }

    /// The content of a script or style element, read raw up to `</name`.
    private mutating func raw(_ name: Name, _ builder: inout PageBuilder) {
        let start = position
        let closing: StaticString = name == HTMLRecoveryRules.script ? "</SCRIPT" : "</STYLE"
        var clean = true
        let base = input.baseAddress!
        let count = input.count
        while position < count {
            if position + 8 <= count && !Self.mayStop(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                position += 8
                continue
            }
            let current = base[position]
            if current == 0x3C && byte(1) == 0x2F && startsWith(closing, caseInsensitive: true) { break }
            if current < 0x20 && current != 0x09 && current != 0x0A && current != 0x0D { clean = false }
            if current == 0xEF { clean = false }
            position += 1
        }
        if clean {
            if position > start { builder.characters(input.baseAddress! + start, Int32(position - start), kind: .cdata) }
        } else {
            scratch.removeAll(keepingCapacity: true)
            Self.appendAllowed(UnsafeBufferPointer(rebasing: input[start..<position]), to: &scratch)
            let copy = scratch
            copy.withUnsafeBufferPointer {
                if !$0.isEmpty { builder.characters($0.baseAddress!, Int32($0.count), kind: .cdata) }
            }
        }
        if position < input.count {
            // Its end tag, or an end tag inside it that libxml2 also takes for one.
            endTag(&builder)
        }
    }

    // MARK: Character references

    /// `&…` in text.
    private mutating func reference(_ builder: inout PageBuilder) {
        var decoded = scratch
        scratch = []
        decoded.removeAll(keepingCapacity: true)
        if reference(into: &decoded) {
            paragraphIfNeeded(&builder)
            decoded.withUnsafeBufferPointer { builder.characters($0.baseAddress!, Int32($0.count), kind: .text) }
        }
        scratch = decoded
    }

    /// Decodes the reference at `position` (which is at `&`) into `output`: a known entity
    /// followed by `;` or a numeric reference of an allowed character becomes its UTF-8; an
    /// unknown or unterminated name stays as written; a bad numeric reference is dropped.
    /// Returns false when nothing was written.
    @discardableResult
    private mutating func reference(into output: inout [UInt8]) -> Bool {
        if byte(1) == 0x23 {
            let value = characterReference()
            guard Self.isXMLCharacter(value) else { return false }
            ByteWords.appendUTF8(value, to: &output)
            return true
        }
        position += 1
        let nameStart = position
        let first = byte()
        guard Self.isLetter(first) || first == 0x5F || first == 0x3A || first >= 0x80 else {
            output.append(0x26)
            return true
        }
        while position < input.count {
            let byte = input[position]
            guard Self.isLetter(byte) || Self.isDigit(byte) || byte == 0x2E || byte == 0x2D || byte == 0x5F
                || byte == 0x3A || byte >= 0x80
            else { break }
            position += 1
        }
        let name = UnsafeBufferPointer(rebasing: input[nameStart..<position])
        if byte() == 0x3B, let packed = HTMLEntities.pack(name), let value = HTMLEntities.codePoint(packed: packed) {
            position += 1
            ByteWords.appendUTF8(value, to: &output)
        } else {
            output.append(0x26)
            output.append(contentsOf: name)
        }
        return true
    }

    /// `&#NNN;` or `&#xHHH;` (the `;` optional); 0 when it names nothing.
    private mutating func characterReference() -> UInt32 {
        var value: UInt32 = 0
        if byte(2) == 0x78 || byte(2) == 0x58 {
            position += 3
            while position < input.count && input[position] != 0x3B {
                let byte = input[position]
                let digit: UInt32
                if Self.isDigit(byte) {
                    digit = UInt32(byte - 0x30)
                } else if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66 {
                    digit = UInt32((byte | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                value = min(value * 16 + digit, 0x110000)
                position += 1
            }
        } else {
            position += 2
            while position < input.count && input[position] != 0x3B {
                let byte = input[position]
                guard Self.isDigit(byte) else { break }
                value = min(value * 10 + UInt32(byte - 0x30), 0x110000)
                position += 1
            }
        }
        if byte() == 0x3B { position += 1 }
        return value
    }

    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value <= 0xD7FF)
            || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
    }
}
