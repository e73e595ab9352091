import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The columns of the procedures catalogue (`procedures.csv`) and the headers each accepts.
public enum ProcedureColumn: String, CaseIterable, Sendable {
    case procedureCode = "procedure_code"
    case procedureName = "procedure_name"
    case field
    case level
    case statutoryTime = "statutory_time"
    case timeUnit = "time_unit"
    case onlineLevel = "online_level"
    case hasFee = "has_fee"
    case paperResultRequired = "paper_result_required"
    case delegationPlan = "delegation_plan"
    case decisionRequired = "decision_required"
    case delegationDecision = "delegation_decision"
    case internalProcess = "internal_process"
    case asOf = "as_of"

    /// Vietnamese headers of catalogue exports (the column's own name is accepted too).
    public var aliases: [String] {
        switch self {
        case .procedureCode: return ["Mã thủ tục", "Mã TTHC"]
        case .procedureName: return ["Tên thủ tục", "Tên TTHC"]
        case .field: return ["Lĩnh vực"]
        case .level: return ["Cấp thực hiện"]
        case .statutoryTime: return ["Thời hạn giải quyết"]
        case .timeUnit: return ["Đơn vị tính", "Đơn vị thời gian"]
        case .onlineLevel: return ["Mức độ dịch vụ công trực tuyến", "Mức độ DVCTT"]
        case .hasFee: return ["Có phí, lệ phí", "Có phí"]
        case .paperResultRequired: return ["Yêu cầu kết quả bản giấy"]
        case .delegationPlan: return ["Có phương án phân cấp", "Phương án phân cấp"]
        case .decisionRequired: return ["Cần quyết định phân cấp"]
        case .delegationDecision: return ["Quyết định phân cấp", "Số quyết định phân cấp"]
        case .internalProcess: return ["Quy trình nội bộ"]
        case .asOf: return ["Ngày cập nhật"]
        }
    }

    /// The stored column this file column fills (`CatalogueTable.columns`); nil for code and name.
    var storedColumn: String? {
        switch self {
        case .procedureCode, .procedureName: return nil
        case .asOf: return "as_of_day"
        default: return rawValue
        }
    }

    static let byMatchKey: [String: ProcedureColumn] = {
        var map: [String: ProcedureColumn] = [:]
        for column in allCases {
            map[TextKey.matchKey(column.rawValue)] = column
            for alias in column.aliases { map[TextKey.matchKey(alias)] = column }
        }
        return map
    }()
}

/// One catalogue row, typed.
public struct CatalogueProcedure: Equatable, Sendable {
    public var code: String
    public var name = ""
    public var field = ""
    public var level = ""
    public var statutoryTime: Int?
    public var timeUnit: TimeUnit?
    public var onlineLevel = ""
    public var hasFee = false
    public var paperResultRequired = false
    public var delegationPlan = false
    public var decisionRequired = false
    public var delegationDecision = ""
    public var internalProcess = false
    public var asOfDay: Int?
}

/// Loads a procedures catalogue into the `procedure` table, one transaction per file, rejecting
/// bad rows to a rejects file (same format and reasons as dossiers).
public struct ProcedureCatalogueIngester {
    private let database: Database
    private let rejectsFolder: String
    /// The sheet of a workbook to read (a name or a number from 1); the first when nil.
    public var sheet: String?

    public init(database: Database, rejectsFolder: String) {
        self.database = database
        self.rejectsFolder = rejectsFolder
    }

