/// A dossier as the counting passes read it (Biểu 06, the deadline audit, comparisons): stored
/// codes, in the Vietnam days of the schema.
public struct CountedDossier: Sendable {
    public var dossierID: String
    public var unitID: Int64
    /// 0 when the dossier has no field.
    public var fieldID: Int64
    public var procedureID: Int64
    /// 1 direct, 2 online, 3 postal.
    public var channel: Int
    /// The lifecycle class code (`LifecycleClass.rawValue`).
    public var status: Int
    public var receivedAt: Int64
    public var receivedDay: Int
    public var dueDay: Int?
    public var endDay: Int?
    public var apology: Bool
    /// The appointment instant (UTC epoch seconds), when the counting rules compare instants.
    public var dueAt: Int64?
    /// The completion or terminal instant (UTC epoch seconds), when the counting rules compare instants.
    public var endAt: Int64?
    /// True for a pending dossier waiting for the applicant's supplements.
    public var waitingSupplement = false

    public init(
        dossierID: String = "", unitID: Int64, fieldID: Int64 = 0, procedureID: Int64 = 0, channel: Int, status: Int,
        receivedAt: Int64 = 0, receivedDay: Int, dueDay: Int?, endDay: Int?, apology: Bool, dueAt: Int64? = nil,
        endAt: Int64? = nil
    ) {
        self.dossierID = dossierID
        self.unitID = unitID
        self.fieldID = fieldID
        self.procedureID = procedureID
        self.channel = channel
        self.status = status
        self.receivedAt = receivedAt
        self.receivedDay = receivedDay
        self.dueDay = dueDay
        self.endDay = endDay
        self.apology = apology
        self.dueAt = dueAt
        self.endAt = endAt
    }
}

extension DossierTable {
    /// The dossiers that can be in the forms of a run of days: received before `endDay` and not
    /// ended before `firstDay`.
    static let formFilter = "received_day < ?2 AND (end_day IS NULL OR end_day >= ?1)"

    /// How many dossiers a form scan of `firstDay..<endDay` reads (`FormCursor`).
    public static func formRowCount(firstDay: Int, endDay: Int, in database: Database) throws -> Int {
        Int(
            try database.scalarInt("SELECT count(*) FROM dossier WHERE \(formFilter)", [.int(firstDay), .int(endDay)])
                ?? 0)
    }

    /// The instant a dossier ended (completion, else return), NULL while it has not: `end_day`'s instant.
    static let endInstant = "CASE WHEN end_day IS NULL THEN NULL ELSE IFNULL(completed_at, returned_at) END"

    /// The columns a scan reads only when a counting rule needs them (constants otherwise: a table
    /// scan's cost grows with every column it decodes).
    public struct OptionalColumns: Sendable {
        /// `due_at` and the end instant (`compare=instant`).
        public var instants: Bool
        /// `waiting_supplement` (`supplement_waiting=within`).
        public var waiting: Bool

        public init(instants: Bool, waiting: Bool) {
            self.instants = instants
            self.waiting = waiting
        }

        var sql: String {
            (instants ? "due_at, \(DossierTable.endInstant)" : "NULL, NULL")
                + (waiting ? ", waiting_supplement" : ", 0")
        }
    }

