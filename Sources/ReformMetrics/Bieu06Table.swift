import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The `bieu06` and `identity_violation` metric tables: compute writes a month, report reads it.
public struct Bieu06Table {
    private let database: Database

    /// The tables in `database`.
    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        key, name, new_online, new_direct_postal, carried_in, total, resolved, early, on_time, late,
        resolved_no_due, late_with_apology, withdrawn_rejected, pending, pending_within, pending_overdue,
        pending_no_due, not_accepted, no_due
        """

    /// Replaces the stored rows of `month` for `dimension`.
    public func replace(_ rows: [Bieu06Row], month: Month, dimension: Bieu06Dimension) throws {
        try database.prepare("DELETE FROM bieu06 WHERE period = ? AND dimension = ?").run([
            .text(month.description), .text(dimension.rawValue),
        ])
        let insert = try database.prepare(
            "INSERT INTO bieu06(period, dimension, \(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for row in rows {
            try insert.run(
                [.text(month.description), .text(dimension.rawValue), .text(row.key), .text(row.name)]
                    + row.counts.map { SQLValue.int($0) })
        }
    }

    /// The stored rows of `month`, sorted by key (byte order); nil when the month was never computed.
    public func rows(month: Month, dimension: Bieu06Dimension) throws -> [Bieu06Row]? {
        guard try isComputed(month) else { return nil }
        let statement = try database.prepare(
            "SELECT \(Self.columns) FROM bieu06 WHERE period = ? AND dimension = ? ORDER BY key")
        var rows: [Bieu06Row] = []
        try statement.forEachRow([.text(month.description), .text(dimension.rawValue)]) { r in
            rows.append(Bieu06Row(r))
        }
        return rows
    }

    /// True when `month` has been computed.
    public func isComputed(_ month: Month) throws -> Bool {
        try database.scalarInt("SELECT 1 FROM compute_run WHERE period = ?", [.text(month.description)]) != nil
    }

    /// Replaces the identity violations stored for `month`.
    public func replaceViolations(_ violations: [(Bieu06Dimension, IdentityViolation)], month: Month) throws {
        try database.prepare("DELETE FROM identity_violation WHERE period = ?").run([.text(month.description)])
        let insert = try database.prepare(
            "INSERT INTO identity_violation(period, dimension, key, identity, left_value, right_value) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for (dimension, v) in violations {
            try insert.run([
                .text(month.description), .text(dimension.rawValue), .text(v.key), .text(v.identity), .int(v.left),
                .int(v.right),
            ])
        }
    }

    /// The identity violations stored for `month`.
    public func violations(month: Month) throws -> [(Bieu06Dimension, IdentityViolation)] {
        let statement = try database.prepare(
            "SELECT dimension, key, identity, left_value, right_value FROM identity_violation WHERE period = ? ORDER BY dimension DESC, key, identity"
        )
        var out: [(Bieu06Dimension, IdentityViolation)] = []
        try statement.forEachRow([.text(month.description)]) { r in
            out.append(
                (
                    Bieu06Dimension(rawValue: r.text(0)) ?? .unit,
                    IdentityViolation(key: r.text(1), identity: r.text(2), left: r.int(3), right: r.int(4))
                ))
        }
        return out
    }
}
