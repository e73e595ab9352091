import ReformModel

/// What the yearly indices read: dossiers with their Decision 766 flags, survey answers and PAR
/// scores.
public enum IndexQueries {
    /// A dossier with the columns Decision 766 scores, and its procedure's catalogue flags.
    public struct Dossier766: Sendable {
        public var unitCode: String
        public var channel: Int
        public var status: Int
        public var receivedDay: Int
        public var dueDay: Int?
        public var endDay: Int?
        public var onlinePayment: Bool
        public var digitized: Bool
        public var eResult: Bool
        public var reusedData: Bool
        public var supplementCount: Int
        public var supplementDays: Int
        public var complaint: Bool
        public var inCatalogue: Bool
        public var hasFee: Bool
        public var paperResultRequired: Bool
        /// `OnlineMode.rawValue` of the dossier.
        public var onlineMode: Int
        /// The appointment after an extension, if any.
        public var extendedDueDay: Int?
        /// The procedure (`fullyOnlineProcedures` says which offer full online service).
        public var procedureID: Int64
    }

    /// The procedures whose catalogue level is full online service (`online_level` spelled as a
    /// fully online mode, docs/contract.md §5): read once, not per dossier.
    public static func fullyOnlineProcedures(in database: Database) throws -> Set<Int64> {
        var ids = Set<Int64>()
        try database.prepare("SELECT id, online_level FROM procedure WHERE in_catalogue = 1").forEachRow { row in
            if DossierValues.onlineMode(row.text("online_level")) == .full { ids.insert(row.int64("id")) }
        }
        return ids
    }

