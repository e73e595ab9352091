import ReformModel

/// What the integrity checks and the comparisons read from the dossiers, versions and refusals of
/// a range of receipt days [`firstDay`, `endDay`).
public enum AuditQueries {
    /// What one export said about a dossier: a replaced version or the current row.
    public struct Version: Sendable {
        public var batch: Int
        public var line: Int
        public var status: Int
        public var dueDay: Int?
        public var endDay: Int?
        /// The batch that replaced it (the current row: 0).
        public var replacedByBatch: Int
    }

    /// Rows refused because they were completed before their receipt: (id, unit code, receipt day).
    public static func forEachCompletedBeforeReceived(
        firstDay: Int, endDay: Int, in database: Database, _ body: (String, String, Int) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT dossier_id, unit_code, received_day FROM reject
            WHERE reason = 'completed_before_received' AND received_day >= ?1 AND received_day < ?2
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) {
            try body($0.text("dossier_id"), $0.text("unit_code"), $0.int("received_day"))
        }
    }

    /// Dossiers received in the range (id, unit, receipt, due and end days, status, apology).
    public static func forEachReceived(
        firstDay: Int, endDay: Int, in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        let statement = try database.prepare(
            """
            SELECT dossier_id, unit_id, received_day, due_day, end_day, status, apology FROM dossier
            WHERE received_day >= ?1 AND received_day < ?2
            """)
        let id = statement.column("dossier_id"), unit = statement.column("unit_id")
        let received = statement.column("received_day"), due = statement.column("due_day")
        let end = statement.column("end_day"), status = statement.column("status")
        let apology = statement.column("apology")
        try statement.forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                CountedDossier(
                    dossierID: r.text(id), unitID: r.int64(unit), channel: 1, status: r.int(status),
                    receivedDay: r.int(received), dueDay: r.optionalInt(due), endDay: r.optionalInt(end),
                    apology: r.int(apology) == 1))
        }
    }

    /// The replaced versions of dossiers received in the range: (id, version).
    public static func forEachReplacedVersion(
        firstDay: Int, endDay: Int, in database: Database, _ body: (String, Version) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT v.dossier_id AS dossier_id, v.batch_id AS batch_id, v.line AS line, v.status AS status,
                   v.due_day AS due_day, v.end_day AS end_day, v.replaced_by_batch AS replaced_by_batch
            FROM dossier_version v JOIN dossier d ON d.dossier_id = v.dossier_id
            WHERE d.received_day >= ?1 AND d.received_day < ?2
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                r.text("dossier_id"),
                Version(
                    batch: r.int("batch_id"), line: r.int("line"), status: r.int("status"),
                    dueDay: r.optionalInt("due_day"), endDay: r.optionalInt("end_day"),
                    replacedByBatch: r.int("replaced_by_batch")))
        }
    }

    /// The current rows of dossiers received in the range that have replaced versions:
    /// (id, current version, unit, receipt day).
    public static func forEachCurrentWithVersions(
        firstDay: Int, endDay: Int, in database: Database, _ body: (String, Version, Int64, Int) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT dossier_id, batch_id, line, status, due_day, end_day, unit_id, received_day FROM dossier
            WHERE received_day >= ?1 AND received_day < ?2 AND dossier_id IN (SELECT dossier_id FROM dossier_version)
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                r.text("dossier_id"),
                Version(
                    batch: r.int("batch_id"), line: r.int("line"), status: r.int("status"),
                    dueDay: r.optionalInt("due_day"), endDay: r.optionalInt("end_day"), replacedByBatch: 0),
                r.int64("unit_id"), r.int("received_day"))
        }
    }

    /// Resolved dossiers completed in the range within the five days up to their due date.
    public static func forEachResolvedNearDue(
        firstDay: Int, endDay: Int, in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT dossier_id, unit_id, received_day, due_day, end_day FROM dossier
            WHERE status = \(LifecycleClass.resolved.rawValue) AND due_day IS NOT NULL AND end_day >= ?1 AND end_day < ?2
              AND end_day <= due_day AND end_day >= due_day - 5
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                CountedDossier(
                    dossierID: r.text("dossier_id"), unitID: r.int64("unit_id"), channel: 1, status: 1,
                    receivedDay: r.int("received_day"), dueDay: r.int("due_day"), endDay: r.int("end_day"),
                    apology: false))
        }
    }

    /// Accepted dossiers that can be in the forms of [`firstDay`, `endDay`) (ids not read).
    public static func forEachAcceptedInForms(
        firstDay: Int, endDay: Int, in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        let statement = try database.prepare(
            """
            SELECT unit_id, channel, status, received_day, due_day, end_day, apology FROM dossier
            WHERE status != \(LifecycleClass.notAccepted.rawValue) AND received_day < ?2 AND (end_day IS NULL OR end_day >= ?1)
            """)
        let unit = statement.column("unit_id"), channel = statement.column("channel")
        let status = statement.column("status"), received = statement.column("received_day")
        let due = statement.column("due_day"), end = statement.column("end_day")
        let apology = statement.column("apology")
        try statement.forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                CountedDossier(
                    unitID: r.int64(unit), channel: r.int(channel), status: r.int(status), receivedDay: r.int(received),
                    dueDay: r.optionalInt(due), endDay: r.optionalInt(end), apology: r.int(apology) == 1))
        }
    }
}
