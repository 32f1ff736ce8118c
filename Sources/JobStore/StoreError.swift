/// Why the database could not be used.
public enum StoreError: Error, Equatable, Sendable {
    case cannotOpen(path: String, reason: String)
    case failed(String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open database \(path): \(reason)"
        case let .failed(reason): "database error: \(reason)"
        }
    }
}
