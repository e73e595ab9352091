/// A row of `index766_by_unit.csv` (docs/contract.md §5, §7.1): one Decision 766 criterion of a unit in a
/// period (the year or one of its months), or the unit's `total` with its rank in that period.
public struct Index766Row: ResultRow {
    /// `YYYY` for the year, `YYYY-MM` for a month of it.
    public var period = ""
    public var unitCode = ""
    public var unitName = ""
    /// The criterion code (`2.1`, `3.3`, …) or `total`.
    public var criterion = ""
    /// Absent for 5.4 (a combined ratio) and for the total.
    public var numerator: Int?
    public var denominator: Int?
    /// The ratio in hundredths of a percent; absent when the denominator is 0.
    public var ratio: Int?
    /// The criterion's maximum points, or the sum of those scored for the total, in hundredths.
    public var maxPoints = 0
    /// Points in hundredths; absent when the criterion cannot be scored (nothing to count).
    public var score: Int?
    /// Competition rank of the total within the period among the units of the same `group`; absent
    /// on criterion rows.
    public var rank: Int?
    /// The group the unit is ranked within (docs/contract.md §7.1), on every row of the unit.
    public var group = ""

    public init() {}

    public init(
        period: String, unitCode: String, unitName: String, criterion: String, numerator: Int?, denominator: Int?,
        ratio: Int?, maxPoints: Int, score: Int?, rank: Int?
    ) {
        (self.period, self.unitCode, self.unitName, self.criterion) = (period, unitCode, unitName, criterion)
        (self.numerator, self.denominator, self.ratio) = (numerator, denominator, ratio)
        (self.maxPoints, self.score, self.rank) = (maxPoints, score, rank)
    }

    /// True for the unit's total row.
    public var isTotal: Bool { criterion == "total" }

    public static var output: String { "index766_by_unit.csv" }
    public static var grain: [String] { ["period", "unit_code", "criterion"] }
    public static var fields: [ResultField<Self>] {
        [
            .text("period", \.period), .text("unit_code", \.unitCode), .text("unit_name", \.unitName),
            .text("criterion", \.criterion), .optionalInteger("numerator", \.numerator),
            .optionalInteger("denominator", \.denominator), .optionalInteger("ratio", \.ratio, .hundredths),
            .integer("max_points", \.maxPoints, .hundredths), .optionalInteger("score", \.score, .hundredths),
            .optionalInteger("rank", \.rank), .text("group", \.group),
        ]
    }
}
