import ReformModel

/// The stored Biểu 06 of computed periods (`bieu06`, `identity_violation`): compute writes a
/// period, report reads it. Rows are a key, a name and the counts `Bieu06Column` declares, one
/// stored column each.
public enum Bieu06Store {
    /// The stored counts, in order.
    public static let countColumns = Bieu06Column.allCases.map(\.rawValue)

    /// One stored row.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var name: String
        public var counts: Bieu06Counts

        public init(key: String, name: String, counts: Bieu06Counts) {
            self.key = key
            self.name = name
            self.counts = counts
        }
    }

    private static var columns: String { (["key", "name"] + countColumns).joined(separator: ", ") }

    /// Replaces the rows of `period` for `dimension` ("unit" or "field").
    public static func replace(_ rows: [Row], period: String, dimension: String, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("DELETE FROM bieu06 WHERE period = ? AND dimension = ?").run([
            .text(period), .text(dimension),
        ])
        let placeholders = Array(repeating: "?", count: 2 + 2 + countColumns.count).joined(separator: ", ")
        let insert = try database.prepare("INSERT INTO bieu06(period, dimension, \(columns)) VALUES (\(placeholders))")
        for row in rows {
            var values: [SQLValue] = [.text(period), .text(dimension), .text(row.key), .text(row.name)]
            for column in Bieu06Column.allCases { values.append(.int(row.counts[column])) }
            try insert.run(values)
        }
    }

    /// The rows of `period` for `dimension`, by key.
    public static func rows(period: String, dimension: String, in database: Database) throws -> [Row] {
        var rows: [Row] = []
        let statement = try database.prepare(
            "SELECT \(columns) FROM bieu06 WHERE period = ? AND dimension = ? ORDER BY key")
        let key = statement.column("key"), name = statement.column("name")
        let columns = Bieu06Column.allCases.map { ($0, statement.column($0.rawValue)) }
        try statement.forEachRow([.text(period), .text(dimension)]) { r in
            var counts = Bieu06Counts()
            for (column, index) in columns { counts[column] = r.int(index) }
            rows.append(Row(key: r.text(key), name: r.text(name), counts: counts))
        }
        return rows
    }

    /// True when `period` has been computed.
    public static func isComputed(_ period: String, in database: Database) throws -> Bool {
        try database.scalarInt("SELECT 1 FROM compute_run WHERE period = ?", [.text(period)]) != nil
    }

    /// A broken identity of a stored row.
    public struct Violation: Sendable {
        public var dimension: String
        public var key: String
        public var identity: String
        public var left: Int
        public var right: Int

        public init(dimension: String, key: String, identity: String, left: Int, right: Int) {
            self.dimension = dimension
            self.key = key
            self.identity = identity
            self.left = left
            self.right = right
        }
    }

    /// Replaces the violations of `period`.
    public static func replaceViolations(_ violations: [Violation], period: String, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("DELETE FROM identity_violation WHERE period = ?").run([.text(period)])
        let insert = try database.prepare(
            """
            INSERT INTO identity_violation(period, dimension, key, identity, left_value, right_value)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for v in violations {
            try insert.run([
                .text(period), .text(v.dimension), .text(v.key), .text(v.identity), .int(v.left), .int(v.right),
            ])
        }
    }

    /// The violations of `period`: units first, then fields, by key and identity.
    public static func violations(period: String, in database: Database) throws -> [Violation] {
        var out: [Violation] = []
        try database.prepare(
            """
            SELECT dimension, key, identity, left_value, right_value FROM identity_violation WHERE period = ?
            ORDER BY dimension DESC, key, identity
            """
        ).forEachRow([.text(period)]) { r in
            out.append(
                Violation(
                    dimension: r.text("dimension"), key: r.text("key"), identity: r.text("identity"),
                    left: r.int("left_value"), right: r.int("right_value")))
        }
        return out
    }
}
