import FoundationEssentials
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// The counts of one ingested file; `read == accepted + rejected` always.
public struct IngestSummary: Equatable, Sendable {
    public var fileName: String
    public var sha256: String
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    public var replaced = 0
    public var unchanged = 0
    /// Blank, column-numbering and total rows of a workbook's table, skipped and not records (nil
    /// for CSV, where there are none).
    public var skipped: Int?
    /// For a workbook: the sheet read and the text of the title rows above its header (personal
    /// data masked), kept as the input's provenance.
    public var sheet: String?
    public var title: String?
    /// The issuing body and period the title rows state, when recognisable.
    public var statedUnit: String?
    public var statedPeriod: ClosedRange<Int>?
    /// True when a file with the same SHA-256 was ingested before as the same kind and in the same
    /// encoding (nothing was done).
    public var alreadyIngested = false
    /// What the person running ingest should know about the file beyond the counts (stderr).
    public var notes: [String] = []
    /// The batch of the same content, kind and encoding ingested before, if any.
    public var earlier: EarlierBatch?

    /// The line printed on stdout for this file (docs/contract.md §7); control characters in the name are escaped.
    public var line: String {
        let fileName = FilePath.printable(fileName)
        if alreadyIngested { return "file=\(fileName) already ingested (sha256 \(sha256))" }
        return "file=\(fileName) read=\(read) accepted=\(accepted) rejected=\(rejected) replaced=\(replaced) "
            + "unchanged=\(unchanged)" + (skipped.map { " skipped=\($0)" } ?? "")
    }
}

/// Loads dossier exports into the staging database, one transaction per file: a file is stored
/// whole or not at all. Accepted rows are upserted by dossier_id (the newest wins); refused rows
/// go to `REJECTS/<file name>.rejects.csv` and the `reject` table with their line and reason.
public struct DossierIngester {
    private let database: Database
    private let rejectsFolder: String
    private let encoding: InputEncoding
    /// The sheet of a workbook to read (a name or a number from 1); the first when nil.
    public var sheet: String?
    /// Accepted rows sorted and written together (tests vary it to show the result does not depend on it).
    package var rowsPerWrite = DossierStore.defaultRowsPerWrite
    /// Where progress is shown, if anywhere.
    public var progress: ProgressMeter?

    /// An ingester writing into `database` and rejects files into `rejectsFolder`, reading files
    /// in `encoding` (UTF-8 unless an export is known to be otherwise).
    public init(database: Database, rejectsFolder: String, encoding: InputEncoding = .utf8) {
        self.database = database
        self.rejectsFolder = rejectsFolder
        self.encoding = encoding
    }

    /// Ingests one file. Throws `IngestRefusal` when the file is refused whole, and I/O or
    /// SQLite errors; in every failure case the database is as it was before.
    public func ingest(path: String) throws -> IngestSummary {
        let size = InputFile.size(of: path)
        let fingerprint = try FileFingerprint.of(path: path, size: size)
        var summary = IngestSummary(fileName: RawPath.displayName(of: path), sha256: "")
        // Only a batch of the same size and fingerprint (or one stored before fingerprints) can be
        // this file again; then the full hash decides first. Otherwise it is hashed beside the ingest.
        var digest: BackgroundTask<String>?
        if try BatchTable.mayHoldDossiers(bytes: size, fingerprint: fingerprint, in: database) {
            summary = try InputFile.start(path: path, kind: "dossiers", encoding: encoding, database: database)
            if summary.alreadyIngested { return summary }
        } else {
            digest = backgroundDigest(of: path)
        }
        defer { digest?.cancel() }
        let knownDigest = summary.sha256
        var reader: CSVReader
        let header: DossierHeader
        var table: SheetTable?
        let format = try InputFormat.of(path: path)
        if format == .text {
            reader = try CSVReader(path: path, encoding: encoding, delimiter: .detect)
            do {
                header = try readHeader(&reader, path: path)
            } catch {
                reader.close()
                throw error
            }
        } else {
            (reader, table) = try TableInput.open(
                path: path, format: format, encoding: encoding, sheet: sheet, requirement: InputFile.dossierHeader)
            header = try DossierHeader(fields: table!.header)
        }
        let rejects: RejectsFile
        do {
            rejects = try InputFile.rejectsFile(
                path: path, summary: summary, folder: rejectsFolder, database: database)
        } catch {
            reader.close()
            throw error
        }
        // Records are read and validated on another thread while this one stores them.
        reader.validatesUTF8 = true
        // Events after the file was written (or after now, for a file copied with its old time)
        // cannot be real.
        let latestEvent = max(DossierRowParser.defaultLatestEvent(), InputFile.modified(path) + 2 * 86_400)
        let rows = ParsedRowStream(reader: reader, parser: DossierRowParser(header: header, latestEvent: latestEvent))
        defer { rows.cancel() }

        var tally = RejectTally()
        let earlierSummary = summary
        do {
            try ingestRows(
                rows, into: database, summary: &summary, earlierSummary: earlierSummary, tally: &tally,
                rejects: rejects, knownDigest: knownDigest, fingerprint: fingerprint, size: size, path: path,
                digest: digest, table: table)
        } catch let seen as SeenBefore {
            summary = earlierSummary
            summary.sha256 = seen.sha256
            summary.earlier = seen.earlier
            summary.alreadyIngested = true
        }
        return summary
    }

