import ReformSupport

/// A row of `par_index.csv` (docs/contract.md §5, §7.1): one field of a unit's PAR INDEX, or its `total`
/// with the index, rank, class and change against the previous year.
public struct PARRow: ResultRow {
    public var year = 0
    public var unitCode = ""
    public var unitName = ""
    /// The field number (`1` … `8`, `9` for bonus and penalty points) or `total`.
    public var field = ""
    /// Appraised plus survey points, in ten-thousandths.
    public var points = 0
    /// The points possible, in ten-thousandths.
    public var maxPoints = 0
    /// A field's points over its maximum, in hundredths of a percent; absent on the total.
    public var subIndex: Int?
    /// The unit's index in hundredths of a percent (total only).
    public var index: Int?
    /// Competition rank by index within the unit's `group` (total only).
    public var rank: Int?
    /// The class the index falls in (total only).
    public var grade: String?
    /// Index minus last year's index, in hundredths of a percentage point (total only, when both exist).
    public var changePP: Int?
    /// The group the unit is ranked within (docs/contract.md §7.1), on every row of the unit.
    public var group = ""

    public init() {}

    public init(
        year: Int, unitCode: String, unitName: String, field: String, points: Int, maxPoints: Int, subIndex: Int?,
        index: Int?, rank: Int?, grade: String?, changePP: Int?
    ) {
        (self.year, self.unitCode, self.unitName, self.field) = (year, unitCode, unitName, field)
        (self.points, self.maxPoints, self.subIndex) = (points, maxPoints, subIndex)
        (self.index, self.rank, self.grade, self.changePP) = (index, rank, grade, changePP)
    }

    /// The field of bonus and penalty points: signed, added to the points, outside the maximum.
    public static let bonusField = 9

    /// True for the unit's total row.
    public var isTotal: Bool { field == "total" }

    public static var output: String { "par_index.csv" }
    public static var grain: [String] { ["year", "unit_code", "field"] }
    public static var fields: [ResultField<Self>] {
        [
            .integer("year", \.year, .year), .text("unit_code", \.unitCode), .text("unit_name", \.unitName),
            .text("field", \.field), .integer("points", \.points, .tenThousandths),
            .integer("max_points", \.maxPoints, .tenThousandths),
            .optionalInteger("sub_index", \.subIndex, .hundredths),
            .optionalInteger("index", \.index, .hundredths), .optionalInteger("rank", \.rank),
            .optionalText("class", \.grade), .optionalInteger("change_pp", \.changePP, .hundredths),
            .text("group", \.group),
        ]
    }
}
