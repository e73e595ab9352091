/// A row of `delegation_coverage.csv` (docs/contract.md §5, §7.1): one coverage measure of the procedures
/// catalogue, with the published figure it is checked against.
public struct DelegationRow: ResultRow {
    /// The catalogue's as-of date (`YYYY-MM-DD`), empty when the catalogue does not give one.
    public var asOf = ""
    /// `plan_coverage`, `decision_rate` or `internal_process_rate`.
    public var measure = ""
    public var numerator = 0
    public var denominator = 0
    /// In hundredths of a percent; absent when the denominator is 0.
    public var rate: Int?
    /// The published figure exactly as the definition gives it.
    public var publishedRate: String?
    /// Whether the published figure equals the rate at its own precision; absent without one.
    public var agrees: Bool?

    public init() {}

    public init(
        asOf: String, measure: String, numerator: Int, denominator: Int, rate: Int?, publishedRate: String?,
        agrees: Bool?
    ) {
        (self.asOf, self.measure, self.numerator, self.denominator) = (asOf, measure, numerator, denominator)
        (self.rate, self.publishedRate, self.agrees) = (rate, publishedRate, agrees)
    }

    public static var output: String { "delegation_coverage.csv" }
    public static var grain: [String] { ["measure"] }
    public static var fields: [ResultField<Self>] {
        [
            .text("as_of", \.asOf), .text("measure", \.measure), .integer("numerator", \.numerator),
            .integer("denominator", \.denominator), .optionalInteger("rate", \.rate, .hundredths),
            .optionalText("published_rate", \.publishedRate), .optionalFlag("agrees", \.agrees),
        ]
    }
}
