import CJobPQ
import Foundation
import JobStore

/// An error PostgreSQL or libpq reported, with its SQLSTATE when the server sent one.
struct PGError: Error, CustomStringConvertible {
    var message: String
    var sqlState: String?

    var description: String { message }

    /// Deadlocks and serialization failures: the transaction may simply be run again.
    var isRetryable: Bool { sqlState == "40P01" || sqlState == "40001" }
}

/// One libpq connection, used by one caller at a time: the pool hands it to one caller and takes
/// it back, which is why it may cross tasks.
///
/// Statements are prepared once per connection; `?` placeholders become `$1, $2, …`.
final class PGConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private var prepared: [String: String] = [:]
    private(set) var inTransaction = false

    init(url: String) throws(PGError) {
        guard let handle = PQconnectdb(url) else { throw PGError(message: "libpq could not allocate a connection") }
        self.handle = handle
        // On failure deinit finishes the handle: every stored property is set by now.
        guard PQstatus(handle) == CONNECTION_OK else { throw PGError(message: Self.text(PQerrorMessage(handle))) }
        // NOTICEs ("relation already exists, skipping") are not for the user's terminal.
        _ = try? run("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    }

    /// Throws unless the result is a success; frees it when it is not returned.
    private func check(_ result: OpaquePointer?) throws(PGError) -> PGResult {
        guard let result else { throw PGError(message: Self.text(PQerrorMessage(handle))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(result)
        default:
            let message = Self.text(PQresultErrorMessage(result))
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            PQclear(result)
            throw PGError(message: message.isEmpty ? Self.text(PQerrorMessage(handle)) : message, sqlState: state)
        }
    }

    /// Runs SQL without parameters; it may hold several statements (a migration script).
    @discardableResult
    func run(_ sql: String) throws(PGError) -> PGResult {
        try check(PQexec(handle, sql))
    }

    /// Runs one statement with parameters, sent as text, through a statement prepared once.
    @discardableResult
    func query(_ sql: String, _ values: [SQLValue?]) throws(PGError) -> PGResult {
        let name = try statement(sql, parameters: values.count)
        return try check(withParameters(values) { PQexecPrepared(handle, name, Int32(values.count), $0, nil, nil, 0) })
    }

    /// Runs a query and hands over its rows one at a time as they arrive (libpq's single-row
    /// mode), so a scan of a million rows never holds them all.
    func stream(_ sql: String, _ values: [SQLValue?], _ body: (PGResult) throws -> Void) throws {
        let name = try statement(sql, parameters: values.count)
        let sent = withParameters(values) { PQsendQueryPrepared(handle, name, Int32(values.count), $0, nil, nil, 0) }
        guard sent == 1 else { throw PGError(message: Self.text(PQerrorMessage(handle))) }
        PQsetSingleRowMode(handle)
        var failure: (any Error)?
        var columns: [String: Int32]?
        // Every result must be read, even after a failure, before the connection takes another query.
        while let next = PQgetResult(handle) {
            guard failure == nil else {
                PQclear(next)
                continue
            }
            if PQresultStatus(next) == PGRES_SINGLE_TUPLE {
                let row = PGResult(next, columns: columns)
                columns = row.columns
                do { try body(row) } catch { failure = error }
            } else {
                do { _ = try check(next) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    private func statement(_ sql: String, parameters: Int) throws(PGError) -> String {
        if let known = prepared[sql] { return known }
        let name = "jm\(prepared.count)"
        _ = try check(PQprepare(handle, name, Self.numbered(sql), Int32(parameters), nil))
        prepared[sql] = name
        return name
    }

    private func withParameters<T>(
        _ values: [SQLValue?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T
    ) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.flatMap { strdup($0.text) } }
        defer { pointers.forEach { free($0) } }
        guard !pointers.isEmpty else { return body(nil) }
        return pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }

    /// `?` placeholders as PostgreSQL's `$n`, leaving quoted text alone.
    static func numbered(_ sql: String) -> String {
        var output = ""
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                output.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                output.append(character)
            } else if character == "?" {
                number += 1
                output += "$\(number)"
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(readOnly: Bool = false, _ body: () throws -> T) throws -> T {
        try run(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }
}

/// A query result; rows keep it alive while they are read.
final class PGResult {
    let pointer: OpaquePointer
    /// Column numbers by name; the rows of one streamed query share the first row's.
    private(set) lazy var columns: [String: Int32] = {
        var names: [String: Int32] = [:]
        for index in 0..<PQnfields(pointer) { names[String(cString: PQfname(pointer, index))] = index }
        return names
    }()

    init(_ pointer: OpaquePointer, columns: [String: Int32]? = nil) {
        self.pointer = pointer
        if let columns { self.columns = columns }
    }
    deinit { PQclear(pointer) }

    var count: Int { Int(PQntuples(pointer)) }

    /// Rows changed by an INSERT, UPDATE or DELETE.
    var changed: Int { Int(String(cString: PQcmdTuples(pointer))) ?? 0 }

    func value(row: Int32, column: Int32) -> SQLValue? {
        guard PQgetisnull(pointer, row, column) == 0, let raw = PQgetvalue(pointer, row, column) else { return nil }
        let text = String(cString: raw)
        switch PQftype(pointer, column) {
        case 20, 21, 23: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 700, 701, 1700: return Double(text).map(SQLValue.real) ?? .text(text)
        case 16: return .integer(text == "t" ? 1 : 0)
        default: return .text(text)
        }
    }
}

/// One row of a result, read by column name.
struct PGRow: StoreRow {
    let result: PGResult
    let index: Int32

    func value(_ column: String) -> SQLValue? {
        guard let field = result.columns[column] else { return nil }
        return result.value(row: index, column: field)
    }

    func value(at column: Int) -> SQLValue? { result.value(row: index, column: Int32(column)) }
}

/// A connection inside a transaction, as the shared store statements use it.
struct PGStatements: SQLConnection {
    let connection: PGConnection

    func execute(_ sql: String, _ values: [SQLValue?]) throws -> Int {
        try connection.query(sql, values).changed
    }

    func forEachRow(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws {
        let result = try connection.query(sql, values)
        for index in 0..<Int32(result.count) { try body(PGRow(result: result, index: index)) }
    }

    /// Streams a large query row by row, so memory stays flat.
    func streamRows(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws {
        try connection.stream(sql, values) { result in try body(PGRow(result: result, index: 0)) }
    }
}
