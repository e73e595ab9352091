/// Computes Biểu 06 for one month from the dossier table (DOMAIN.md §3.1).
///
/// Everything is compared on Vietnam calendar days: `received_day`, `due_day` and `end_day` (the
/// completion day of a resolved dossier, the terminal day of a withdrawn/rejected/stopped one,
/// NULL while pending). With s = the month's first day and e = the next month's first day, the
/// dossiers of the form are those received before e and not ended before s; not-accepted ones are
/// left out of every column and counted apart.
public struct Bieu06Calculator {
    private let database: Database

    /// A calculator over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// The rows of `month` grouped by unit or field, sorted by key in byte order. Rows with no
    /// dossier in the form (total 0) are kept only when they have not-accepted dossiers.
    public func rows(for month: Month, by dimension: Bieu06Dimension) throws -> [Bieu06Row] {
        let (keyExpression, nameExpression, join): (String, String, String)
        switch dimension {
        case .unit:
            (keyExpression, nameExpression, join) = ("g.code", "g.name", "JOIN unit g ON g.id = d.unit_id")
        case .field:
            (keyExpression, nameExpression, join) = (
                "IFNULL(g.name, '')", "''", "LEFT JOIN field g ON g.id = d.field_id"
            )
        }
        // ?1 is the first day of the month, ?2 the first day of the next month.
        let s = "?1", e = "?2"
        // One pass over the dossiers of the form; each column is a 0/1 sum so NULLs never leak in.
        func count(_ condition: String) -> String { "SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)" }
        let inForm = "d.status <> 6 AND d.received_day < \(e) AND (d.end_day IS NULL OR d.end_day >= \(s))"
        let pending = "(d.end_day IS NULL OR d.end_day >= \(e))"
        let resolved = "d.status = 1 AND d.end_day < \(e)"
        let sql = """
            SELECT \(keyExpression), \(nameExpression),
                \(count("\(inForm) AND d.received_day >= \(s) AND d.channel = 2")),
                \(count("\(inForm) AND d.received_day >= \(s) AND d.channel <> 2")),
                \(count("\(inForm) AND d.received_day < \(s)")),
                \(count(inForm)),
                \(count("\(inForm) AND \(resolved)")),
                \(count("\(inForm) AND \(resolved) AND d.end_day < d.due_day")),
                \(count("\(inForm) AND \(resolved) AND d.end_day = d.due_day")),
                \(count("\(inForm) AND \(resolved) AND d.end_day > d.due_day")),
                \(count("\(inForm) AND \(resolved) AND d.due_day IS NULL")),
                \(count("\(inForm) AND \(resolved) AND d.end_day > d.due_day AND d.apology = 1")),
                \(count("\(inForm) AND d.status IN (2, 3, 4) AND d.end_day < \(e)")),
                \(count("\(inForm) AND \(pending)")),
                \(count("\(inForm) AND \(pending) AND d.due_day >= \(e)")),
                \(count("\(inForm) AND \(pending) AND d.due_day < \(e)")),
                \(count("\(inForm) AND \(pending) AND d.due_day IS NULL")),
                \(count("d.status = 6 AND d.received_day >= \(s) AND d.received_day < \(e)")),
                \(count("\(inForm) AND d.due_day IS NULL"))
            FROM dossier d \(join)
            WHERE (\(inForm)) OR (d.status = 6 AND d.received_day >= \(s) AND d.received_day < \(e))
            GROUP BY 1
            ORDER BY 1
            """
        let statement = try database.prepare(sql)
        var rows: [Bieu06Row] = []
        try statement.forEachRow([.int(month.firstDay), .int(month.endDay)]) { r in
            let row = Bieu06Row(r)
            rows.append(row)
        }
        return rows
    }

    /// The latest complete month in the data: the month before the one holding the latest receipt
    /// or completion (an export taken on 3 April covers March completely). Nil without dossiers.
    public func latestCompleteMonth() throws -> Month? {
        guard
            let day = try database.scalarInt(
                "SELECT MAX(m) FROM (SELECT MAX(received_day) AS m FROM dossier UNION ALL SELECT MAX(end_day) FROM dossier)"
            )
        else { return nil }
        return Month(containingDay: Int(day)).previous
    }
}
