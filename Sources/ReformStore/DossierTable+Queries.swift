import ReformModel

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
    /// `OnlineMode.rawValue`: 1 fully, 2 partly online, 0 unspecified.
    public var onlineMode = 0
    /// True when the appointment was extended.
    public var extended = false

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
        /// The extended appointment in place of the original where there is one (`extension=extended`).
        public var extendedAppointment: Bool

        public init(instants: Bool, waiting: Bool, extendedAppointment: Bool = false) {
            self.instants = instants
            self.waiting = waiting
            self.extendedAppointment = extendedAppointment
        }

        /// `due_day`, `due_at`, `end_at` and `waiting_supplement`: the columns, or constants under their names.
        var sql: String {
            let dueAt = extendedAppointment ? "IFNULL(extended_due_at, due_at)" : "due_at"
            return (extendedAppointment ? "IFNULL(extended_due_day, due_day) AS due_day" : "due_day")
                + (instants
                    ? ", \(dueAt) AS due_at, \(DossierTable.endInstant) AS end_at" : ", NULL AS due_at, NULL AS end_at")
                + (waiting ? ", waiting_supplement" : ", 0 AS waiting_supplement")
        }
    }

    /// Calls `body` with every dossier that can be in the forms of [`firstDay`, `endDay`) (ids not read).
    public static func forEachInForms(
        firstDay: Int, endDay: Int, reading optional: OptionalColumns = OptionalColumns(instants: true, waiting: true),
        in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        let statement = try database.prepare(
            """
            SELECT NULL AS dossier_id, unit_id, IFNULL(field_id, 0) AS field_id, channel, status, received_day,
                end_day, apology, 0 AS procedure_id, 0 AS received_at, online_mode, extended, \(optional.sql)
            FROM dossier WHERE \(formFilter)
            """)
        let columns = FormColumns(statement)
        try statement.forEachRow([.int(firstDay), .int(endDay)]) { try body(columns.dossier(in: $0)) }
    }

    /// The dossiers of the forms of [`firstDay`, `endDay`), every column, in key order (or its
    /// reverse), read a chunk at a time: two cursors from both ends meet in the middle.
    public final class FormCursor {
        private let statement: Statement
        private let columns: FormColumns

        /// A cursor on `database` (its own connection: one cursor per thread).
        public init(
            firstDay: Int, endDay: Int, ascending: Bool, reading optional: OptionalColumns, in database: Database
        ) throws {
            statement = try database.prepare(
                """
                SELECT dossier_id, unit_id, IFNULL(field_id, 0) AS field_id, channel, status, received_day,
                    end_day, apology, procedure_id, received_at, online_mode, extended, \(optional.sql)
                FROM dossier WHERE \(DossierTable.formFilter)
                ORDER BY dossier_id \(ascending ? "ASC" : "DESC")
                """)
            try statement.bind([.int(firstDay), .int(endDay)])
            columns = FormColumns(statement)
        }

        /// Appends up to `limit` further dossiers to `rows`; fewer at the end.
        public func next(_ limit: Int, into rows: inout [CountedDossier]) throws {
            var read = 0
            while read < limit, try statement.step() {
                rows.append(columns.dossier(in: statement))
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
            SELECT d.dossier_id AS dossier_id, d.unit_id AS unit_id, d.procedure_id AS procedure_id,
                   d.received_at AS received_at, d.received_day AS received_day, d.due_day AS due_day,
                   d.status AS status, d.end_day AS end_day, p.statutory_time AS statutory_time,
                   p.time_unit AS time_unit
            FROM dossier d JOIN procedure p ON p.id = d.procedure_id
            WHERE d.status <> \(LifecycleClass.notAccepted.rawValue) AND ((d.received_day >= ?1 AND d.received_day < ?2)
                OR (d.status = \(LifecycleClass.resolved.rawValue) AND d.end_day >= ?1 AND d.end_day < ?2))
            ORDER BY d.dossier_id
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { row in
            try body(
                CountedDossier(
                    dossierID: row.text("dossier_id"), unitID: row.int64("unit_id"),
                    procedureID: row.int64("procedure_id"), channel: 1, status: row.int("status"),
                    receivedAt: row.int64("received_at"), receivedDay: row.int("received_day"),
                    dueDay: row.optionalInt("due_day"), endDay: row.optionalInt("end_day"), apology: false),
                row.optionalInt("statutory_time"), row.isNull("time_unit") ? nil : row.text("time_unit"))
        }
    }

    /// How many dossiers of the forms of [`firstDay`, `endDay`) were stored before the database kept
    /// the online mode and extensions (schema version 16): they count as unspecified and not extended.
    public static func formDossiersWithoutModeAndExtension(firstDay: Int, endDay: Int, in database: Database) throws
        -> Int
    {
        // A database created since then (the note says batch 0) needs no scan: compute runs this
        // every period.
        let last =
            try database.scalarInt(
                "SELECT last_batch_id FROM upgrade_note WHERE name = 'online_mode_and_extension'") ?? 0
        guard last > 0 else { return 0 }
        return Int(
            try database.scalarInt(
                "SELECT COUNT(*) FROM dossier WHERE \(formFilter) AND batch_id <= ?3",
                [.int(firstDay), .int(endDay), .int(Int(last))]) ?? 0)
    }

    /// How many dossiers pending at the end of [`firstDay`, `endDay`) were stored before the
    /// database kept supplement-waiting statuses (schema version 10): they count as not waiting.
    public static func pendingWithoutWaitingFlag(firstDay: Int, endDay: Int, in database: Database) throws -> Int {
        Int(
            try database.scalarInt(
                """
                SELECT COUNT(*) FROM dossier
                WHERE status = \(LifecycleClass.pending.rawValue) AND received_day < ?2
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
            SELECT d.dossier_id AS dossier_id, MAX(d.received_day, IFNULL(d.end_day, 0)) AS latest,
                CASE WHEN IFNULL(d.end_day, 0) > d.received_day THEN 'completion' ELSE 'receipt' END AS what,
                b.file_name AS file_name, d.line AS line
            FROM dossier d JOIN batch b ON b.id = d.batch_id
            ORDER BY latest DESC, d.dossier_id LIMIT 1
            """)
        guard try statement.step() else { return nil }
        return (
            statement.text("dossier_id"), statement.int("latest"), statement.text("what"), statement.text("file_name"),
            statement.int("line")
        )
    }
}

/// The columns of a form scan (`forEachInForms`, `FormCursor`), found by name once per statement:
/// a scan reads a million rows.
private struct FormColumns {
    let dossierID, unitID, fieldID, procedureID, channel, status, receivedAt, receivedDay: Column
    let dueDay, endDay, apology, dueAt, endAt, waitingSupplement, onlineMode, extended: Column

    init(_ statement: Statement) {
        dossierID = statement.column("dossier_id")
        unitID = statement.column("unit_id")
        fieldID = statement.column("field_id")
        procedureID = statement.column("procedure_id")
        channel = statement.column("channel")
        status = statement.column("status")
        receivedAt = statement.column("received_at")
        receivedDay = statement.column("received_day")
        dueDay = statement.column("due_day")
        endDay = statement.column("end_day")
        apology = statement.column("apology")
        dueAt = statement.column("due_at")
        endAt = statement.column("end_at")
        waitingSupplement = statement.column("waiting_supplement")
        onlineMode = statement.column("online_mode")
        extended = statement.column("extended")
    }

    /// The dossier of the statement's current row.
    @inline(__always)
    func dossier(in r: Statement) -> CountedDossier {
        var dossier = CountedDossier(
            dossierID: r.text(dossierID), unitID: r.int64(unitID), fieldID: r.int64(fieldID),
            procedureID: r.int64(procedureID), channel: r.int(channel), status: r.int(status),
            receivedAt: r.int64(receivedAt), receivedDay: r.int(receivedDay), dueDay: r.optionalInt(dueDay),
            endDay: r.optionalInt(endDay), apology: r.int(apology) == 1, dueAt: r.optionalInt64(dueAt),
            endAt: r.optionalInt64(endAt))
        dossier.waitingSupplement = r.int(waitingSupplement) == 1
        dossier.onlineMode = r.int(onlineMode)
        dossier.extended = r.int(extended) == 1
        return dossier
    }
}