    /// The content was ingested before under a batch the fingerprint check did not find.
    private struct SeenBefore: Error {
        var earlier: EarlierBatch
        var sha256: String
    }

    /// Stores the parsed rows of one file in one transaction.
    private func ingestRows(
        _ rows: ParsedRowStream, into database: Database, summary: inout IngestSummary, earlierSummary: IngestSummary,
        tally: inout RejectTally, rejects: RejectsFile, knownDigest: String, fingerprint: String, size: Int,
        path: String, digest: BackgroundTask<String>?, table: SheetTable?
    ) throws {
        let fileName = summary.fileName
        var units = try UnitCodeResolver(database: database)
        try database.transaction {
            // Until the background hash is done the batch holds a placeholder, replaced before the commit.
            let batch = try BatchRecord.open(
                kind: "dossiers", summary: earlierSummary,
                sha256: knownDigest.isEmpty ? "pending " + fingerprint : knownDigest, bytes: size, encoding: encoding,
                fingerprint: fingerprint, sourcePath: FilePath.absolute(path), rejectsFile: rejects.name, in: database)
            let store = try DossierStore(database: database, batch: batch, rowsPerWrite: rowsPerWrite)
            let rejectRows = try RejectTable.Writer(batch: batch, in: database)
            // A CSV's progress is its bytes (the file's size is the total; a converted encoding's
            // text is not the file's length, so it has none); a workbook's is its rows.
            progress?.begin(
                fileName, total: table == nil && encoding == .utf8 && size > 0 ? Int64(size) : nil,
                measure: table == nil ? .bytes : .rows)
            defer { progress?.end() }
            while let chunk = try rows.next() {
                defer {
                    progress?.update(
                        done: table == nil ? Int64(rows.bytesRead) : Int64(summary.read), rows: Int64(summary.read))
                }
                for item in chunk {
                    let line = item.line
                    summary.read += 1
                    switch item.row {
                    case .accepted(var record):
                        summary.accepted += 1
                        if units != nil {
                            record.unitCode = units!.code(record.unitCode, day: record.receivedDay)
                        }
                        try store.add(record, line: line)
                    case .rejected(let rejection):
                        summary.rejected += 1
                        tally.add(rejection.reason, line: line)
                        let listed = try rejects.add(
                            line: line, reason: rejection.reason, column: rejection.column, key: rejection.dossierID)
                        // The table keeps what the rejects file lists, and every refusal the
                        // integrity audit counts.
                        if listed || rejection.reason == .completedBeforeReceived {
                            try rejectRows.add(line: line, rejection)
                        }
                    }
                }
            }
            if let refusal = tally.refusal(read: summary.read, accepted: summary.accepted, encoding: encoding) {
                throw refusal
            }
            let stored = try store.finish()
            summary.replaced = stored.replaced
            summary.unchanged = stored.unchanged
            // The stream has ended, so the parsing thread no longer touches the table.
            if let table { summary.record(table) }
            if let units { summary.notes += units.notes() }
            guard summary.read == summary.accepted + summary.rejected else {
                throw InternalError("records do not reconcile in \(fileName)")
            }
            try BatchRecord.finish(batch, summary, in: database)
            if let digest {
                summary.sha256 = try digest.wait()
                // The same content read before as dossiers in this encoding, but unseen by the
                // fingerprint check (a batch whose size or fingerprint was not recorded).
                if let earlier = try BatchRecord.earlier(
                    sha256: summary.sha256, kind: "dossiers", encoding: encoding, in: database)
                {
                    if !earlier.isReplaceable { throw SeenBefore(earlier: earlier, sha256: summary.sha256) }
                    try BatchRecord.forget(earlier.id, in: database)
                }
                try BatchTable.setSHA256(batch, summary.sha256, in: database)
            }
            try rejects.commit()  // before the database commit: a kill between them must not lose it
        }
    }

    /// Reads and maps the header, refusing files that are not UTF-8 CSV with the required columns.
    private func readHeader(_ reader: inout CSVReader, path: String) throws -> DossierHeader {
        let lead = try leadingBytes(path)
        if encoding != .utf16 && InputEncoding.startsWithUTF16Mark(lead) {
            throw IngestRefusal.utf16
        }
        try InputFile.nextHeaderRecord(&reader)
        let fields = (0..<reader.fieldCount).map { reader.field($0) }
        // UTF-16 without a byte order mark shows as NUL bytes between ASCII letters.
        if reader.containsNUL { throw IngestRefusal.utf16 }
        if fields.contains(where: { !UTF8Validation.isValid($0) }) { throw IngestRefusal.notUTF8(line: reader.line) }
        return try DossierHeader(fields: fields.map { String(decoding: $0, as: UTF8.self) })
    }

    private func leadingBytes(_ path: String) throws -> [UInt8] {
        // Non-blocking: a FIFO must not hang here (it is refused later as not a regular file).
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 4) }
        return Array(bytes.prefix(max(count, 0)))
    }

    /// Now, or `SOURCE_DATE_EPOCH` when set (reproducible databases).
    package static func timestamp() -> String {
        let stated = getenv("SOURCE_DATE_EPOCH").flatMap { Double(String(cString: $0)) }.flatMap { seconds in
            seconds.isFinite && abs(seconds) < 1e15 ? Int64(seconds.rounded(.down)) : nil
        }
        return CivilDate.isoInstant(stated ?? Int64(time(nil)))
    }
}

/// A broken invariant: a bug, never bad input (exit 70).
public struct InternalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
