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
        var summary = try InputFile.start(path: path, database: database)
        if summary.alreadyIngested { return summary }
        let fileName = summary.fileName, sha256 = summary.sha256
        var reader = try CSVReader(path: path, delimiter: .detect)
        defer { reader.close() }
        let names = try InputFile.header(&reader)
        let columns = ProcedureColumn.allCases.map {
            InputFile.Column(name: $0.rawValue, aliases: $0.aliases, required: $0 == .procedureCode)
        }
        let found = try InputFile.positions(of: columns, in: names)
        var positions: [ProcedureColumn: Int] = [:]
        for (name, index) in found { positions[ProcedureColumn(rawValue: name)!] = index }
        let rejects = try RejectsFile(folder: rejectsFolder, fileName: fileName)
        try database.transaction {
            try database.prepare(
                "INSERT INTO batch(kind, file_name, sha256, bytes, ingested_at) VALUES ('procedures', ?, ?, 0, ?)"
            ).run([.text(fileName), .text(sha256), .text(DossierIngester.timestamp())])
            let batch = database.lastInsertRowID
            let select = try database.prepare("SELECT id FROM procedure WHERE code = ?")
            let upsert = try database.prepare(
                """
                INSERT INTO procedure(code, name, in_catalogue, field, level, statutory_time, time_unit, online_level, has_fee,
                    paper_result_required, delegation_plan, decision_required, delegation_decision, internal_process,
                    as_of_day, catalogue_batch)
                VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                ON CONFLICT(code) DO UPDATE SET name = CASE WHEN ?2 = '' THEN name ELSE ?2 END, in_catalogue = 1,
                    field = ?3, level = ?4, statutory_time = ?5, time_unit = ?6, online_level = ?7, has_fee = ?8,
                    paper_result_required = ?9, delegation_plan = ?10, decision_required = ?11,
                    delegation_decision = ?12, internal_process = ?13, as_of_day = ?14, catalogue_batch = ?15
                """)
            while try reader.nextRecord() {
                summary.read += 1
                switch parse(reader, positions: positions, names: names) {
                case .failure(let rejection):
                    summary.rejected += 1
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
            try database.prepare(
                "UPDATE batch SET records_read = ?, accepted = ?, rejected = ?, replaced = ? WHERE id = ?"
            ).run([
                .int(summary.read), .int(summary.accepted), .int(summary.rejected), .int(summary.replaced), .int(batch),
            ])
            try rejects.flush()
        }
        try rejects.commit()
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
                $0 < reader.fieldCount && UTF8Validation.isValid(reader.field($0))
                    ? TextKey.value(reader.field($0)) : nil
            } ?? ""
        func fail(_ reason: RejectReason, _ column: ProcedureColumn?) -> Result<CatalogueProcedure, Rejection> {
            .failure(
                Rejection(reason: reason, column: column.flatMap { positions[$0] }.map { names[$0] } ?? "", key: code))
        }
        if reader.containsNUL { return fail(.nulByte, nil) }
        if reader.containsNonASCII && !(0..<reader.fieldCount).allSatisfy({ UTF8Validation.isValid(reader.field($0)) })
        {
            return fail(.invalidUTF8, nil)
        }
        if reader.isUnterminated { return fail(.unterminatedQuote, nil) }
        if reader.fieldCount != names.count { return fail(.fieldCount, nil) }
        if code.isEmpty { return fail(.missingValue, .procedureCode) }
        var procedure = CatalogueProcedure(code: code)
        func text(_ column: ProcedureColumn) -> String {
            positions[column].map { TextKey.value(reader.field($0)) } ?? ""
        }
        procedure.name = text(.procedureName)
        procedure.field = text(.field)
        procedure.level = text(.level)
        procedure.onlineLevel = text(.onlineLevel)
        procedure.delegationDecision = text(.delegationDecision)
        let time = text(.statutoryTime)
        if !time.isEmpty {
            guard let value = Int(time), value >= 0 else { return fail(.badValue, .statutoryTime) }
            procedure.statutoryTime = value
        }
        let unit = text(.timeUnit)
        if !unit.isEmpty {
            guard let value = TimeUnit(spelling: unit) else { return fail(.badValue, .timeUnit) }
            procedure.timeUnit = value
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
