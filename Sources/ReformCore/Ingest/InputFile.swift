/// The steps every ingester shares: an input's fingerprint and the already-ingested check, its
/// header, and its rejects file.
enum InputFile {
    /// The summary to start from; `alreadyIngested` when a file with the same SHA-256 is in the batch table.
    static func start(path: String, database: Database) throws -> IngestSummary {
        let sha256 = try SHA256.hexDigest(ofFile: path)
        var summary = IngestSummary(fileName: FilePath.lastComponent(of: path), sha256: sha256)
        summary.alreadyIngested =
            try database.scalarInt("SELECT id FROM batch WHERE sha256 = ?", [.text(sha256)]) != nil
        return summary
    }

    /// Reads the header record: refused when the file is empty or the header is not UTF-8.
    static func header(_ reader: inout CSVReader) throws -> [String] {
        guard try reader.nextRecord() else { throw IngestRefusal.emptyFile }
        guard (0..<reader.fieldCount).allSatisfy({ UTF8Validation.isValid(reader.field($0)) }) else {
            throw IngestRefusal.notUTF8(line: reader.line)
        }
        return (0..<reader.fieldCount).map { TextKey.value(reader.field($0)) }
    }

    /// What one record of a reference file becomes.
    enum ReferenceRow {
        /// Values for the file's insert statement.
        case store([SQLValue])
        /// Refused for `reason`, naming the column (by its contract name).
        case reject(RejectReason, column: String)
    }

    /// Ingests a small reference file (index inputs, unit lists) in one transaction: its batch row,
    /// the checks every record gets, the rejects file. `prepare` runs first inside the transaction
    /// and returns the insert statement; `row` turns a record (its values by column name) and the
    /// batch id into values or a refusal; `key` names a record in the rejects file.
    static func ingestReference(
        path: String, kind: String, columns: [Column], database: Database, rejectsFolder: String,
        key: (_ value: (String) -> String) -> String, prepare: () throws -> Statement,
        row: (_ value: (String) -> String, _ batch: Int64) throws -> ReferenceRow
    ) throws -> IngestSummary {
        var summary = try start(path: path, database: database)
        if summary.alreadyIngested { return summary }
        var reader = try CSVReader(path: path, delimiter: .detect)
        defer { reader.close() }
        let names = try header(&reader)
        let positions = try positions(of: columns, in: names)
        let rejects = try RejectsFile(folder: rejectsFolder, fileName: summary.fileName)
        try database.transaction {
            let batch = try startBatch(kind: kind, summary, in: database)
            let insert = try prepare()
            while try reader.nextRecord() {
                summary.read += 1
                func value(_ name: String) -> String { positions[name].map { TextKey.value(reader.field($0)) } ?? "" }
                var outcome: ReferenceRow
                if let (reason, column) = recordProblem(reader, fieldCount: names.count, columns: columns, value: value)
                {
                    outcome = .reject(reason, column: column ?? "")
                } else {
                    outcome = try row(value, batch)
                }
                switch outcome {
                case .store(let values):
                    summary.accepted += 1
                    try insert.run(values)
                case .reject(let reason, let column):
                    summary.rejected += 1
                    let name = key(value)
                    try rejects.add(
                        line: reader.line, reason: reason, column: positions[column].map { names[$0] } ?? "",
                        key: reader.containsNUL || !UTF8Validation.isValid(Array(name.utf8)) ? "" : name)
                }
            }
            try finishBatch(batch, summary, in: database)
            try rejects.flush()
        }
        try rejects.commit()
        return summary
    }

    /// Opens the batch row of a reference file; returns its id.
    static func startBatch(kind: String, _ summary: IngestSummary, in database: Database) throws -> Int64 {
        try database.prepare("INSERT INTO batch(kind, file_name, sha256, bytes, ingested_at) VALUES (?, ?, ?, 0, ?)")
            .run([.text(kind), .text(summary.fileName), .text(summary.sha256), .text(DossierIngester.timestamp())])
        return database.lastInsertRowID
    }

    /// Records the counts of a reference file in its batch row.
    static func finishBatch(_ batch: Int64, _ summary: IngestSummary, in database: Database) throws {
        try database.prepare("UPDATE batch SET records_read = ?, accepted = ?, rejected = ? WHERE id = ?").run([
            .int(summary.read), .int(summary.accepted), .int(summary.rejected), .int(batch),
        ])
    }

    /// What every reference-file record is checked for before its values: a NUL byte, invalid UTF-8,
    /// an unterminated quote, the wrong number of fields, a required value missing. Returns the
    /// reason and the column concerned (nil for whole-record problems), or nil when none applies.
    static func recordProblem(
        _ reader: CSVReader, fieldCount: Int, columns: [Column], value: (String) -> String
    ) -> (RejectReason, String?)? {
        if reader.containsNUL { return (.nulByte, nil) }
        if reader.containsNonASCII
            && !(0..<reader.fieldCount).allSatisfy({ UTF8Validation.isValid(reader.field($0)) })
        {
            return (.invalidUTF8, nil)
        }
        if reader.isUnterminated { return (.unterminatedQuote, nil) }
        if reader.fieldCount != fieldCount { return (.fieldCount, nil) }
        if let missing = columns.first(where: { $0.required && value($0.name).isEmpty }) {
            return (.missingValue, missing.name)
        }
        return nil
    }

    /// A column of a reference file: its name, the headers it accepts, whether it is required.
    struct Column {
        let name: String
        let aliases: [String]
        let required: Bool
    }

    /// Where each column sits; refuses a column named twice or a required one missing.
    static func positions(of columns: [Column], in names: [String]) throws -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let key = TextKey.matchKey(name)
            guard let column = columns.first(where: { ([$0.name] + $0.aliases).map(TextKey.matchKey).contains(key) })
            else { continue }
            if positions[column.name] != nil { throw IngestRefusal.duplicateHeader(column.name) }
            positions[column.name] = index
        }
        for column in columns where column.required && positions[column.name] == nil {
            throw IngestRefusal.missingHeader(column.name, accepted: [column.name] + column.aliases)
        }
        return positions
    }
}

/// The rejects file of one input, `DIR/<file name>.rejects.csv` (`line,reason,column,dossier_id`),
/// streamed to a staged file and renamed into place only after the database commit.
final class RejectsFile {
    private let file: StagedFile
    private var csv = CSVWriter(header: ["line", "reason", "column", "dossier_id"])

    init(folder: String, fileName: String) throws {
        file = try StagedFile(path: folder + "/" + fileName + ".rejects.csv")
    }

    /// Adds one refused record (never the record itself: it may hold personal data).
    func add(line: Int, reason: RejectReason, column: String, key: String) throws {
        csv.writeRow([.int(line), .text(reason.rawValue), .text(column), .text(key)])
        if csv.bytes.count > 1 << 16 {
            try file.write(csv.bytes)
            csv = CSVWriter(continuing: ())
        }
    }

    /// Writes what is buffered (call inside the transaction, so a full disk rolls it back).
    func flush() throws {
        try file.write(csv.bytes)
        csv = CSVWriter(continuing: ())
    }

    /// Renames the file into place.
    func commit() throws { try file.commit() }
}
