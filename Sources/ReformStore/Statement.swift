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

/// A result column of a prepared statement, found by its name once (`Statement.column`): rows
/// are read by name at the cost of reading them by position.
public struct Column: Sendable {
    fileprivate let index: Int32
}

/// A compiled statement, finalised on deinit. Parameters are 1-based; result columns are read by
/// name (an expression gets one with `AS`), never by position, so a reordered SELECT cannot shift
/// a value into the wrong field.
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

    /// The first row's only column as an integer and as text (nil when there is no row or NULL):
    /// `Database.scalarInt` and `scalarText`, whose statements have one column.
    func scalar() throws -> (int: Int64?, text: String?) {
        guard try step() else { return (nil, nil) }
        guard sqlite3_column_type(pointer, 0) != SQLITE_NULL else { return (nil, nil) }
        let text = sqlite3_column_text(pointer, 0).map { String(cString: $0) }
        return (sqlite3_column_int64(pointer, 0), text)
    }

    /// Binds `values` and returns the first column of the first row as an integer, if there is a row.
    public func forFirstRow(_ values: [SQLValue]) throws -> Int64? {
        try bind(values)
        defer { sqlite3_reset(pointer) }
        return try step() ? sqlite3_column_int64(pointer, 0) : nil
    }

    /// The number of columns of a result row.
    public var columnCount: Int32 { sqlite3_column_count(pointer) }

    /// The result columns by name (the first of two of the same name).
    private lazy var columnsByName: [String: Int32] = {
        var names: [String: Int32] = [:]
        for index in (0..<columnCount).reversed() {
            names[String(cString: sqlite3_column_name(pointer, index))] = index
        }
        return names
    }()

    /// The result column called `name`; a name the SELECT does not have is a bug (it stops the
    /// process with exit 70, naming the column and the statement).
    public func column(_ name: String) -> Column {
        guard let index = columnsByName[name] else {
            preconditionFailure("no result column \"\(name)\" in: \(sql.prefix(200))")
        }
        return Column(index: index)
    }

    /// True when the column is NULL.
    public func isNull(_ column: Column) -> Bool { sqlite3_column_type(pointer, column.index) == SQLITE_NULL }
    /// The column as an integer.
    public func int64(_ column: Column) -> Int64 { sqlite3_column_int64(pointer, column.index) }
    /// The column as an `Int`.
    public func int(_ column: Column) -> Int { Int(sqlite3_column_int64(pointer, column.index)) }
    /// The column as an optional integer (nil for NULL).
    public func optionalInt64(_ column: Column) -> Int64? { isNull(column) ? nil : int64(column) }
    /// The column as an optional `Int` (nil for NULL).
    public func optionalInt(_ column: Column) -> Int? { isNull(column) ? nil : int(column) }
    /// The column as text ("" for NULL).
    public func text(_ column: Column) -> String {
        guard let bytes = sqlite3_column_text(pointer, column.index) else { return "" }
        return String(cString: bytes)
    }

    /// Every column of the current row as text (nil for NULL), in SELECT order: for dumping and
    /// comparing whole rows (tests, `reform check`), never for reading a field.
    public var wholeRow: [String?] {
        (0..<columnCount).map { index in
            sqlite3_column_type(pointer, index) == SQLITE_NULL
                ? nil : sqlite3_column_text(pointer, index).map { String(cString: $0) } ?? ""
        }
    }

    /// The column called `name` as an integer (a lookup per call: for rows read a few at a time;
    /// a scan resolves its columns once with `column`).
    public func int64(_ name: String) -> Int64 { int64(column(name)) }
    /// The column called `name` as an `Int`.
    public func int(_ name: String) -> Int { int(column(name)) }
    /// The column called `name` as an optional integer.
    public func optionalInt64(_ name: String) -> Int64? { optionalInt64(column(name)) }
    /// The column called `name` as an optional `Int`.
    public func optionalInt(_ name: String) -> Int? { optionalInt(column(name)) }
    /// The column called `name` as text.
    public func text(_ name: String) -> String { text(column(name)) }
    /// True when the column called `name` is NULL.
    public func isNull(_ name: String) -> Bool { isNull(column(name)) }
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
