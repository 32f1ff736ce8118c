internal import CJobXML2

/// Collects the text a reader sees, walking a libxml2 tree; breaks lines at block elements.
struct VisibleTextBuilder {
    private var output = ""
    private var pendingSpace = false

    /// Elements whose content is never shown.
    static let hidden: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]
    /// Elements that start a new line.
    static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section",
        "article", "header", "footer", "nav", "aside", "main", "dd", "dt", "dl", "blockquote", "pre", "form",
        "hr", "address", "figure", "figcaption", "details", "summary", "body", "title", "option", "label",
    ]

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
                if let content = node.pointee.content { appendText(String(cString: content)) }
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

    private mutating func appendText(_ text: String) {
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace, let last = output.last, last != "\n" { output.append(" ") }
                pendingSpace = false
                output.append(character)
            }
        }
    }

    private mutating func newline() {
        pendingSpace = false
        if let last = output.last, last != "\n" { output.append("\n") }
    }

    func finish() -> String {
        output.last == "\n" ? String(output.dropLast()) : output
    }
}
