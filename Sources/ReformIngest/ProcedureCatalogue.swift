import ReformCalendar
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

    public init(database: Database, rejectsFolder: String) {
        self.database = database
        self.rejectsFolder = rejectsFolder
    }

    /// Ingests one catalogue file; throws `IngestRefusal` when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        var summary = try InputFile.start(path: path, kind: "procedures", database: database)
        if summary.alreadyIngested { return summary }
        var reader = try CSVReader(path: path, delimiter: .detect)
        defer { reader.close() }
        let names = try InputFile.header(&reader)
        try InputFile.refuseDossierExport(names, kind: "procedures")
        let columns = ProcedureColumn.allCases.map {
            InputFile.Column(name: $0.rawValue, aliases: $0.aliases, required: $0 == .procedureCode)
        }
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
            let select = try database.prepare("SELECT id FROM procedure WHERE code = ?")
            let upsert = try database.prepare(Self.upsertSQL(present: Set(positions.keys)))
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
                    if try select.forFirstRow([.text(procedure.code)]) != nil { summary.replaced += 1 }
                    try upsert.run([
                        .text(procedure.code), .text(procedure.name), .text(procedure.field), .text(procedure.level),
                        .int(procedure.statutoryTime.map(Int64.init)), .text(procedure.timeUnit?.rawValue),
                        .text(procedure.onlineLevel), .int(procedure.hasFee ? 1 : 0),
                        .int(procedure.paperResultRequired ? 1 : 0),
                        .int(procedure.delegationPlan ? 1 : 0), .int(procedure.decisionRequired ? 1 : 0),
                        .text(procedure.delegationDecision), .int(procedure.internalProcess ? 1 : 0),
                        .int(procedure.asOfDay.map(Int64.init)), .int(batch),
                    ])
                }
            }
            if let refusal = tally.refusal(read: summary.read, accepted: summary.accepted, encoding: .utf8) {
                throw refusal
            }
            try BatchRecord.finish(batch, summary, in: database)
            try rejects.commit()  // before the database commit: a kill between them must not lose it
        }
        return summary
    }

    /// The catalogue upsert. A column the file does not have leaves the stored value alone: a
    /// catalogue without statutory times must not erase the ones an earlier catalogue gave.
    static func upsertSQL(present: Set<ProcedureColumn>) -> String {
        // Stored columns, with the parameter each is bound to and the file column that carries it.
        let updates: [(column: String, parameter: Int, source: ProcedureColumn)] = [
            ("field", 3, .field), ("level", 4, .level), ("statutory_time", 5, .statutoryTime),
            ("time_unit", 6, .timeUnit), ("online_level", 7, .onlineLevel), ("has_fee", 8, .hasFee),
            ("paper_result_required", 9, .paperResultRequired), ("delegation_plan", 10, .delegationPlan),
            ("decision_required", 11, .decisionRequired), ("delegation_decision", 12, .delegationDecision),
            ("internal_process", 13, .internalProcess), ("as_of_day", 14, .asOf),
        ]
        let set = updates.filter { present.contains($0.source) }.map { "\($0.column) = ?\($0.parameter)" }
        return """
            INSERT INTO procedure(code, name, in_catalogue, field, level, statutory_time, time_unit, online_level, has_fee,
                paper_result_required, delegation_plan, decision_required, delegation_decision, internal_process,
                as_of_day, catalogue_batch)
            VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            ON CONFLICT(code) DO UPDATE SET name = CASE WHEN ?2 = '' THEN name ELSE ?2 END, in_catalogue = 1,
            """ + (set + ["catalogue_batch = ?15"]).joined(separator: ", ")
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
