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
        /// For a workbook: the sheet read, the rows skipped and the title rows above the header.
        public var sheet = ""
        public var skipped: Int?
        public var title = ""
        /// The issuing body and period (first and last day numbers) the title rows state.
        public var statedUnit = ""
        public var statedPeriod: ClosedRange<Int>?

        /// For a workbook, where its table was found: the sheet, the rows skipped, the title rows;
        /// nil for CSV.
        public var workbook: (sheet: String, skipped: Int, title: String)? {
            skipped.map { (sheet: sheet, skipped: $0, title: title) }
        }
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
            id: statement.int64("id"), kind: statement.text("kind"), encoding: statement.text("encoding"),
            ingestedAt: statement.text("ingested_at"), sourcePath: statement.text("source_path"),
            read: statement.int("records_read"), accepted: statement.int("accepted"))
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
        ).forEachRow([.text(fileName)]) { paths.append($0.text("source_path")) }
        return paths
    }

    /// Sets the SHA-256 of a batch whose content was hashed beside its ingest.
    public static func setSHA256(_ batch: Int64, _ sha256: String, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("UPDATE batch SET sha256 = ? WHERE id = ?").run([.text(sha256), .int(batch)])
    }

    /// Records where a workbook's table was found (call inside the batch's transaction).
    public static func recordTable(
        _ batch: Int64, sheet: String, skipped: Int, title: String, statedUnit: String,
        statedPeriod: ClosedRange<Int>?, in database: Database
    ) throws {
        database.requireTransaction()
        try database.prepare(
            """
            UPDATE batch SET sheet = ?, skipped = ?, title = ?, stated_unit = ?, stated_from_day = ?,
                stated_to_day = ? WHERE id = ?
            """
        ).run([
            .text(sheet), .int(skipped), .text(title), .text(statedUnit),
            statedPeriod.map { .int($0.lowerBound) } ?? .null, statedPeriod.map { .int($0.upperBound) } ?? .null,
            .int(batch),
        ])
    }

    /// The days from `first` to `last` when both are stated and in order.
    private static func days(_ first: Int?, _ last: Int?) -> ClosedRange<Int>? {
        guard let first, let last, first <= last else { return nil }
        return first...last
    }

    /// Every ingested file, in ingest order.
    public static func all(in database: Database) throws -> [Summary] {
        var rows: [Summary] = []
        try database.prepare(
            """
            SELECT file_name, sha256, records_read, accepted, rejected, replaced, unchanged, sheet, skipped, title,
                stated_unit, stated_from_day, stated_to_day
            FROM batch ORDER BY id
            """
        ).forEachRow { r in
            rows.append(
                Summary(
                    // A file's name is the user's and may hold a phone number: pages show it masked.
                    fileName: PersonalData.maskedFileName(r.text("file_name")), sha256: r.text("sha256"),
                    read: r.int("records_read"),
                    accepted: r.int("accepted"), rejected: r.int("rejected"), replaced: r.int("replaced"),
                    unchanged: r.int("unchanged"), sheet: PersonalData.masked(r.text("sheet")),
                    skipped: r.optionalInt("skipped"),
                    title: r.text("title"), statedUnit: r.text("stated_unit"),
                    statedPeriod: Self.days(r.optionalInt("stated_from_day"), r.optionalInt("stated_to_day"))))
        }
        return rows
    }

    /// The id of the latest batch that can change a month's figures (dossier exports and
    /// catalogues; 0 when there is none): a month computed before it is stale. Survey and PAR
    /// inputs do not change them, so ingesting those does not make a month stale.
    public static func latestFigureInput(in database: Database) throws -> Int64 {
        try database.scalarInt("SELECT IFNULL(MAX(id), 0) FROM batch WHERE kind IN ('dossiers', 'procedures')") ?? 0
    }

    /// The id of the latest batch that can change a year's indices (dossier exports, catalogues,
    /// survey questions and answers, PAR scores; 0 when there is none).
    public static func latestIndexInput(in database: Database) throws -> Int64 {
        try database.scalarInt(
            """
            SELECT IFNULL(MAX(id), 0) FROM batch
            WHERE kind IN ('dossiers', 'procedures', 'questions', 'survey', 'par-scores')
            """) ?? 0
    }

    /// Refused rows of every input by reason code.
    public static func rejectionsByReason(in database: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try database.prepare("SELECT reason, COUNT(*) AS rows FROM reject GROUP BY reason").forEachRow { r in
            counts[r.text("reason")] = r.int("rows")
        }
        return counts
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
