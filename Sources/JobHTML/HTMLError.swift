/// Why an HTML page could not be read.
public enum HTMLError: Error, Equatable, Sendable {
    case emptyDocument
    case unparsable
    case invalidXPath(String)
}

extension HTMLError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptyDocument: "the page is empty"
        case .unparsable: "libxml2 could not parse the page"
        case let .invalidXPath(expression): "invalid XPath expression: \(expression)"
        }
    }
}
