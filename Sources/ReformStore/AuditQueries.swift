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
        ).forEachRow([.int(firstDay), .int(endDay)]) { try body($0.text(0), $0.text(1), $0.int(2)) }
    }

    /// Dossiers received in the range (id, unit, receipt, due and end days, status, apology).
    public static func forEachReceived(
        firstDay: Int, endDay: Int, in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT dossier_id, unit_id, received_day, due_day, end_day, status, apology FROM dossier
            WHERE received_day >= ?1 AND received_day < ?2
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                CountedDossier(
                    dossierID: r.text(0), unitID: r.int64(1), channel: 1, status: r.int(5), receivedDay: r.int(2),
                    dueDay: r.isNull(3) ? nil : r.int(3), endDay: r.isNull(4) ? nil : r.int(4), apology: r.int(6) == 1))
        }
    }

    /// The replaced versions of dossiers received in the range: (id, version).
    public static func forEachReplacedVersion(
        firstDay: Int, endDay: Int, in database: Database, _ body: (String, Version) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT v.dossier_id, v.batch_id, v.line, v.status, v.due_day, v.end_day, v.replaced_by_batch
            FROM dossier_version v JOIN dossier d ON d.dossier_id = v.dossier_id
            WHERE d.received_day >= ?1 AND d.received_day < ?2
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                r.text(0),
                Version(
                    batch: r.int(1), line: r.int(2), status: r.int(3), dueDay: r.isNull(4) ? nil : r.int(4),
                    endDay: r.isNull(5) ? nil : r.int(5), replacedByBatch: r.int(6)))
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
                r.text(0),
                Version(
                    batch: r.int(1), line: r.int(2), status: r.int(3), dueDay: r.isNull(4) ? nil : r.int(4),
                    endDay: r.isNull(5) ? nil : r.int(5), replacedByBatch: 0), r.int64(6), r.int(7))
        }
    }

    /// Resolved dossiers completed in the range within the five days up to their due date.
    public static func forEachResolvedNearDue(
        firstDay: Int, endDay: Int, in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT dossier_id, unit_id, received_day, due_day, end_day FROM dossier
            WHERE status = 1 AND due_day IS NOT NULL AND end_day >= ?1 AND end_day < ?2
              AND end_day <= due_day AND end_day >= due_day - 5
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                CountedDossier(
                    dossierID: r.text(0), unitID: r.int64(1), channel: 1, status: 1, receivedDay: r.int(2),
                    dueDay: r.int(3), endDay: r.int(4), apology: false))
        }
    }

    /// Accepted dossiers that can be in the forms of [`firstDay`, `endDay`) (ids not read).
    public static func forEachAcceptedInForms(
        firstDay: Int, endDay: Int, in database: Database, _ body: (CountedDossier) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT unit_id, channel, status, received_day, due_day, end_day, apology FROM dossier
            WHERE status != 6 AND received_day < ?2 AND (end_day IS NULL OR end_day >= ?1)
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                CountedDossier(
                    unitID: r.int64(0), channel: r.int(1), status: r.int(2), receivedDay: r.int(3),
                    dueDay: r.isNull(4) ? nil : r.int(4), endDay: r.isNull(5) ? nil : r.int(5), apology: r.int(6) == 1))
        }
    }
}