    /// Accepted dossiers that can count in [`firstDay`, `endDay`): received before its end, not ended before its start.
    public static func forEach766(
        firstDay: Int, endDay: Int, in database: Database, _ body: (Dossier766) throws -> Void
    ) throws {
        let statement = try database.prepare(
            """
            SELECT u.code AS unit_code, d.channel AS channel, d.status AS status, d.received_day AS received_day,
                   d.due_day AS due_day, d.end_day AS end_day, d.online_payment AS online_payment,
                   d.digitized AS digitized, d.e_result AS e_result, d.reused_data AS reused_data,
                   d.supplement_count AS supplement_count, d.supplement_days AS supplement_days,
                   d.complaint AS complaint, p.in_catalogue AS in_catalogue, p.has_fee AS has_fee,
                   p.paper_result_required AS paper_result_required, d.online_mode AS online_mode,
                   d.extended_due_day AS extended_due_day, d.procedure_id AS procedure_id
            FROM dossier d JOIN unit u ON u.id = d.unit_id JOIN procedure p ON p.id = d.procedure_id
            WHERE d.status <> \(LifecycleClass.notAccepted.rawValue) AND d.received_day < ?2 AND (d.end_day IS NULL OR d.end_day >= ?1)
            """)
        let unit = statement.column("unit_code"), channel = statement.column("channel")
        let status = statement.column("status"), received = statement.column("received_day")
        let due = statement.column("due_day"), end = statement.column("end_day")
        let payment = statement.column("online_payment"), digitized = statement.column("digitized")
        let eResult = statement.column("e_result"), reused = statement.column("reused_data")
        let supplements = statement.column("supplement_count"), supplementDays = statement.column("supplement_days")
        let complaint = statement.column("complaint"), inCatalogue = statement.column("in_catalogue")
        let fee = statement.column("has_fee"), paper = statement.column("paper_result_required")
        let onlineMode = statement.column("online_mode"), extendedDue = statement.column("extended_due_day")
        let procedure = statement.column("procedure_id")
        try statement.forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                Dossier766(
                    unitCode: r.text(unit), channel: r.int(channel), status: r.int(status),
                    receivedDay: r.int(received), dueDay: r.optionalInt(due), endDay: r.optionalInt(end),
                    onlinePayment: r.int(payment) == 1, digitized: r.int(digitized) == 1, eResult: r.int(eResult) == 1,
                    reusedData: r.int(reused) == 1, supplementCount: r.int(supplements),
                    supplementDays: r.int(supplementDays), complaint: r.int(complaint) == 1,
                    inCatalogue: r.int(inCatalogue) == 1, hasFee: r.int(fee) == 1,
                    paperResultRequired: r.int(paper) == 1, onlineMode: r.int(onlineMode),
                    extendedDueDay: r.optionalInt(extendedDue), procedureID: r.int64(procedure)))
        }
    }

    /// The latest receipt day of an accepted dossier; nil without any.
    public static func latestAcceptedReceiptDay(in database: Database) throws -> Int? {
        try database.scalarInt(
            "SELECT MAX(received_day) FROM dossier WHERE status <> \(LifecycleClass.notAccepted.rawValue)"
        ).map { Int($0) }
    }

    /// Survey questions: code → (element, kind).
    public static func surveyQuestions(in database: Database) throws -> [String: (element: Int, kind: String)] {
        var questions: [String: (element: Int, kind: String)] = [:]
        try database.prepare("SELECT question_code, element, kind FROM survey_question").forEachRow {
            questions[$0.text("question_code")] = ($0.int("element"), $0.text("kind"))
        }
        return questions
    }

    /// The answers of `year` (unit code, question code, answer 1–5), skipping empty ones.
    public static func forEachSurveyAnswer(
        year: Int, in database: Database, _ body: (String, String, Int) throws -> Void
    ) throws {
        try database.prepare(
            "SELECT unit_code, question_code, answer FROM survey_answer WHERE year = ? AND answer IS NOT NULL"
        ).forEachRow([.int(year)]) { try body($0.text("unit_code"), $0.text("question_code"), $0.int("answer")) }
    }

    /// PAR points of `year`: unit code → field → (points, maximum), in ten-thousandths.
    public static func parPoints(year: Int, in database: Database) throws -> [String: [Int: (Int, Int)]] {
        var result: [String: [Int: (Int, Int)]] = [:]
        try database.prepare(
            """
            SELECT unit_code, field, SUM(appraised_points + survey_points) AS points, SUM(max_points) AS max_points
            FROM par_score WHERE year = ? GROUP BY 1, 2
            """
        ).forEachRow([.int(year)]) {
            result[$0.text("unit_code"), default: [:]][$0.int("field")] = ($0.int("points"), $0.int("max_points"))
        }
        return result
    }

    /// A unit's Decision 766 scores as the portal published them, in ten-thousandths of a point.
    public struct PublishedScores: Sendable {
        public var period: String
        public var scope: String
        public var unitCode: String
        public var unitName: String
        /// The six groups in `Decision766Group` order.
        public var groups: [Int]
        public var total: Int
        public var portalOrder: Int?
    }

    /// The published scores of `year` and of its quarters and months, in no particular order.
    public static func publishedScores(year: Int, in database: Database) throws -> [PublishedScores] {
        var result: [PublishedScores] = []
        let y = String(year)
        try database.prepare(
            """
            SELECT period, scope, unit_code, unit_name, transparency, progress, online_service, online_payment,
                satisfaction, digitisation, total, portal_order
            FROM published766 WHERE period = ? OR substr(period, 1, 5) = ?
            """
        ).forEachRow([.text(y), .text(y + "-")]) { row in
            result.append(
                PublishedScores(
                    period: row.text("period"), scope: row.text("scope"), unitCode: row.text("unit_code"),
                    unitName: row.text("unit_name"),
                    groups: Decision766Group.allCases.map { row.int($0.rawValue) }, total: row.int("total"),
                    portalOrder: row.optionalInt("portal_order")))
        }
        return result
    }

    /// The group each unit's PAR scores of `year` state (the first in byte order when its rows differ);
    /// units whose rows state none are absent.
    public static func parGroups(year: Int, in database: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        try database.prepare(
            "SELECT unit_code, MIN(unit_group) AS unit_group FROM par_score WHERE year = ? AND unit_group <> '' GROUP BY 1"
        ).forEachRow([.int(year)]) { result[$0.text("unit_code")] = $0.text("unit_group") }
        return result
    }
}
