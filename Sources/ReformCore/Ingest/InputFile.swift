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