    /// Ingests one catalogue file; throws `IngestRefusal` when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        var summary = try InputFile.start(path: path, kind: "procedures", database: database)
        if summary.alreadyIngested { return summary }
        let columns = ProcedureColumn.allCases.map {
            InputFile.Column(name: $0.rawValue, aliases: $0.aliases, required: $0 == .procedureCode)
        }
        var (reader, names, table) = try InputFile.openReference(
            path: path, kind: "procedures", columns: columns, sheet: sheet)
        defer { reader.close() }
        let found = try InputFile.positions(of: columns, in: names)
        var positions: [ProcedureColumn: Int] = [:]
        for (name, index) in found { positions[ProcedureColumn(rawValue: name)!] = index }
        let rejects = try InputFile.rejectsFile(path: path, summary: summary, folder: rejectsFolder, database: database)
        var tally = RejectTally()
        try database.transaction {
            let batch = try BatchRecord.open(
                kind: "procedures", summary: summary, sha256: summary.sha256, bytes: InputFile.size(of: path),
                encoding: .utf8, fingerprint: nil, sourcePath: FilePath.absolute(path), rejectsFile: rejects.name,
                in: database)
            let upsert = try CatalogueTable.Writer(
                batch: batch, updating: Set(positions.keys.compactMap(\.storedColumn)), in: database)
            while try reader.nextRecord() {
                summary.read += 1
                switch parse(reader, positions: positions, names: names) {
                case .failure(let rejection):
                    summary.rejected += 1
                    tally.add(rejection.reason, line: reader.line)
                    try rejects.add(
                        line: reader.line, reason: rejection.reason, column: rejection.column, key: rejection.key)
                case .success(let procedure):
                    summary.accepted += 1
                    let row = CatalogueTable.Row(
                        code: procedure.code, name: procedure.name, field: procedure.field, level: procedure.level,
                        statutoryTime: procedure.statutoryTime, timeUnit: procedure.timeUnit?.rawValue,
                        onlineLevel: procedure.onlineLevel, hasFee: procedure.hasFee,
                        paperResultRequired: procedure.paperResultRequired, delegationPlan: procedure.delegationPlan,
                        decisionRequired: procedure.decisionRequired, delegationDecision: procedure.delegationDecision,
                        internalProcess: procedure.internalProcess, asOfDay: procedure.asOfDay)
                    if try upsert.upsert(row) { summary.replaced += 1 }
                }
            }
            if let refusal = tally.refusal(read: summary.read, accepted: summary.accepted, encoding: .utf8) {
                throw refusal
            }
            if let table { summary.record(table) }
            try BatchRecord.finish(batch, summary, in: database)
            try rejects.commit()  // before the database commit: a kill between them must not lose it
        }
        return summary
    }

    struct Rejection: Error {
        var reason: RejectReason
        var column: String
        var key: String
    }

    private func parse(_ reader: CSVReader, positions: [ProcedureColumn: Int], names: [String]) -> Result<
        CatalogueProcedure, Rejection
    > {
        let code =
            positions[.procedureCode].flatMap {
                $0 < reader.fieldCount && reader.field($0).count <= 256 && UTF8Validation.isValid(reader.field($0))
                    ? TextKey.value(reader.field($0)) : nil
            } ?? ""
        func fail(_ reason: RejectReason, _ column: ProcedureColumn?) -> Result<CatalogueProcedure, Rejection> {
            .failure(
                Rejection(
                    reason: reason, column: column.flatMap { positions[$0] }.map { names[$0] } ?? "",
                    key: reader.containsNUL ? "" : PersonalData.safeKey(code)))
        }
        if reader.isTooLarge { return fail(.recordTooLarge, nil) }
        if reader.containsNUL { return fail(.nulByte, nil) }
        if reader.containsNonASCII && !(0..<reader.fieldCount).allSatisfy({ UTF8Validation.isValid(reader.field($0)) })
        {
            return fail(.invalidUTF8, nil)
        }
        if reader.isUnterminated { return fail(.unterminatedQuote, nil) }
        if reader.fieldCount != names.count { return fail(.fieldCount, nil) }
        if code.isEmpty { return fail(.missingValue, .procedureCode) }
        if PersonalData.contains(code.utf8) { return fail(.personalData, .procedureCode) }
        var procedure = CatalogueProcedure(code: code)
        func text(_ column: ProcedureColumn) -> String {
            positions[column].map { TextKey.value(reader.field($0)) } ?? ""
        }
        // Free text is stored with any personal data masked.
        procedure.name = PersonalData.masked(text(.procedureName))
        procedure.field = PersonalData.masked(text(.field))
        procedure.level = text(.level)
        procedure.onlineLevel = text(.onlineLevel)
        procedure.delegationDecision = PersonalData.masked(text(.delegationDecision))
        let time = text(.statutoryTime)
        if !time.isEmpty {
            guard time.count <= 9, let value = Int(time), value >= 0 else { return fail(.badValue, .statutoryTime) }
            procedure.statutoryTime = value
        }
        let unit = text(.timeUnit)
        if !unit.isEmpty {
            guard let value = TimeUnit(spelling: unit) else { return fail(.badValue, .timeUnit) }
            procedure.timeUnit = value
        }
        // A date typed into the time column (20250301 working days) would send due dates past the
        // calendar: no procedure takes more than ten years.
        if let time = procedure.statutoryTime, time > (procedure.timeUnit ?? .workingDays).maximumAmount {
            return fail(.badValue, .statutoryTime)
        }
        for (column, path) in [
            (ProcedureColumn.hasFee, \CatalogueProcedure.hasFee), (.paperResultRequired, \.paperResultRequired),
            (.delegationPlan, \.delegationPlan), (.decisionRequired, \.decisionRequired),
            (.internalProcess, \.internalProcess),
        ] {
            guard let value = DossierValues.yesNo(text(column)) else { return fail(.badValue, column) }
            procedure[keyPath: path] = value
        }
        let asOf = text(.asOf)
        if !asOf.isEmpty {
            guard let seconds = DateParser.parse(asOf) else { return fail(.badDate, .asOf) }
            procedure.asOfDay = CivilDate.vietnamDay(ofEpochSeconds: seconds)
        }
        return .success(procedure)
    }
}