    /// Calls `body` with every dossier that can be in the forms of [`firstDay`, `endDay`) (ids not read).
    public static func forEachInForms(
        firstDay: Int, endDay: Int, reading optional: OptionalColumns = OptionalColumns(instants: true, waiting: true),
        in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT unit_id, IFNULL(field_id, 0), channel, status, received_day, due_day, end_day, apology,
                \(optional.sql)
            FROM dossier WHERE \(formFilter)
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            var dossier = CountedDossier(
                unitID: r.int64(0), fieldID: r.int64(1), channel: r.int(2), status: r.int(3),
                receivedDay: r.int(4), dueDay: r.isNull(5) ? nil : r.int(5), endDay: r.isNull(6) ? nil : r.int(6),
                apology: r.int(7) == 1, dueAt: r.isNull(8) ? nil : r.int64(8), endAt: r.isNull(9) ? nil : r.int64(9))
            dossier.waitingSupplement = r.int(10) == 1
            try body(dossier)
        }
    }

    /// The dossiers of the forms of [`firstDay`, `endDay`), every column, in key order (or its
    /// reverse), read a chunk at a time: two cursors from both ends meet in the middle.
    public final class FormCursor {
        private let statement: Statement

        /// A cursor on `database` (its own connection: one cursor per thread).
        public init(
            firstDay: Int, endDay: Int, ascending: Bool, reading optional: OptionalColumns, in database: Database
        ) throws {
            statement = try database.prepare(
                """
                SELECT dossier_id, unit_id, IFNULL(field_id, 0), channel, status, received_day, due_day, end_day, apology,
                    procedure_id, received_at, \(optional.sql)
                FROM dossier WHERE \(DossierTable.formFilter)
                ORDER BY dossier_id \(ascending ? "ASC" : "DESC")
                """)
            try statement.bind([.int(firstDay), .int(endDay)])
        }

        /// Appends up to `limit` further dossiers to `rows`; fewer at the end.
        public func next(_ limit: Int, into rows: inout [CountedDossier]) throws {
            var read = 0
            while read < limit, try statement.step() {
                var dossier = CountedDossier(
                    dossierID: statement.text(0), unitID: statement.int64(1), fieldID: statement.int64(2),
                    procedureID: statement.int64(9), channel: statement.int(3), status: statement.int(4),
                    receivedAt: statement.int64(10), receivedDay: statement.int(5),
                    dueDay: statement.isNull(6) ? nil : statement.int(6),
                    endDay: statement.isNull(7) ? nil : statement.int(7), apology: statement.int(8) == 1,
                    dueAt: statement.isNull(11) ? nil : statement.int64(11),
                    endAt: statement.isNull(12) ? nil : statement.int64(12))
                dossier.waitingSupplement = statement.int(13) == 1
                rows.append(dossier)
                read += 1
            }
        }
    }

    /// Calls `body` with the dossiers the deadline audit of [`firstDay`, `endDay`) concerns —
    /// received then, or resolved then; never a not-accepted one — in key order, with their
    /// procedure's statutory time and unit.
    public static func forEachForDeadlineAudit(
        firstDay: Int, endDay: Int, in database: Database,
        _ body: (CountedDossier, _ statutoryTime: Int?, _ timeUnit: String?) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT d.dossier_id, d.unit_id, d.procedure_id, d.received_at, d.received_day, d.due_day, d.status, d.end_day,
                   p.statutory_time, p.time_unit
            FROM dossier d JOIN procedure p ON p.id = d.procedure_id
            WHERE d.status <> 6 AND ((d.received_day >= ?1 AND d.received_day < ?2)
                OR (d.status = 1 AND d.end_day >= ?1 AND d.end_day < ?2))
            ORDER BY d.dossier_id
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { row in
            try body(
                CountedDossier(
                    dossierID: row.text(0), unitID: row.int64(1), procedureID: row.int64(2), channel: 1,
                    status: row.int(6), receivedAt: row.int64(3), receivedDay: row.int(4),
                    dueDay: row.isNull(5) ? nil : row.int(5), endDay: row.isNull(7) ? nil : row.int(7), apology: false),
                row.isNull(8) ? nil : row.int(8), row.isNull(9) ? nil : row.text(9))
        }
    }

    /// How many dossiers pending at the end of [`firstDay`, `endDay`) were stored before the
    /// database kept supplement-waiting statuses (schema version 10): they count as not waiting.
    public static func pendingWithoutWaitingFlag(firstDay: Int, endDay: Int, in database: Database) throws -> Int {
        Int(
            try database.scalarInt(
                """
                SELECT COUNT(*) FROM dossier
                WHERE status = 5 AND received_day < ?2
                    AND batch_id <= IFNULL((SELECT last_batch_id FROM upgrade_note WHERE name = 'waiting_supplement'), 0)
                """, [.int(firstDay), .int(endDay)]) ?? 0)
    }

    /// The latest receipt or end day of any dossier; nil without dossiers.
    public static func latestDay(in database: Database) throws -> Int? {
        try database.scalarInt(
            "SELECT MAX(m) FROM (SELECT MAX(received_day) AS m FROM dossier UNION ALL SELECT MAX(end_day) FROM dossier)"
        ).map { Int($0) }
    }

    /// The dossier holding the latest receipt or end day: its id, the day, whether it is the
    /// "completion" or the "receipt", and the file and line it came from.
    public static func latestDayEvidence(in database: Database) throws
        -> (dossierID: String, day: Int, what: String, fileName: String, line: Int)?
    {
        let statement = try database.prepare(
            """
            SELECT d.dossier_id, MAX(d.received_day, IFNULL(d.end_day, 0)) AS latest,
                CASE WHEN IFNULL(d.end_day, 0) > d.received_day THEN 'completion' ELSE 'receipt' END,
                b.file_name, d.line
            FROM dossier d JOIN batch b ON b.id = d.batch_id
            ORDER BY latest DESC, d.dossier_id LIMIT 1
            """)
        guard try statement.step() else { return nil }
        return (statement.text(0), statement.int(1), statement.text(2), statement.text(3), statement.int(4))
    }
}
