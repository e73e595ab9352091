import ReformModel
import ReformSupport

/// The submitted reports (`submitted_row`) and the aliases of renamed units (`unit_alias`):
/// ingest writes them, consolidation reads them (docs/contract.md §10).
public enum SubmittedReportTable {
    /// One submitted row.
    public struct Row: Sendable, Equatable {
        /// The sheet row (or CSV line) it was read from.
        public var sheetRow: Int
        public var firstDay: Int
        public var lastDay: Int
        /// The matched unit code, or `?` and the normalised name when the unit was not matched.
        public var unitKey: String
        /// The matched unit code; empty when not matched.
        public var unitCode: String
        /// The unit's name as the report writes it.
        public var unitName: String
        /// How the unit was matched: `code`, `name`, `alias`, or `unmatched` / `ambiguous`, or
        /// `duplicate` when an earlier row of the same report states the unit.
        public var matchedBy: String
        public var counts: FormCounts
        /// The broken identities, `; `-separated; empty when none.
        public var problems: String
        /// The file, its SHA-256 and when it was ingested (read back only).
        public var fileName = ""
        public var sha256 = ""
        public var ingestedAt = ""
        /// The batch that replaced it; nil while it stands.
        public var replacedByBatch: Int64?

        public init(
            sheetRow: Int, firstDay: Int, lastDay: Int, unitKey: String, unitCode: String, unitName: String,
            matchedBy: String, counts: FormCounts, problems: String
        ) {
            self.sheetRow = sheetRow
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.unitKey = unitKey
            self.unitCode = unitCode
            self.unitName = unitName
            self.matchedBy = matchedBy
            self.counts = counts
            self.problems = problems
        }
    }

    /// `matchedBy` of a row whose unit an earlier row of the same report already states: kept and
    /// shown, never counted.
    public static let duplicate = "duplicate"

    /// The problem a `duplicate` row carries: the line of its report that counts.
    public static func duplicateProblem(countedLine: Int) -> String { "also on line \(countedLine): not counted" }

    /// The line that counts for a `duplicate` row (read back from its problem); nil for other rows.
    public static func countedLine(of row: Row) -> Int? {
        guard row.matchedBy == duplicate, row.problems.hasPrefix("also on line ") else { return nil }
        return Int(row.problems.dropFirst("also on line ".count).prefix { $0.isNumber })
    }

    /// The stored count columns, named as `FormColumn` declares them.
    private static let countColumns = FormColumn.allCases.map(\.rawValue).joined(separator: ", ")

    /// Stores `rows` of `batch`; each replaces the standing row of the same unit and period from an
    /// earlier batch (kept, marked as replaced). Returns how many earlier rows were replaced.
    @discardableResult
    public static func insert(_ rows: [Row], batch: Int64, in database: Database) throws -> Int {
        database.requireTransaction()
        let supersede = try database.prepare(
            """
            UPDATE submitted_row SET replaced_by_batch = ?1
            WHERE unit_key = ?2 AND first_day = ?3 AND last_day = ?4 AND replaced_by_batch IS NULL AND batch_id <> ?1
            """)
        let insert = try database.prepare(
            """
            INSERT INTO submitted_row(batch_id, sheet_row, first_day, last_day, unit_key, unit_code, unit_name,
                matched_by, \(countColumns), problems, not_given)
            VALUES (\(Array(repeating: "?", count: 8 + FormColumn.allCases.count + 2).joined(separator: ", ")))
            """)
        var replaced = 0
        for row in rows {
            try supersede.run([.int(Int(batch)), .text(row.unitKey), .int(row.firstDay), .int(row.lastDay)])
            replaced += database.changes
            var values: [SQLValue] = [
                .int(Int(batch)), .int(row.sheetRow), .int(row.firstDay), .int(row.lastDay), .text(row.unitKey),
                .text(row.unitCode), .text(row.unitName), .text(row.matchedBy),
            ]
            for column in FormColumn.allCases { values.append(.int(row.counts[column])) }
            values.append(.text(row.problems))
            values.append(.text(row.counts.notGiven.map(\.rawValue).joined(separator: ",")))
            try insert.run(values)
        }
        return replaced
    }

    /// The rows of the period [`firstDay`, `lastDay`]: the standing ones, or (`history`) every row
    /// ever submitted, in unit then submission order.
    public static func rows(firstDay: Int, lastDay: Int, history: Bool = false, in database: Database) throws
        -> [Row]
    {
        var rows: [Row] = []
        try forEachRow(firstDay: firstDay, lastDay: lastDay, history: history, in: database) { rows.append($0) }
        return rows
    }

