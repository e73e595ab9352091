/// A row of `sipas_by_unit.csv` (docs/contract.md §5, §7.1): one SIPAS element of a unit, or its `overall`.
public struct SIPASRow: ResultRow {
    public var year = 0
    public var unitCode = ""
    public var unitName = ""
    /// `1` … `5`, or `overall`.
    public var element = ""
    /// Valid answers to the element's satisfaction questions.
    public var answers = 0
    /// Answers of 4 or 5.
    public var satisfied = 0
    /// The satisfied share in hundredths of a percent (overall: the mean of the five elements);
    /// absent when there is no answer (overall: when an element has none).
    public var index: Int?
    /// The 95% Wilson interval in hundredths of a percent; absent on `overall` and without answers.
    public var ciLow: Int?
    public var ciHigh: Int?
    /// Competition rank of the overall index within the unit's `group` (overall only).
    public var rank: Int?
    /// The group the unit is ranked within (docs/contract.md §7.1), on every row of the unit.
    public var group = ""

    public init() {}

    public init(
        year: Int, unitCode: String, unitName: String, element: String, answers: Int, satisfied: Int, index: Int?,
        ciLow: Int?, ciHigh: Int?
    ) {
        (self.year, self.unitCode, self.unitName, self.element) = (year, unitCode, unitName, element)
        (self.answers, self.satisfied, self.index, self.ciLow, self.ciHigh) = (
            answers, satisfied, index, ciLow, ciHigh
        )
    }

    /// True for the unit's `overall` row.
    public var isOverall: Bool { element == "overall" }

    public static var output: String { "sipas_by_unit.csv" }
    public static var grain: [String] { ["year", "unit_code", "element"] }
    public static var fields: [ResultField<Self>] {
        [
            .integer("year", \.year, .year), .text("unit_code", \.unitCode), .text("unit_name", \.unitName),
            .text("element", \.element), .integer("answers", \.answers), .integer("satisfied", \.satisfied),
            .optionalInteger("index", \.index, .hundredths), .optionalInteger("ci_low", \.ciLow, .hundredths),
            .optionalInteger("ci_high", \.ciHigh, .hundredths), .optionalInteger("rank", \.rank),
            .text("group", \.group),
        ]
    }
}
