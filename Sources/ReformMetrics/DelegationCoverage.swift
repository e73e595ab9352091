import ReformModel
import ReformStore
import ReformSupport

/// Delegation coverage of the procedures catalogue (docs/contract.md §5), each rate with its numerator,
/// denominator and as-of date, and whether a published figure agrees with it.
public enum DelegationCoverage {
    /// The measures, in output order.
    public static let measures = ["plan_coverage", "decision_rate", "internal_process_rate"]

    static func rows(database: Database, published: [String: String]) throws -> [DelegationRow] {
        var rows: [DelegationRow] = []
        if let counts = try CatalogueTable.delegationCounts(in: database) {
            let asOf = counts.asOfDay.map(CivilDate.isoString) ?? ""
            for (measure, (numerator, denominator)) in zip(measures, counts.pairs) {
                let written = published[measure]
                rows.append(
                    DelegationRow(
                        asOf: asOf, measure: measure, numerator: numerator, denominator: denominator,
                        rate: Percentage.hundredths(numerator, denominator), publishedRate: written,
                        agrees: written.map { Self.agrees($0, numerator, denominator) }))
            }
        }
        return rows
    }

    /// True when the rate numerator/denominator, rounded half-up to as many decimals as `published`
    /// is written with, equals it ("94" agrees with 93.98; "81.6" with 81.64; "94" not with 81.64).
    public static func agrees(_ published: String, _ numerator: Int, _ denominator: Int) -> Bool {
        guard denominator > 0 else { return false }
        let text = published.replacing(",", with: ".").replacing("%", with: "")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0 else { return false }
        let decimals = parts.count == 2 ? parts[1].count : 0
        guard decimals <= 6, decimals == 0 || Int(parts[1]) != nil else { return false }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let writtenValue = whole * scale + (decimals > 0 ? Int(parts[1])! : 0)
        // The rate in units of 10^-decimals percent, half-up: (2·100·scale·num + den) / (2·den).
        let computed = (2 * 100 * scale * numerator + denominator) / (2 * denominator)
        return computed == writtenValue
    }
}
