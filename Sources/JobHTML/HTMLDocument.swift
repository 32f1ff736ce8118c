internal import CJobXML2

/// A parsed HTML page, queried with XPath; every answer is copied into Swift values.
///
/// It owns a libxml2 document, freed when it goes away. It is intentionally **not** thread
/// safe: use one document on one thread at a time (distinct documents may be used in parallel).
public final class HTMLDocument {
    private let document: xmlDocPtr
    /// The encoding the page was decoded with.
    public let encoding: String

    /// Parses a page, recovering from broken markup as far as libxml2 can.
    ///
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - url: the page's address, used as the document's base.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over the page's own declaration.
    public init(bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws(HTMLError) {
        _ = libxml2Initialized
        guard bytes.contains(where: { $0 > 0x20 }) else { throw .emptyDocument }
        let options = htmlParseOptions
        let detected = Charset.detect(bytes, contentType: contentType)
        func parse(_ encoding: String?) -> xmlDocPtr? {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, options)
                }
            }
        }
        // An encoding libxml2's iconv does not know makes the parse fail: fall back to its own sniffing.
        if let parsed = parse(detected) {
            document = parsed
            encoding = detected
        } else if let parsed = parse(nil) {
            document = parsed
            encoding = "auto"
        } else {
            throw .unparsable
        }
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The string value of every match: text content of elements, values of attributes.
    ///
    /// - Parameters:
    ///   - expression: an XPath 1.0 expression; one that yields a string or number gives one value.
    public func strings(_ expression: String) throws(HTMLError) -> [String] {
        try evaluate(expression) { nodes in nodes.map(Self.content(of:)) }
    }

    /// The first match's string value with whitespace collapsed, or nil when none is non-empty.
    public func firstText(_ expression: String) throws(HTMLError) -> String? {
        try strings(expression).lazy.map(TextCleaner.collapseWhitespace).first { !$0.isEmpty }
    }

    /// The page's visible text: scripts, styles and the head left out, one line per block element.
    public func visibleText() -> String {
        guard let root = xmlDocGetRootElement(document) else { return "" }
        return VisibleTextBuilder.text(of: root)
    }

    /// The visible text of the first element an XPath expression selects, or nil when none.
    public func visibleText(of expression: String) throws(HTMLError) -> String? {
        try evaluate(expression) { nodes in
            guard let node = nodes.first(where: { $0.pointee.type == XML_ELEMENT_NODE }) else { return [] }
            return [VisibleTextBuilder.text(of: node)]
        }.first
    }

    /// The schema.org microdata items of the page, outermost first.
    public func microdataItems() -> [MicrodataItem] {
        guard let root = xmlDocGetRootElement(document) else { return [] }
        var items: [MicrodataItem] = []
        Microdata.collectTopLevel(root, into: &items)
        return items
    }

    /// Runs an expression and hands its nodes to `body`, inside the document's lifetime.
    func evaluateNodes(_ expression: String, _ body: ([xmlNodePtr]) -> Void) throws(HTMLError) {
        _ = try evaluate(expression) { nodes in
            body(nodes)
            return []
        }
    }

    private func evaluate(
        _ expression: String, _ body: ([xmlNodePtr]) -> [String]
    ) throws(HTMLError) -> [String] {
        guard let context = xmlXPathNewContext(document) else { throw .invalidXPath(expression) }
        defer { xmlXPathFreeContext(context) }
        // Without a handler libxml2 prints XPath errors to stderr.
        context.pointee.error = { _, _ in }
        guard let result = xmlXPathEvalExpression(expression, context) else { throw .invalidXPath(expression) }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab
            else { return [] }
            let nodes = (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
            return body(nodes)
        case XPATH_STRING:
            return result.pointee.stringval.map { [String(cString: $0)] } ?? []
        case XPATH_NUMBER:
            let number = result.pointee.floatval
            return [number == number.rounded() ? String(Int(number)) : String(number)]
        case XPATH_BOOLEAN:
            return [result.pointee.boolval != 0 ? "true" : "false"]
        default:
            return []
        }
    }

    static func content(of node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { cjobxml2_free(raw) }
        return String(cString: raw)
    }
}
