/// A row of `index766_published.csv` (docs/contract.md §7.1): one Decision 766 group score of a unit
/// as the national portal published it for a period, or the unit's `total` with its rank recomputed
/// within the period and scope — and, when the project computes the unit too, its own score beside
/// it with the difference.
public struct Published766Row: ResultRow {
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    public var period = ""
    /// `province`, `department` or `commune` (the portal's LOAI_COQUAN 1, 2, 3).
    public var scope = ""
    /// The portal's code of the unit (MA_COQUAN), as written.
    public var unitCode = ""
    public var unitName = ""
    /// A `Decision766Group` raw value, or `total`.
    public var measure = ""
    /// The published score, in ten-thousandths of a point.
    public var published = 0
    /// The group's maximum (100 points for the total), in ten-thousandths.
    public var maxPoints = 0
    /// The project's own unit the published one was matched to (by code, else by name).
    public var ownUnitCode: String?
    /// The project's score of its criteria in the group (its 766 total for `total`), in hundredths;
    /// absent when the unit is not matched or none of the group's criteria could be scored.
    public var ownScore: Int?
    /// Published minus own, in ten-thousandths; absent without an own score.
    public var difference: Int?
    /// Competition rank of the published total within the period and scope (total only).
    public var rank: Int?
    /// The portal's own order of the row (ROW_STT), as published (total only).
    public var portalOrder: Int?

    public init() {}

    /// True for the unit's total row.
    public var isTotal: Bool { measure == "total" }

    public static var output: String { "index766_published.csv" }
    public static var grain: [String] { ["period", "scope", "unit_code", "measure"] }
    public static var fields: [ResultField<Self>] {
        [
            .text("period", \.period), .text("scope", \.scope), .text("unit_code", \.unitCode),
            .text("unit_name", \.unitName), .text("measure", \.measure),
            .integer("published", \.published, .tenThousandths),
            .integer("max_points", \.maxPoints, .tenThousandths), .optionalText("own_unit_code", \.ownUnitCode),
            .optionalInteger("own_score", \.ownScore, .hundredths),
            .optionalInteger("difference", \.difference, .tenThousandths), .optionalInteger("rank", \.rank),
            .optionalInteger("portal_order", \.portalOrder),
        ]
    }
}
