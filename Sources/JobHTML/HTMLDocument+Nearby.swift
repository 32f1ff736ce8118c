internal import CJobXML2

/// An element near the posting's title, as the heuristics look at it.
public struct NearbyElement: Sendable, Equatable {
    /// The hint attributes (`class`, `data-automation`, `data-automation-id`, `data-testid`,
    /// `data-test`, `data-qa`, `itemprop`: ``HintWords``'s), joined by spaces and lowercased.
    public var classes: String
    /// The element's own first text, whitespace collapsed (not its descendants').
    public var ownText: String
    /// The short text of the element's next sibling element, when the element's own text is
    /// short enough to be a label ("Location", "Company:").
    public var nextSiblingText: String?
    /// The element's whole text, whitespace collapsed, when it is short (under 120 bytes).
    public var shortText: String?
}

extension HTMLDocument {
    /// The first `limit` elements after the first element an XPath expression selects, in
    /// document order; one walk, instead of an XPath scan of the whole page per question.
    public func elements(after expression: String, limit: Int) -> [NearbyElement] {
        guard let anchor = (try? firstNode(expression)) ?? nil else { return [] }
        var result: [NearbyElement] = []
        var node: xmlNodePtr? = Self.nextInDocumentOrder(anchor, skippingChildren: true)
        while let current = node, result.count < limit {
            if current.pointee.type == XML_ELEMENT_NODE {
                let own = TextCleaner.collapseWhitespace(Self.ownText(current))
                let isLabel = !own.isEmpty && own.utf8.count < 30
                result.append(
                    NearbyElement(
                        classes: HintWords.attributes.compactMap { Microdata.attribute(current, $0.text) }
                            .joined(separator: " ").lowercased(),
                        ownText: own,
                        nextSiblingText: isLabel ? Self.nextElement(current).flatMap(Self.shortContent) : nil,
                        shortText: Self.shortContent(current)))
            }
            node = Self.nextInDocumentOrder(current, skippingChildren: false)
        }
        return result
    }

    private func firstNode(_ expression: String) throws(HTMLError) -> xmlNodePtr? {
        var found: xmlNodePtr?
        _ = try evaluateNodes(expression) { nodes in found = nodes.first }
        return found
    }

    static func nextInDocumentOrder(_ node: xmlNodePtr, skippingChildren: Bool) -> xmlNodePtr? {
        if !skippingChildren, let child = node.pointee.children { return child }
        var current: xmlNodePtr? = node
        while let at = current {
            if let next = at.pointee.next { return next }
            current = at.pointee.parent
            if current?.pointee.type == XML_DOCUMENT_NODE || current?.pointee.type == XML_HTML_DOCUMENT_NODE { return nil }
        }
        return nil
    }

    static func nextElement(_ node: xmlNodePtr) -> xmlNodePtr? {
        var next = node.pointee.next
        while let current = next, current.pointee.type != XML_ELEMENT_NODE { next = current.pointee.next }
        return next
    }

    static func ownText(_ node: xmlNodePtr) -> String {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                let text = String(cString: content)
                if text.contains(where: { !$0.isWhitespace }) { return text }
            }
            child = current.pointee.next
        }
        return ""
    }

    /// The element's text when its subtree holds under 120 bytes of it; nil for larger ones,
    /// without reading them whole (an unclosed element may hold the rest of a page).
    static func shortContent(_ node: xmlNodePtr) -> String? {
        var bytes: [UInt8] = []
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child { stack.append(current); child = current.pointee.next }
        stack.reverse()
        while let current = stack.popLast() {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                var index = 0
                while content[index] != 0 {
                    bytes.append(content[index])
                    index += 1
                    if bytes.count >= 120 { return nil }
                }
            }
            var grandchildren: [xmlNodePtr] = []
            var next = current.pointee.children
            while let each = next { grandchildren.append(each); next = each.pointee.next }
            stack.append(contentsOf: grandchildren.reversed())
        }
        let text = TextCleaner.collapseWhitespace(String(decoding: bytes, as: UTF8.self))
        return text.isEmpty ? nil : text
    }
}
