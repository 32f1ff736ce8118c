internal import CJobXML2

/// Collects the text a reader sees, walking a libxml2 tree; breaks lines at block elements.
///
/// Works on the UTF-8 bytes libxml2 hands out: whitespace (ASCII and no-break space) collapses
/// to one space, and the result is decoded once at the end.
struct VisibleTextBuilder {
    private var output: [UInt8] = []
    private var pendingSpace = false

    /// Elements whose content is never shown.
    static let hidden: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]
    /// Elements that start a new line.
    static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section",
        "article", "header", "footer", "nav", "aside", "main", "dd", "dt", "dl", "blockquote", "pre", "form",
        "hr", "address", "figure", "figcaption", "details", "summary", "body", "title", "option", "label",
    ]

    /// The visible text of a node and its descendants.
    static func text(of node: xmlNodePtr) -> String {
        var builder = VisibleTextBuilder()
        builder.append(node)
        return builder.finish()
    }

    mutating func append(_ root: xmlNodePtr) {
        // Iterative walk: broken pages can nest deeper than a comfortable recursion.
        var stack: [(node: xmlNodePtr, leaving: Bool)] = [(root, false)]
        while let (node, leaving) = stack.popLast() {
            if leaving {
                newline()
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { appendText(content) }
            case XML_ELEMENT_NODE:
                let name = String(cString: node.pointee.name)
                if Self.hidden.contains(name) { continue }
                let isBlock = Self.blocks.contains(name)
                if name == "td" || name == "th" { pendingSpace = true }
                if isBlock {
                    newline()
                    stack.append((node, true))
                }
                var children: [xmlNodePtr] = []
                var child = node.pointee.children
                while let current = child {
                    children.append(current)
                    child = current.pointee.next
                }
                for current in children.reversed() { stack.append((current, false)) }
            default:
                continue
            }
        }
    }

    /// Appends a NUL-terminated UTF-8 text, collapsing whitespace.
    private mutating func appendText(_ text: UnsafePointer<UInt8>) {
        var index = 0
        while true {
            let byte = text[index]
            if byte == 0 { return }
            // ASCII whitespace, and U+00A0 (C2 A0) which pages use as a space.
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
            if isSpace || (byte == 0xC2 && text[index + 1] == 0xA0) {
                pendingSpace = true
                index += isSpace ? 1 : 2
                continue
            }
            if pendingSpace, let last = output.last, last != 0x0A { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
            index += 1
        }
    }

    private mutating func newline() {
        pendingSpace = false
        if let last = output.last, last != 0x0A { output.append(0x0A) }
    }

    func finish() -> String {
        let end = output.last == 0x0A ? output.count - 1 : output.count
        return String(decoding: output[..<end], as: UTF8.self)
    }
}
