import GRDB

/// A value bound to, or read from, a statement in either backend; `nil` stands for NULL.
public enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)

    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }

    var databaseValue: DatabaseValue {
        switch self {
        case let .integer(value): value.databaseValue
        case let .real(value): value.databaseValue
        case let .text(value): value.databaseValue
        }
    }

    /// The value as the PostgreSQL text protocol writes it. Doubles print their shortest exact
    /// form, so a value read back is the same IEEE-754 number.
    public var text: String {
        switch self {
        case let .integer(value): String(value)
        case let .real(value): "\(value)"
        case let .text(value): value
        }
    }
}

extension StatementArguments {
    init(_ values: [SQLValue?]) {
        self.init(values.map { $0?.databaseValue ?? .null })
    }
}

/// A result row either backend hands over, read by column name.
public protocol StoreRow {
    func value(_ column: String) -> SQLValue?
}

extension StoreRow {
    public func string(_ column: String) -> String? {
        switch value(column) {
        case let .text(value)?: value
        case let .integer(value)?: String(value)
        case let .real(value)?: "\(value)"
        case nil: nil
        }
    }

    public func double(_ column: String) -> Double? {
        switch value(column) {
        case let .real(value)?: value
        case let .integer(value)?: Double(value)
        case let .text(value)?: Double(value)
        case nil: nil
        }
    }

    public func int(_ column: String) -> Int? {
        switch value(column) {
        case let .integer(value)?: Int(value)
        case let .real(value)?: Int(value)
        case let .text(value)?: Int(value)
        case nil: nil
        }
    }

    public func bool(_ column: String) -> Bool? { int(column).map { $0 != 0 } }
}

extension Row: StoreRow {
    public func value(_ column: String) -> SQLValue? {
        let value: DatabaseValue = self[column] ?? .null
        switch value.storage {
        case .null: return nil
        case let .int64(number): return .integer(number)
        case let .double(number): return .real(number)
        case let .string(text): return .text(text)
        case let .blob(data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}
