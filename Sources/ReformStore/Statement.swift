import CSQLite
import ReformModel
import ReformSupport

/// A value bound to a statement parameter.
public enum SQLValue: Equatable, Sendable {
    case null
    case int(Int64)
    case text(String)

    /// An optional integer: NULL when nil.
    public static func int(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
    /// An integer from `Int`.
    public static func int(_ value: Int) -> SQLValue { .int(Int64(value)) }
    /// Optional text: NULL when nil.
    public static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}

/// SQLite's "copy the bytes now" destructor marker.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A compiled statement, finalised on deinit. Parameters are 1-based, columns 0-based (as SQLite).
public final class Statement {
    private let pointer: OpaquePointer
    private let database: Database
    /// The SQL text (for error messages).
    public let sql: String

    init(database: Database, sql: String) throws {
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &pointer, nil)
        guard code == SQLITE_OK, let pointer else {
            throw SQLiteError(handle: database.handle, code: code, sql: sql)
        }
        self.pointer = pointer
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(pointer)
    }

    /// Resets the statement, clears its old bindings and binds `values` to parameters 1...n; the
    /// number of values must be the statement's number of parameters (a mismatch is a bug: a
    /// parameter left over from the previous row, or a value bound to nothing).
    public func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
        let expected = Int(sqlite3_bind_parameter_count(pointer))
        guard values.count == expected else {
            throw StatementArgumentError(sql: sql, expected: expected, given: values.count)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one value.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        switch value {
        case .null: try bind(nil as Int64?, at: index)
        case .int(let number): try bind(number, at: index)
        case .text(let text): try bind(text, at: index)
        }
    }

    /// Resets the statement before new bindings (the ingest loop binds parameter by parameter with
    /// the typed `bind`s below, without building an array of values for every row).
    func reset() {
        sqlite3_reset(pointer)
    }

    /// Binds an integer.
    func bind(_ value: Int64, at index: Int32) throws {
        let code = sqlite3_bind_int64(pointer, index, value)
        guard code == SQLITE_OK else { throw SQLiteError(handle: database.handle, code: code, sql: sql) }
    }

    /// Binds an integer, or NULL when nil.
    func bind(_ value: Int64?, at index: Int32) throws {
        guard let value else {
            let code = sqlite3_bind_null(pointer, index)
            guard code == SQLITE_OK else { throw SQLiteError(handle: database.handle, code: code, sql: sql) }
            return
        }
        try bind(value, at: index)
    }

    /// Binds text from its UTF-8 bytes (passing a `String` where C wants a `char *` builds a
    /// NUL-terminated copy first).
    func bind(_ text: String, at index: Int32) throws {
        let code = text.withUTF8Bytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(pointer, index, "", 0, transient)  // '' (a nil pointer would bind NULL)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(pointer, index, $0, Int32(bytes.count), transient)
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError(handle: database.handle, code: code, sql: sql) }
    }

    /// Runs the bound statement to completion.
    func execute() throws {
        while try step() {}
    }

    /// Steps once: true when a row is available, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(pointer)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(handle: database.handle, code: code, sql: sql)
        }
    }

    /// Binds `values` and runs the statement to completion (INSERT, UPDATE, DELETE).
    public func run(_ values: [SQLValue] = []) throws {
        try bind(values)
        while try step() {}
    }

    /// Binds `values` and calls `row` for each result row.
    public func forEachRow(_ values: [SQLValue] = [], _ row: (Statement) throws -> Void) throws {
        try bind(values)
        while try step() { try row(self) }
    }

    /// Binds `values` and returns the first column of the first row as an integer, if there is a row.
    public func forFirstRow(_ values: [SQLValue]) throws -> Int64? {
        try bind(values)
        defer { sqlite3_reset(pointer) }
        return try step() ? int64(0) : nil
    }

    /// The number of columns of a result row.
    public var columnCount: Int32 { sqlite3_column_count(pointer) }
    /// True when column `index` is NULL.
    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(pointer, index) == SQLITE_NULL }
    /// Column `index` as an integer.
    public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(pointer, index) }
    /// Column `index` as an `Int`.
    public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(pointer, index)) }
    /// Column `index` as an optional integer.
    public func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
    /// Column `index` as text ("" for NULL).
    public func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(pointer, index) else { return "" }
        return String(cString: bytes)
    }
}

/// A statement was given another number of values than it has parameters: a bug (exit 70).
public struct StatementArgumentError: Error, CustomStringConvertible {
    public let sql: String
    public let expected: Int
    public let given: Int

    public init(sql: String, expected: Int, given: Int) {
        self.sql = sql
        self.expected = expected
        self.given = given
    }

    public var description: String {
        "a statement with \(expected) parameters was given \(given) values: "
            + sql.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(120)
    }
}
