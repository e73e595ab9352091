/// A row of `sipas_expectations.csv` (docs/contract.md §5, §7.1): one expectation question of a unit,
/// reported apart from the index.
public struct SIPASExpectationRow: ResultRow {
    public var year = 0
    public var unitCode = ""
    public var unitName = ""
    /// The element the question belongs to (`0` when the question list does not say).
    public var element = ""
    public var questionCode = ""
    public var answers = 0
    /// Answers of 4 or 5.
    public var high = 0
    /// `high / answers` in hundredths of a percent.
    public var share: Int?

    public init() {}

    public init(
        year: Int, unitCode: String, unitName: String, element: String, questionCode: String, answers: Int, high: Int,
        share: Int?
    ) {
        (self.year, self.unitCode, self.unitName, self.element, self.questionCode) = (
            year, unitCode, unitName, element, questionCode
        )
        (self.answers, self.high, self.share) = (answers, high, share)
    }

    public static var output: String { "sipas_expectations.csv" }
    public static var grain: [String] { ["year", "unit_code", "question_code"] }
    public static var fields: [ResultField<Self>] {
        [
            .integer("year", \.year, .year), .text("unit_code", \.unitCode), .text("unit_name", \.unitName),
            .text("element", \.element), .text("question_code", \.questionCode), .integer("answers", \.answers),
            .integer("high", \.high), .optionalInteger("share", \.share, .hundredths),
        ]
    }
}
