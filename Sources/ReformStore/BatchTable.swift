import ReformModel
import ReformSupport

/// The batch table: one row per ingested file, identified by content (SHA-256), kind and encoding,
/// with the path it was read from and its rejects file.
public enum BatchTable {
    /// One ingested file, as the reports list it.
    public struct Summary: Sendable {
        public var fileName: String
        public var sha256: String
        public var read: Int
        public var accepted: Int
        public var rejected: Int
        public var replaced: Int
        public var unchanged: Int
    }

    /// The row of a file being ingested.
    public struct NewBatch: Sendable {
        public var kind: String
        public var fileName: String
        public var sha256: String
        public var bytes: Int
        public var ingestedAt: String
        public var encoding: String
        public var fingerprint: String?
        public var sourcePath: String
        public var rejectsFile: String

        public init(
            kind: String, fileName: String, sha256: String, bytes: Int, ingestedAt: String, encoding: String,
            fingerprint: String?, sourcePath: String, rejectsFile: String
        ) {
            self.kind = kind
            self.fileName = fileName
            self.sha256 = sha256
            self.bytes = bytes
            self.ingestedAt = ingestedAt
            self.encoding = encoding
            self.fingerprint = fingerprint
            self.sourcePath = sourcePath
            self.rejectsFile = rejectsFile
        }
    }

    /// The batch of the same content, kind and encoding, if any.
    public static func earlier(sha256: String, kind: String, encoding: String, in database: Database) throws
        -> EarlierBatch?
    {
        let statement = try database.prepare(
            """
            SELECT id, kind, encoding, ingested_at, source_path, records_read, accepted FROM batch
            WHERE sha256 = ? AND kind = ? AND encoding = ?
            """)
        try statement.bind([.text(sha256), .text(kind), .text(encoding)])
        guard try statement.step() else { return nil }
        return EarlierBatch(
            id: statement.int64(0), kind: statement.text(1), encoding: statement.text(2),
            ingestedAt: statement.text(3), sourcePath: statement.text(4), read: statement.int(5),
            accepted: statement.int(6))
    }

    /// True when a dossier batch of this size and fingerprint (or one stored before fingerprints)
    /// exists: only then can a file be one seen before, and its full hash must decide first.
    public static func mayHoldDossiers(bytes: Int, fingerprint: String, in database: Database) throws -> Bool {
        try database.scalarInt(
            "SELECT 1 FROM batch WHERE kind = 'dossiers' AND bytes = ? AND (fingerprint = ? OR fingerprint IS NULL)",
            [.int(bytes), .text(fingerprint)]) != nil
    }

