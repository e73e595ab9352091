import FoundationEssentials
import ReformModel
import ReformStore
import ReformSupport

/// The yearly index inputs besides dossiers and the catalogue (docs/contract.md §5):
///
/// - `survey.csv`: respondent_id, unit_code, year, question_code, answer (1–5 or empty: no answer)
/// - `questions.csv`: question_code, element (1–5), kind (satisfaction | perception | expectation), text
/// - `par_scores.csv`: year, unit_code, field (1–8, or 9: signed bonus and penalty points outside the
///   maximum), criterion, max_points, appraised_points, survey_points, and optionally the unit's `group`
///
/// Each file is one transaction; rows are upserted by their key (a later file wins); bad rows go to
/// the rejects file with the reasons of docs/contract.md §7 (`bad_value` for an answer outside 1–5, points
/// above the maximum, negative outside field 9, or a maximum on field 9).
public struct IndexInputIngester {
    /// Which file this is.
    public enum Kind: String, Sendable, CaseIterable {
        case survey, questions
        case parScores = "par-scores"
    }

    typealias Column = InputFile.Column

    static func columns(_ kind: Kind) -> [Column] {
        switch kind {
        case .survey:
            return [
                Column(name: "respondent_id", aliases: ["Mã phiếu", "Số phiếu"], required: true),
                Column(name: "unit_code", aliases: ["Mã đơn vị"], required: true),
                Column(name: "year", aliases: ["Năm"], required: true),
                Column(name: "question_code", aliases: ["Mã câu hỏi"], required: true),
                Column(name: "answer", aliases: ["Trả lời", "Điểm"], required: false),
            ]
        case .questions:
            return [
                Column(name: "question_code", aliases: ["Mã câu hỏi"], required: true),
                Column(name: "element", aliases: ["Yếu tố"], required: true),
                Column(name: "kind", aliases: ["Loại câu hỏi"], required: true),
                Column(name: "text", aliases: ["Nội dung"], required: false, isText: true),
            ]
        case .parScores:
            return [
                Column(name: "year", aliases: ["Năm"], required: true),
                Column(name: "unit_code", aliases: ["Mã đơn vị"], required: true),
                Column(name: "field", aliases: ["Lĩnh vực"], required: true),
                Column(name: "criterion", aliases: ["Tiêu chí"], required: true),
                // Empty on field 9 (bonus and penalty points have no maximum), required on the others.
                Column(name: "max_points", aliases: ["Điểm tối đa"], required: true, mayBeEmpty: true),
                Column(name: "appraised_points", aliases: ["Điểm thẩm định"], required: false),
                Column(
                    name: "survey_points", aliases: ["Điểm điều tra XHH", "Điểm điều tra xã hội học"], required: false),
                Column(name: "group", aliases: ["Nhóm", "Khối", "Nhóm xếp hạng"], required: false, isText: true),
            ]
        }
    }

    private let database: Database
    private let rejectsFolder: String
    private let kind: Kind
    /// The sheet of a workbook to read (a name or a number from 1); the first when nil.
    public var sheet: String?

    public init(database: Database, rejectsFolder: String, kind: Kind) {
        self.database = database
        self.rejectsFolder = rejectsFolder
        self.kind = kind
    }

    /// Ingests one file; throws `IngestRefusal` when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        let kind = kind, database = database
        return try InputFile.ingestReference(
            path: path, kind: kind.rawValue, columns: Self.columns(kind), database: database,
            rejectsFolder: rejectsFolder, sheet: sheet,
            key: { value in
                [value("unit_code"), value("respondent_id"), value("question_code"), value("criterion")]
                    .filter { !$0.isEmpty }.joined(separator: "/")
            },
            prepare: {
                switch kind {
                case .survey: return try ReferenceTable.surveyAnswers.prepareInsert(in: database)
                case .questions: return try ReferenceTable.surveyQuestions.prepareInsert(in: database)
                case .parScores: return try ReferenceTable.parScores.prepareInsert(in: database)
                }
            },
            row: { value, _ in Self.values(kind, value) })
    }

    /// The values of one record of `kind`, or why it is refused.
    static func values(_ kind: Kind, _ value: (String) -> String) -> InputFile.ReferenceRow {
        switch kind {
        case .survey:
            let answer = value("answer")
            guard let year = Int(value("year")), (1990...9999).contains(year) else {
                return .reject(.badValue, column: "year")
            }
            if !answer.isEmpty && !["1", "2", "3", "4", "5"].contains(answer) {
                return .reject(.badValue, column: "answer")
            }
            return .store([
                .int(year), .text(value("unit_code")), .text(value("respondent_id")), .text(value("question_code")),
                answer.isEmpty ? .null : .int(Int(answer)!),
            ])
        case .questions:
            guard let element = Int(value("element")), (1...5).contains(element) else {
                return .reject(.badValue, column: "element")
            }
            let kindText = TextKey.matchKey(value("kind"))
            guard ["satisfaction", "perception", "expectation"].contains(kindText) else {
                return .reject(.badValue, column: "kind")
            }
            return .store([.text(value("question_code")), .int(element), .text(kindText), .text(value("text"))])
        case .parScores:
            guard let year = Int(value("year")), (1990...9999).contains(year) else {
                return .reject(.badValue, column: "year")
            }
            guard let field = Int(value("field")), (1...PARRow.bonusField).contains(field) else {
                return .reject(.badValue, column: "field")
            }
            // Field 9 holds signed bonus and penalty points outside the maximum (Hà Nội's scheme of
            // 2025): its maximum is 0 or empty, and only there may points be negative.
            let isBonus = field == PARRow.bonusField
            if !isBonus && value("max_points").isEmpty { return .reject(.missingValue, column: "max_points") }
            var points: [Int] = []
            for name in ["max_points", "appraised_points", "survey_points"] {
                let signed = isBonus && name != "max_points"
                guard let parsed = signed ? Points.parseSigned(value(name)) : Points.parse(value(name)) else {
                    return .reject(.badValue, column: name)
                }
                points.append(parsed)
            }
            if isBonus && points[0] != 0 { return .reject(.badValue, column: "max_points") }
            if !isBonus && points[1] + points[2] > points[0] { return .reject(.badValue, column: "appraised_points") }
            return .store(
                [.int(year), .text(value("unit_code")), .int(field), .text(value("criterion"))]
                    + points.map { SQLValue.int($0) } + [.text(value("group"))])
        }
    }
}