    /// Hands each row of `rows(firstDay:lastDay:history:in:)` to `body` in the same order, without
    /// holding them all (a caller splitting them keeps one copy, not two).
    public static func forEachRow(
        firstDay: Int, lastDay: Int, history: Bool = false, in database: Database, _ body: (Row) -> Void
    ) throws {
        // A file's name, digest and time, read once per file and shared by its rows (a report of
        // two hundred thousand rows would otherwise hold as many copies).
        var files: [Int64: (name: String, sha256: String, ingestedAt: String)] = [:]
        try database.prepare(
            """
            SELECT s.sheet_row AS sheet_row, s.first_day AS first_day, s.last_day AS last_day,
                s.unit_key AS unit_key, s.unit_code AS unit_code, s.unit_name AS unit_name,
                s.matched_by AS matched_by, \(FormColumn.allCases.map { "s.\($0.rawValue) AS \($0.rawValue)" }.joined(separator: ", ")),
                s.problems AS problems, s.not_given AS not_given, b.file_name AS file_name, b.sha256 AS sha256, b.ingested_at AS ingested_at,
                s.replaced_by_batch AS replaced_by_batch, s.batch_id AS batch_id
            FROM submitted_row s JOIN batch b ON b.id = s.batch_id
            WHERE s.first_day = ?1 AND s.last_day = ?2 \(history ? "" : "AND s.replaced_by_batch IS NULL")
            ORDER BY s.unit_key, s.batch_id, s.sheet_row
            """
        ).forEachRow([.int(firstDay), .int(lastDay)]) { r in
            var counts = FormCounts()
            for column in FormColumn.allCases { counts[column] = r.int(column.rawValue) }
            for name in r.text("not_given").split(separator: ",") {
                if let column = FormColumn(rawValue: String(name)) { counts.markNotGiven(column) }
            }
            var row = Row(
                sheetRow: r.int("sheet_row"), firstDay: r.int("first_day"), lastDay: r.int("last_day"),
                unitKey: r.text("unit_key"), unitCode: r.text("unit_code"), unitName: r.text("unit_name"),
                matchedBy: r.text("matched_by"), counts: counts,
                problems: r.text("problems"))
            let batch = r.int64("batch_id")
            if files[batch] == nil {
                files[batch] = (
                    PersonalData.maskedFileName(r.text("file_name")), r.text("sha256"), r.text("ingested_at")
                )
            }
            (row.fileName, row.sha256, row.ingestedAt) = files[batch]!
            row.replacedByBatch = r.optionalInt64("replaced_by_batch")
            body(row)
        }
    }

    /// Every period with submitted rows, as (first day, last day).
    public static func periods(in database: Database) throws -> [(firstDay: Int, lastDay: Int)] {
        var periods: [(Int, Int)] = []
        try database.prepare("SELECT DISTINCT first_day, last_day FROM submitted_row ORDER BY first_day, last_day")
            .forEachRow { periods.append(($0.int("first_day"), $0.int("last_day"))) }
        return periods
    }

    /// The insert of an alias file's rows: `(old_name, new_name, from_day, batch_id)`.
    public static func prepareAliasInsert(in database: Database) throws -> Statement {
        database.requireTransaction()
        return try database.prepare(
            "INSERT INTO unit_alias(old_name, new_name, from_day, batch_id) VALUES (?, ?, ?, ?)")
    }

    /// Every alias, oldest first.
    public static func aliases(in database: Database) throws -> [(old: String, new: String, fromDay: Int)] {
        var aliases: [(String, String, Int)] = []
        try database.prepare("SELECT old_name, new_name, from_day FROM unit_alias ORDER BY from_day, rowid")
            .forEachRow { aliases.append(($0.text("old_name"), $0.text("new_name"), $0.int("from_day"))) }
        return aliases
    }

    /// The names units go by: the unit lists' (with the day each list took effect) and the names
    /// the dossier exports give their units (day 0).
    public static func unitNames(in database: Database) throws -> [(code: String, name: String, fromDay: Int)] {
        var names: [(String, String, Int)] = []
        try database.prepare("SELECT code, name, valid_from_day FROM unit_list").forEachRow {
            names.append(($0.text("code"), $0.text("name"), $0.int("valid_from_day")))
        }
        try database.prepare("SELECT code, name FROM unit WHERE name <> ''").forEachRow {
            names.append(($0.text("code"), $0.text("name"), 0))
        }
        return names
    }
}