    /// Inserts a batch row; returns its id.
    public static func insert(_ batch: NewBatch, in database: Database) throws -> Int64 {
        database.requireTransaction()
        try database.prepare(
            """
            INSERT INTO batch(kind, file_name, sha256, bytes, ingested_at, encoding, fingerprint, source_path, rejects_file)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            .text(batch.kind), .text(batch.fileName), .text(batch.sha256), .int(batch.bytes), .text(batch.ingestedAt),
            .text(batch.encoding), .text(batch.fingerprint), .text(batch.sourcePath), .text(batch.rejectsFile),
        ])
        return database.lastInsertRowID
    }

    /// Removes a batch that accepted nothing, with its refused rows (nothing else points at it).
    public static func forget(_ batch: Int64, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("DELETE FROM reject WHERE batch_id = ?").run([.int(batch)])
        try database.prepare("DELETE FROM batch WHERE id = ?").run([.int(batch)])
    }

    /// Records the counts of a batch.
    public static func recordCounts(
        _ batch: Int64, read: Int, accepted: Int, rejected: Int, replaced: Int, unchanged: Int, in database: Database
    ) throws {
        database.requireTransaction()
        try database.prepare(
            "UPDATE batch SET records_read = ?, accepted = ?, rejected = ?, replaced = ?, unchanged = ? WHERE id = ?"
        ).run([.int(read), .int(accepted), .int(rejected), .int(replaced), .int(unchanged), .int(batch)])
    }

    /// The folders (source paths) inputs named `fileName` were read from, in the order first seen.
    public static func sourcePaths(fileName: String, in database: Database) throws -> [String] {
        var paths: [String] = []
        try database.prepare(
            "SELECT source_path FROM batch WHERE file_name = ? AND source_path <> '' GROUP BY source_path ORDER BY MIN(id)"
        ).forEachRow([.text(fileName)]) { paths.append($0.text(0)) }
        return paths
    }

    /// Sets the SHA-256 of a batch whose content was hashed beside its ingest.
    public static func setSHA256(_ batch: Int64, _ sha256: String, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("UPDATE batch SET sha256 = ? WHERE id = ?").run([.text(sha256), .int(batch)])
    }

    /// Every ingested file, in ingest order.
    public static func all(in database: Database) throws -> [Summary] {
        var rows: [Summary] = []
        try database.prepare(
            "SELECT file_name, sha256, records_read, accepted, rejected, replaced, unchanged FROM batch ORDER BY id"
        ).forEachRow { r in
            rows.append(
                Summary(
                    fileName: r.text(0), sha256: r.text(1), read: r.int(2), accepted: r.int(3), rejected: r.int(4),
                    replaced: r.int(5), unchanged: r.int(6)))
        }
        return rows
    }

    /// The id of the latest batch that can change a month's figures (dossier exports and
    /// catalogues; 0 when there is none): a month computed before it is stale. Survey and PAR
    /// inputs do not change them, so ingesting those does not make a month stale.
    public static func latestFigureInput(in database: Database) throws -> Int64 {
        try database.scalarInt("SELECT IFNULL(MAX(id), 0) FROM batch WHERE kind IN ('dossiers', 'procedures')") ?? 0
    }

    /// Refused rows of every input by reason code.
    public static func rejectionsByReason(in database: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try database.prepare("SELECT reason, COUNT(*) FROM reject GROUP BY reason").forEachRow { r in
            counts[r.text(0)] = r.int(1)
        }
        return counts
    }
}

/// The compute_run table: which rule sets computed a period, and the latest input it saw.
public enum ComputeRunTable {
    /// The stored run of `period`: its rule sets and the latest input batch then; nil when never computed.
    public static func run(of period: String, in database: Database) throws -> (ruleSet: String, lastBatch: Int64)? {
        var found: (String, Int64)?
        try database.prepare("SELECT rule_set, last_batch_id FROM compute_run WHERE period = ?").forEachRow([
            .text(period)
        ]) { found = ($0.text(0), $0.int64(1)) }
        return found
    }

    /// Records that `period` was computed with `ruleSet` over the inputs up to `lastBatch`.
    public static func record(period: String, lastBatch: Int64, ruleSet: String, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("INSERT OR REPLACE INTO compute_run(period, last_batch_id, rule_set) VALUES (?, ?, ?)")
            .run([.text(period), .int(lastBatch), .text(ruleSet)])
    }
}

/// The dossier table's summaries that the pipeline needs.
public enum DossierTable {
    /// The latest receipt day (Vietnam days since 1970), nil when there is no dossier.
    public static func latestReceiptDay(in database: Database) throws -> Int? {
        try database.scalarInt("SELECT MAX(received_day) FROM dossier").map { Int($0) }
    }
}

/// The stored yearly results (`index_result`): each output's rows, as cells.
public enum IndexResultTable {
    /// Replaces the rows of `period`: for each output name, its rows of cells in order.
    public static func replace(period: String, outputs: [(name: String, rows: [String])], in database: Database)
        throws
    {
        database.requireTransaction()
        try database.prepare("DELETE FROM index_result WHERE period = ?").run([.text(period)])
        let insert = try database.prepare("INSERT INTO index_result(period, output, seq, cells) VALUES (?, ?, ?, ?)")
        for output in outputs {
            for (seq, cells) in output.rows.enumerated() {
                try insert.run([.text(period), .text(output.name), .int(seq), .text(cells)])
            }
        }
    }

    /// The stored rows (cells as stored) of one output of `period`, in order.
    public static func rows(period: String, output: String, in database: Database) throws -> [String] {
        var rows: [String] = []
        try database.prepare("SELECT cells FROM index_result WHERE period = ? AND output = ? ORDER BY seq").forEachRow([
            .text(period), .text(output),
        ]) { rows.append($0.text(0)) }
        return rows
    }

    /// True when `period` has stored results.
    public static func exists(period: String, in database: Database) throws -> Bool {
        try database.scalarInt("SELECT 1 FROM index_result WHERE period = ? LIMIT 1", [.text(period)]) != nil
    }
}

/// The stored deadline audit of a month, as the report reads it.
public enum DeadlineTables {
    /// One unit's stored audit counts.
    public struct UnitAudit: Sendable {
        public var unitID: Int64
        public var code: String
        public var name: String
        public var received: Int
        public var checked: Int
        public var matches: Int
        public var later: Int
        public var earlier: Int
        public var statutoryDecided: Int
        public var statutoryOnTime: Int
    }

    /// One unit and procedure's stored processing times.
    public struct ProcessingTime: Sendable {
        public var unitCode: String
        public var unitName: String
        public var procedureCode: String
        public var procedureName: String
        public var resolved: Int
        public var totalDays: Int
        /// Twice the median in working days (an even count's median is a half).
        public var medianTwice: Int
        public var p90: Int
        public var statutoryTime: String
        public var timeUnit: String
    }

    /// Up to `limit` dossier ids per unit whose appointment was later than the statutory due date.
    public static func laterExamples(period: String, limit: Int, in database: Database) throws -> [Int64: [String]] {
        var examples: [Int64: [String]] = [:]
        try database.prepare(
            """
            SELECT unit_id, dossier_id FROM deadline_finding WHERE period = ? AND finding = 'appointment_later'
            ORDER BY unit_id, dossier_id
            """
        ).forEachRow([.text(period)]) { row in
            if examples[row.int64(0), default: []].count < limit {
                examples[row.int64(0), default: []].append(row.text(1))
            }
        }
        return examples
    }

    /// The units' audit counts of `period`, by unit code.
    public static func units(period: String, in database: Database) throws -> [UnitAudit] {
        var rows: [UnitAudit] = []
        try database.prepare(
            """
            SELECT a.unit_id, u.code, u.name, a.received, a.checked, a.matches, a.appointment_later, a.appointment_earlier,
                   a.statutory_decided, a.statutory_on_time
            FROM deadline_audit a JOIN unit u ON u.id = a.unit_id WHERE a.period = ? ORDER BY u.code
            """
        ).forEachRow([.text(period)]) { r in
            rows.append(
                UnitAudit(
                    unitID: r.int64(0), code: r.text(1), name: r.text(2), received: r.int(3), checked: r.int(4),
                    matches: r.int(5), later: r.int(6), earlier: r.int(7), statutoryDecided: r.int(8),
                    statutoryOnTime: r.int(9)))
        }
        return rows
    }

    /// The processing times of `period`, by unit code then procedure code.
    public static func processingTimes(period: String, in database: Database) throws -> [ProcessingTime] {
        var rows: [ProcessingTime] = []
        try database.prepare(
            """
            SELECT u.code, u.name, p.code, p.name, t.resolved, t.total_working_days, t.median_twice, t.p90,
                   IFNULL(p.statutory_time, ''), IFNULL(p.time_unit, '')
            FROM processing_time t JOIN unit u ON u.id = t.unit_id JOIN procedure p ON p.id = t.procedure_id
            WHERE t.period = ? ORDER BY u.code, p.code
            """
        ).forEachRow([.text(period)]) { r in
            rows.append(
                ProcessingTime(
                    unitCode: r.text(0), unitName: r.text(1), procedureCode: r.text(2), procedureName: r.text(3),
                    resolved: r.int(4), totalDays: r.int(5), medianTwice: r.int(6), p90: r.int(7),
                    statutoryTime: r.text(8), timeUnit: r.text(9)))
        }
        return rows
    }
}

/// A batch already in the database with the same content, kind and encoding as a file being
/// ingested: the file is "already ingested", unless that batch read records and accepted none
/// (it was then refused under today's rules, or stored by an older build, and may be read again).
public struct EarlierBatch: Equatable, Sendable {
    public var id: Int64
    public var kind: String
    public var encoding: String
    public var ingestedAt: String
    public var sourcePath: String
    public var read: Int
    public var accepted: Int

    /// True when ingesting the file again replaces this batch instead of being skipped.
    public var isReplaceable: Bool { read > 0 && accepted == 0 }

    /// "batch 3 (dossiers, utf-8, ingested 2025-04-03T01:00:00Z from /data/x.csv)".
    public var description: String {
        let from = sourcePath.isEmpty ? "" : " from \(FilePath.printable(sourcePath))"
        return "batch \(id) (\(kind), \(encoding), ingested \(ingestedAt)\(from))"
    }
}

/// The reject table: refused rows of dossier exports, by batch and line.
public enum RejectTable {
    /// Inserts the refused rows of one batch with one prepared statement.
    public final class Writer {
        private let batch: Int64
        private let insert: Statement

        /// A writer for `batch`, inside its transaction.
        public init(batch: Int64, in database: Database) throws {
            database.requireTransaction()
            self.batch = batch
            insert = try database.prepare(
                """
                INSERT INTO reject(batch_id, line, reason, column_name, dossier_id, unit_code, received_day)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Stores one refused row (its id and code already passed `PersonalData.safeKey`).
        public func add(line: Int, _ rejection: RowRejection) throws {
            try insert.run([
                .int(batch), .int(line), .text(rejection.reason.rawValue), .text(rejection.column),
                .text(rejection.dossierID), .text(rejection.unitCode), .int(rejection.receivedDay.map(Int64.init)),
            ])
        }
    }
}
