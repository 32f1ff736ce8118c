internal import CJobXML2

/// One schema.org microdata item (`itemscope`), with its properties in document order.
public struct MicrodataItem: Sendable, Equatable {
    /// A property's value: text, or a nested item.
    public indirect enum Value: Sendable, Equatable {
        case text(String)
        case item(MicrodataItem)
    }

    /// Properties whose text is prose laid out in blocks (paragraphs, list items): their value
    /// is the element's visible text, a line per block, where other properties take the text
    /// content, which runs "…with PyTorch</li><li>Deploy…" together into "PyTorchDeploy".
    static let proseProperties: Set<Substring> = [
        "description", "qualifications", "responsibilities", "skills", "experienceRequirements",
        "educationRequirements", "jobBenefits", "incentiveCompensation",
    ]

    /// True when one of the property names is a prose property.
    static func namesProse(_ names: [Substring]) -> Bool {
        names.contains { proseProperties.contains($0) }
    }

    /// The `itemtype` URL, e.g. `https://schema.org/JobPosting`.
    public var type: String?
    public var properties: [(name: String, value: Value)]

    /// The type's last path component: `JobPosting` for `https://schema.org/JobPosting`.
    public var typeName: String? {
        type.map { String($0.split(separator: "/").last ?? Substring($0)) }
    }

    /// The first text value of a property.
    public func text(_ name: String) -> String? {
        for property in properties where property.name == name {
            switch property.value {
            case let .text(text): return text
            case let .item(item): return item.text("name")
            }
        }
        return nil
    }

    /// The first nested item of a property.
    public func item(_ name: String) -> MicrodataItem? {
        for property in properties where property.name == name {
            if case let .item(item) = property.value { return item }
        }
        return nil
    }

    public static func == (lhs: MicrodataItem, rhs: MicrodataItem) -> Bool {
        lhs.type == rhs.type && lhs.properties.elementsEqual(rhs.properties) { $0.name == $1.name && $0.value == $1.value }
    }
}

/// Reads microdata off a libxml2 tree (WHATWG HTML §5.2, without `itemref`).
enum Microdata {
    static func collectTopLevel(_ node: xmlNodePtr, into items: inout [MicrodataItem]) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                if hasAttribute(current, "itemscope") && !hasAttribute(current, "itemprop") {
                    items.append(item(at: current))
                } else {
                    collectTopLevel(current, into: &items)
                }
            }
            child = current.pointee.next
        }
    }

    static func item(at node: xmlNodePtr) -> MicrodataItem {
        var item = MicrodataItem(type: attribute(node, "itemtype"), properties: [])
        collectProperties(under: node, into: &item)
        return item
    }

    private static func collectProperties(under node: xmlNodePtr, into item: inout MicrodataItem) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let isScope = hasAttribute(current, "itemscope")
            if let names = attribute(current, "itemprop")?.split(separator: " ") {
                let value: MicrodataItem.Value =
                    isScope ? .item(self.item(at: current)) : .text(propertyValue(current, prose: MicrodataItem.namesProse(names)))
                for name in names { item.properties.append((String(name), value)) }
            }
            // A nested item's descendants belong to it, not to us.
            if !isScope { collectProperties(under: current, into: &item) }
        }
    }

    private static func propertyValue(_ node: xmlNodePtr, prose: Bool) -> String {
        let name = String(cString: node.pointee.name)
        let attributeName: String? =
            switch name {
            case "meta": "content"
            case "a", "link", "area": "href"
            case "img", "audio", "video", "source", "embed", "iframe": "src"
            case "time": hasAttribute(node, "datetime") ? "datetime" : nil
            case "data", "meter": "value"
            default: hasAttribute(node, "content") ? "content" : nil
            }
        if let attributeName, let value = attribute(node, attributeName) {
            return TextCleaner.collapseWhitespace(value)
        }
        if prose { return VisibleTextBuilder.text(of: node) }
        return TextCleaner.collapseWhitespace(HTMLDocument.content(of: node))
    }

    static func hasAttribute(_ node: xmlNodePtr, _ name: String) -> Bool {
        xmlHasProp(node, name) != nil
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let raw = xmlGetProp(node, name) else { return nil }
        defer { cjobxml2_free(raw) }
        return String(cString: raw)
    }
}
