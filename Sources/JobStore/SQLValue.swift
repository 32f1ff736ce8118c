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
    /// The value of the column at a position of the SELECT list (the fast way for long scans).
    func value(at index: Int) -> SQLValue?
}

extension StoreRow {
    public func string(_ column: String) -> String? { Self.string(value(column)) }
    public func double(_ column: String) -> Double? { Self.double(value(column)) }
    public func int(_ column: String) -> Int? { Self.int(value(column)) }
    public func bool(_ column: String) -> Bool? { int(column).map { $0 != 0 } }
    public func string(_ index: Int) -> String? { Self.string(value(at: index)) }
    public func double(_ index: Int) -> Double? { Self.double(value(at: index)) }
    public func int(_ index: Int) -> Int? { Self.int(value(at: index)) }

    static func string(_ value: SQLValue?) -> String? {
        switch value {
        case let .text(value)?: value
        case let .integer(value)?: String(value)
        case let .real(value)?: "\(value)"
        case nil: nil
        }
    }

    static func double(_ value: SQLValue?) -> Double? {
        switch value {
        case let .real(value)?: value
        case let .integer(value)?: Double(value)
        case let .text(value)?: Double(value)
        case nil: nil
        }
    }

    static func int(_ value: SQLValue?) -> Int? {
        switch value {
        case let .integer(value)?: Int(value)
        case let .real(value)?: Int(value)
        case let .text(value)?: Int(value)
        case nil: nil
        }
    }
}

extension Row: StoreRow {
    public func value(_ column: String) -> SQLValue? { Self.sqlValue(self[column] ?? .null) }
    public func value(at index: Int) -> SQLValue? { Self.sqlValue(self[index]) }

    private static func sqlValue(_ value: DatabaseValue) -> SQLValue? {
        switch value.storage {
        case .null: return nil
        case let .int64(number): return .integer(number)
        case let .double(number): return .real(number)
        case let .string(text): return .text(text)
        case let .blob(data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}
