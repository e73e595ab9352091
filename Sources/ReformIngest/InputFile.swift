import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// The steps every ingester shares: an input's fingerprint and the already-ingested check, its
/// header, and its rejects file.
package enum InputFile {
    /// The summary to start from; `alreadyIngested` when a batch of the same SHA-256, kind and
    /// encoding is in the batch table (and did not accept nothing).
    static func start(path: String, kind: String, encoding: InputEncoding = .utf8, database: Database) throws
        -> IngestSummary
    {
        let sha256 = try SHA256.hexDigest(ofFile: path)
        var summary = IngestSummary(fileName: RawPath.displayName(of: path), sha256: sha256)
        summary.earlier = try BatchRecord.earlier(sha256: sha256, kind: kind, encoding: encoding, in: database)
        summary.alreadyIngested = summary.earlier.map { !$0.isReplaceable } ?? false
        return summary
    }

    /// The size of the file at `path` in bytes (0 when it cannot be read).
    package static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// When the file at `path` was last modified (epoch seconds; 0 when it cannot be read).
    static func modified(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_mtim.tv_sec) : 0
    }

    /// The rejects file of an input read from `path`, named so that no other input shares it.
    static func rejectsFile(path: String, summary: IngestSummary, folder: String, database: Database) throws
        -> RejectsFile
    {
        let name = try BatchRecord.rejectsFileName(
            fileName: summary.fileName, sourcePath: FilePath.absolute(path), in: database)
        return try RejectsFile(folder: folder, name: name)
    }

    /// Advances to the header record, refusing what cannot be a header of any kind of input: no
    /// record at all, a first line over the record bound, line ends of CR alone.
    package static func nextHeaderRecord(_ reader: inout CSVReader) throws {
        guard try reader.nextRecord() else { throw IngestRefusal.emptyFile }
        if reader.isTooLarge { throw IngestRefusal.headerTooLarge }
        if (0..<reader.fieldCount).contains(where: { reader.field($0).contains(0x0D) }) {
            throw IngestRefusal.carriageReturnLineEnds
        }
    }

    /// A dossier export's header requirement: the required columns present, none twice.
    package static var dossierHeader: HeaderRequirement {
        HeaderRequirement(
            accepts: { (try? DossierHeader(fields: $0)) != nil },
            knows: { DossierColumn.matching(header: $0) != nil },
            refusal: { names in
                do {
                    _ = try DossierHeader(fields: names)
                    return "it is acceptable"
                } catch {
                    return "\(error)"
                }
            })
    }

    /// Opens a reference file (catalogue, index inputs, unit lists) positioned after its header:
    /// CSV, or the table of a workbook or HTML file whose header has the required `columns`.
    /// Returns the reader, the header's names and the table when it is one.
    static func openReference(path: String, kind: String, columns: [Column], sheet: String?) throws
        -> (reader: CSVReader, names: [String], table: SheetTable?)
    {
        let format = try InputFormat.of(path: path)
        if format == .text {
            var reader = try CSVReader(path: path, delimiter: .detect)
            do {
                let names = try header(&reader)
                try refuseDossierExport(names, kind: kind)
                return (reader, names, nil)
            } catch {
                reader.close()
                throw error
            }
        }
        let requirement = HeaderRequirement(
            accepts: { (try? positions(of: columns, in: $0)) != nil },
            knows: { name in
                let key = TextKey.matchKey(name)
                return columns.contains { ([$0.name] + $0.aliases).map(TextKey.matchKey).contains(key) }
            },
            refusal: { names in
                do {
                    _ = try positions(of: columns, in: names)
                    return "it is acceptable"
                } catch {
                    return "\(error)"
                }
            })
        do {
            let (reader, table) = try TableInput.open(
                path: path, format: format, encoding: .utf8, sheet: sheet, requirement: requirement)
            try refuseDossierExport(table.header, kind: kind)
            return (reader, table.header, table)
        } catch WorkbookError.headerNotFound(let sheetName, let rows, let reason) {
            // A dossier export given as a reference kind says so, rather than "no header".
            if let (_, table) = try? TableInput.open(
                path: path, format: format, encoding: .utf8, sheet: sheet, requirement: dossierHeader)
            {
                try refuseDossierExport(table.header, kind: kind)
            }
            throw WorkbookError.headerNotFound(sheet: sheetName, rows: rows, reason: reason)
        }
    }

    /// Reads the header record of a reference file: refused as `nextHeaderRecord` does, or when
    /// the header is not UTF-8.
    package static func header(_ reader: inout CSVReader) throws -> [String] {
        try nextHeaderRecord(&reader)
        guard (0..<reader.fieldCount).allSatisfy({ UTF8Validation.isValid(reader.field($0)) }) else {
            throw IngestRefusal.notUTF8(line: reader.line)
        }
        return (0..<reader.fieldCount).map { TextKey.value(reader.field($0)) }
    }

    /// Refuses a dossier export given as a reference file (`--kind procedures` on an export would
    /// otherwise be "ingested", its codes overwriting the catalogue's statutory times).
    static func refuseDossierExport(_ names: [String], kind: String) throws {
        let dossierOnly: [DossierColumn] = [.dossierID, .receivedAt, .completedAt]
        let keys = Set(dossierOnly.flatMap { [$0.rawValue] + $0.aliases }.map(TextKey.matchKey))
        let found = names.filter { keys.contains(TextKey.matchKey($0)) }
        if !found.isEmpty { throw IngestRefusal.dossierExportAsReference(kind: kind, columns: found) }
    }

    /// What one record of a reference file becomes.
    enum ReferenceRow {
        /// Values for the file's insert statement.
        case store([SQLValue])
        /// Several rows of values from one record (a statistics office's unit list names a commune,
        /// its district and its province on one line); none when all were stored before.
        case storeEach([[SQLValue]])
        /// Refused for `reason`, naming the column (by its contract name).
        case reject(RejectReason, column: String)
    }

    /// Ingests a small reference file (index inputs, unit lists) in one transaction: its batch row,
    /// the checks every record gets, the rejects file. `prepare` runs first inside the transaction
    /// and returns the insert statement; `row` turns a record (its values by column name) and the
    /// batch id into values or a refusal; `key` names a record in the rejects file.
    ///
    /// `sheets` reads several sheets of a workbook into the one batch, in order (`onSheet` is told
    /// each sheet's name before its rows); nil reads `sheet` alone.
    static func ingestReference(
        path: String, kind: String, columns: [Column], database: Database, rejectsFolder: String,
        sheet: String? = nil, sheets: [String]? = nil, onSheet: (String) -> Void = { _ in },
        key: (_ value: (String) -> String) -> String, prepare: () throws -> Statement,
        row: (_ value: (String) -> String, _ batch: Int64) throws -> ReferenceRow
    ) throws -> IngestSummary {
        var summary = try start(path: path, kind: kind, database: database)
        if summary.alreadyIngested { return summary }
        let choices: [String?] = sheets ?? [sheet]
        // The first table is opened before anything is written: a file refused whole leaves nothing.
        var pending: (reader: CSVReader, names: [String], table: SheetTable?)? = try choices.first.map {
            try openReference(path: path, kind: kind, columns: columns, sheet: $0)
        }
        defer { pending?.reader.close() }
        _ = try pending.map { try positions(of: columns, in: $0.names) }
        let rejects = try rejectsFile(path: path, summary: summary, folder: rejectsFolder, database: database)
        let textColumns = Set(columns.filter(\.isText).map(\.name))
        var tally = RejectTally()
        try database.transaction {
            let batch = try BatchRecord.open(
                kind: kind, summary: summary, sha256: summary.sha256, bytes: size(of: path), encoding: .utf8,
                fingerprint: nil, sourcePath: FilePath.absolute(path), rejectsFile: rejects.name, in: database)
            let insert = try prepare()
            for (index, choice) in choices.enumerated() {
                var (reader, names, table) =
                    try index == 0 ? pending! : openReference(path: path, kind: kind, columns: columns, sheet: choice)
                pending = nil
                defer { reader.close() }
                let positions = try positions(of: columns, in: names)
                onSheet(table?.sheetName ?? "")
                while try reader.nextRecord() {
                    summary.read += 1
                    func raw(_ name: String) -> String { positions[name].map { TextKey.value(reader.field($0)) } ?? "" }
                    // Free text is stored with personal data masked; the other values are codes and numbers.
                    func value(_ name: String) -> String {
                        textColumns.contains(name) ? PersonalData.masked(raw(name)) : raw(name)
                    }
                    var outcome: ReferenceRow
                    if let (reason, column) = recordProblem(
                        reader, fieldCount: names.count, columns: columns, value: raw)
                    {
                        outcome = .reject(reason, column: column ?? "")
                    } else if let column = columns.first(where: {
                        !$0.isText && PersonalData.contains(raw($0.name).utf8)
                    }) {
                        outcome = .reject(.personalData, column: column.name)
                    } else {
                        outcome = try row(value, batch)
                    }
                    switch outcome {
                    case .store(let values):
                        summary.accepted += 1
                        try insert.run(values)
                    case .storeEach(let rows):
                        summary.accepted += 1
                        for values in rows { try insert.run(values) }
                    case .reject(let reason, let column):
                        summary.rejected += 1
                        tally.add(reason, line: reader.line)
                        let name = reader.isTooLarge || reader.containsNUL ? "" : key(raw)
                        _ = try rejects.add(
                            line: reader.line, reason: reason, column: positions[column].map { names[$0] } ?? "",
                            key: UTF8Validation.isValid(Array(name.utf8)) ? PersonalData.safeKey(name) : "")
                    }
                }
                if let table { summary.record(table) }
            }
            if let refusal = tally.refusal(read: summary.read, accepted: summary.accepted, encoding: .utf8) {
                throw refusal
            }
            try BatchRecord.finish(batch, summary, in: database)
            // In place before the commit: a kill between the two must not lose it (a rolled-back
            // batch's rejects file is rewritten when the file is ingested again).
            try rejects.commit()
        }
        return summary
    }

    /// What every reference-file record is checked for before its values: a NUL byte, invalid UTF-8,
    /// an unterminated quote, the wrong number of fields, a required value missing. Returns the
    /// reason and the column concerned (nil for whole-record problems), or nil when none applies.
    static func recordProblem(
        _ reader: CSVReader, fieldCount: Int, columns: [Column], value: (String) -> String
    ) -> (RejectReason, String?)? {
        if reader.isTooLarge { return (.recordTooLarge, nil) }
        if reader.containsNUL { return (.nulByte, nil) }
        if reader.containsNonASCII
            && !(0..<reader.fieldCount).allSatisfy({ UTF8Validation.isValid(reader.field($0)) })
        {
            return (.invalidUTF8, nil)
        }
        if reader.isUnterminated { return (.unterminatedQuote, nil) }
        if reader.fieldCount != fieldCount { return (.fieldCount, nil) }
        if let missing = columns.first(where: { $0.required && !$0.mayBeEmpty && value($0.name).isEmpty }) {
            return (.missingValue, missing.name)
        }
        return nil
    }

    /// A column of a reference file: its name, the headers it accepts, whether it is required, and
    /// whether it is free text (names, question texts: stored with personal data masked) rather
    /// than a code or number (a row whose code holds personal data is refused).
    struct Column {
        let name: String
        let aliases: [String]
        let required: Bool
        var isText = false
        /// A required column whose cells some rows may leave empty (the row's own rule decides).
        var mayBeEmpty = false
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

/// The rejects file of one input, `DIR/<name>` (`line,reason,column,dossier_id`), streamed to a
/// staged file and renamed into place just before the database commit. At most `maxListed` rows
/// are listed; the rest are counted in a last row (`more_not_listed`, with the count in `column`),
/// so a file of millions of broken lines cannot multiply itself on disk.
final class RejectsFile {
    /// The rows listed at most per file.
    static let maxListed = 100_000
    /// The file's name in its folder.
    let name: String
    private let file: StagedFile
    private var csv = CSVWriter(header: ["line", "reason", "column", "dossier_id"])
    private var listed = 0
    private var unlisted = 0

    init(folder: String, name: String) throws {
        self.name = name
        file = try StagedFile(path: folder + "/" + name)
    }

    /// Adds one refused record (never the record itself: it may hold personal data). `key` must
    /// already have passed `PersonalData.safeKey`. Returns false when the row was only counted.
    @discardableResult
    func add(line: Int, reason: RejectReason, column: String, key: String) throws -> Bool {
        guard listed < Self.maxListed else {
            unlisted += 1
            return false
        }
        listed += 1
        csv.writeRow([.int(line), .text(reason.rawValue), .text(column), .text(key)])
        if csv.bytes.count > 1 << 16 {
            try file.write(csv.bytes)
            csv = CSVWriter(continuing: ())
        }
        return true
    }

    /// Writes what is buffered and renames the file into place (call inside the transaction,
    /// last, so a full disk rolls the batch back).
    func commit() throws {
        if unlisted > 0 {
            csv.writeRow([.text(""), .text("more_not_listed"), .int(unlisted), .text("")])
        }
        try file.write(csv.bytes)
        csv = CSVWriter(continuing: ())
        try file.commit()
    }
}

extension IngestSummary {
    /// The longest title kept (a workbook may hold a paragraph above its table).
    static let maxTitle = 500

    /// Records where a workbook's table was found: the sheet, the rows skipped, the title rows.
    mutating func record(_ table: SheetTable) {
        skipped = table.skipped
        // A sheet's name is typed by whoever saved the workbook: masked like a cell's text.
        sheet = PersonalData.masked(table.sheetName)
        let text = PersonalData.masked(table.titleLines.joined(separator: " · "))
        title = text.count > Self.maxTitle ? String(text.prefix(Self.maxTitle - 1)) + "…" : text
        let stated = table.stated
        statedUnit = stated.unit.map { String(PersonalData.masked($0).prefix(200)) }
        statedPeriod = stated.period
    }
}
