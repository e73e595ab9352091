import ReformModel
import ReformSupport

/// The stored yearly results: one table per output, its columns those its row type declares
/// (`index_year` and `seq` keep each computed year's rows in order), and `index_run`, the years computed.
public enum IndexResultTables {
    /// The table holding each output's rows.
    static let tables = [
        Index766Row.output: "index766_result", SIPASRow.output: "sipas_result",
        SIPASExpectationRow.output: "sipas_expectation_result", PARRow.output: "par_result",
        DelegationRow.output: "delegation_result", Published766Row.output: "index766_published_result",
    ]

    /// The table of `Row`'s output.
    public static func table<Row: ResultRow>(of _: Row.Type) -> String {
        guard let table = tables[Row.output] else { preconditionFailure("\(Row.output) has no table") }
        return table
    }

    /// Marks `year` computed from the inputs stored now and clears every output of it; the outputs
    /// are then written with `replace`.
    public static func beginYear(_ year: Int, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("INSERT OR REPLACE INTO index_run(index_year, last_batch) VALUES (?, ?)").run([
            .int(year), .int(try BatchTable.latestIndexInput(in: database)),
        ])
        for table in tables.values.sorted() {
            try database.prepare("DELETE FROM \(table) WHERE index_year = ?").run([.int(year)])
        }
    }

    /// Replaces the rows of `year` for `Row`'s output with `rows`, in order.
    public static func replace<Row: ResultRow>(_ rows: [Row], year: Int, in database: Database) throws {
        database.requireTransaction()
        let table = table(of: Row.self)
        try database.prepare("DELETE FROM \(table) WHERE index_year = ?").run([.int(year)])
        let columns = (["index_year", "seq"] + Row.header.map(quoted)).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: Row.fields.count + 2).joined(separator: ", ")
        let insert = try database.prepare("INSERT INTO \(table)(\(columns)) VALUES (\(placeholders))")
        for (seq, row) in rows.enumerated() {
            try insert.run([.int(year), .int(seq)] + row.values.map(sqlValue))
        }
    }

    /// The stored rows of `year` for `Row`'s output, in order.
    public static func rows<Row: ResultRow>(_: Row.Type, year: Int, in database: Database) throws -> [Row] {
        let fields = Row.fields
        let statement = try database.prepare(
            "SELECT \(Row.header.map(quoted).joined(separator: ", ")) FROM \(table(of: Row.self)) "
                + "WHERE index_year = ? ORDER BY seq")
        let columns = fields.map { statement.column($0.name) }
        var rows: [Row] = []
        try statement.forEachRow([.int(year)]) { r in
            rows.append(
                Row(
                    values: zip(fields, columns).map { field, column in
                        if r.isNull(column) { return .absent }
                        return field.kind.isText ? .text(r.text(column)) : .integer(r.int(column))
                    }))
        }
        return rows
    }

    /// True when an input that can change the indices was ingested after `year` was computed.
    public static func isStale(year: Int, in database: Database) throws -> Bool {
        let computed = try database.scalarInt(
            "SELECT last_batch FROM index_run WHERE index_year = ?", [.int(year)])
        guard let computed else { return false }
        return try BatchTable.latestIndexInput(in: database) > computed
    }

    /// True when `year` has been computed (even if it had nothing to show).
    public static func isComputed(year: Int, in database: Database) throws -> Bool {
        try database.scalarInt("SELECT 1 AS computed FROM index_run WHERE index_year = ?", [.int(year)]) != nil
    }

    /// The declared and stored columns of `Row`'s table, for the test that holds them together:
    /// (name, declared type, NOT NULL) in table order, and the columns of its unique index.
    package static func storedColumns<Row: ResultRow>(of _: Row.Type, in database: Database) throws -> (
        columns: [(name: String, type: String, notNull: Bool)], unique: [String]
    ) {
        var columns: [(String, String, Bool)] = []
        try database.prepare("SELECT name, type, \"notnull\" AS not_null FROM pragma_table_info(?) ORDER BY cid")
            .forEachRow([.text(table(of: Row.self))]) { r in
                columns.append((r.text("name"), r.text("type"), r.int("not_null") != 0))
            }
        var unique: [String] = []
        try database.prepare(
            """
            SELECT i.name AS name FROM pragma_index_list(?1) l, pragma_index_info(l.name) i
            WHERE l."unique" = 1 AND l.origin = 'u' ORDER BY i.seqno
            """
        ).forEachRow([.text(table(of: Row.self))]) { unique.append($0.text("name")) }
        return (columns, unique)
    }

    private static func quoted(_ name: String) -> String { "\"\(name)\"" }

    private static func sqlValue(_ value: ResultValue) -> SQLValue {
        switch value {
        case .text(let text): return .text(text)
        case .integer(let number): return .int(number)
        case .absent: return .null
        }
    }
}
