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
    }

    /// Accepted dossiers that can count in [`firstDay`, `endDay`): received before its end, not ended before its start.
    public static func forEach766(
        firstDay: Int, endDay: Int, in database: Database, _ body: (Dossier766) throws -> Void
    ) throws {
        try database.prepare(
            """
            SELECT u.code, d.channel, d.status, d.received_day, d.due_day, d.end_day, d.online_payment, d.digitized, d.e_result,
                   d.reused_data, d.supplement_count, d.supplement_days, d.complaint, p.in_catalogue, p.has_fee,
                   p.paper_result_required
            FROM dossier d JOIN unit u ON u.id = d.unit_id JOIN procedure p ON p.id = d.procedure_id
            WHERE d.status <> 6 AND d.received_day < ?2 AND (d.end_day IS NULL OR d.end_day >= ?1)
            """
        ).forEachRow([.int(firstDay), .int(endDay)]) { r in
            try body(
                Dossier766(
                    unitCode: r.text(0), channel: r.int(1), status: r.int(2), receivedDay: r.int(3),
                    dueDay: r.isNull(4) ? nil : r.int(4), endDay: r.isNull(5) ? nil : r.int(5),
                    onlinePayment: r.int(6) == 1, digitized: r.int(7) == 1, eResult: r.int(8) == 1,
                    reusedData: r.int(9) == 1, supplementCount: r.int(10), supplementDays: r.int(11),
                    complaint: r.int(12) == 1, inCatalogue: r.int(13) == 1, hasFee: r.int(14) == 1,
                    paperResultRequired: r.int(15) == 1))
        }
    }

    /// The latest receipt day of an accepted dossier; nil without any.
    public static func latestAcceptedReceiptDay(in database: Database) throws -> Int? {
        try database.scalarInt("SELECT MAX(received_day) FROM dossier WHERE status <> 6").map { Int($0) }
    }

    /// Survey questions: code → (element, kind).
    public static func surveyQuestions(in database: Database) throws -> [String: (element: Int, kind: String)] {
        var questions: [String: (element: Int, kind: String)] = [:]
        try database.prepare("SELECT question_code, element, kind FROM survey_question").forEachRow {
            questions[$0.text(0)] = ($0.int(1), $0.text(2))
        }
        return questions
    }

    /// The answers of `year` (unit code, question code, answer 1–5), skipping empty ones.
    public static func forEachSurveyAnswer(
        year: Int, in database: Database, _ body: (String, String, Int) throws -> Void
    ) throws {
        try database.prepare(
            "SELECT unit_code, question_code, answer FROM survey_answer WHERE year = ? AND answer IS NOT NULL"
        ).forEachRow([.int(year)]) { try body($0.text(0), $0.text(1), $0.int(2)) }
    }

    /// PAR points of `year`: unit code → field → (points, maximum), in ten-thousandths.
    public static func parPoints(year: Int, in database: Database) throws -> [String: [Int: (Int, Int)]] {
        var result: [String: [Int: (Int, Int)]] = [:]
        try database.prepare(
            """
            SELECT unit_code, field, SUM(appraised_points + survey_points), SUM(max_points) FROM par_score
            WHERE year = ? GROUP BY 1, 2
            """
        ).forEachRow([.int(year)]) { result[$0.text(0), default: [:]][$0.int(1)] = ($0.int(2), $0.int(3)) }
        return result
    }
}
