import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Delegation coverage of the procedures catalogue (docs/contract.md §5), each rate with its numerator,
/// denominator and as-of date, and whether a published figure agrees with it.
public enum DelegationCoverage {
    /// The measures, in output order.
    public static let measures = ["plan_coverage", "decision_rate", "internal_process_rate"]

    static func rows(database: Database, published: [String: String]) throws -> [[String]] {
        let sql = """
            SELECT SUM(delegation_plan = 1), COUNT(*),
                   SUM(decision_required = 1 AND delegation_decision <> ''), SUM(decision_required = 1),
                   SUM(delegation_decision <> '' AND internal_process = 1), SUM(delegation_decision <> ''),
                   MAX(as_of_day)
            FROM procedure WHERE in_catalogue = 1
            """
        var rows: [[String]] = []
        try database.prepare(sql).forEachRow { r in
            guard r.int(1) > 0 else { return }
            let asOf = r.isNull(6) ? "" : CivilDate.isoString(r.int(6))
            for (index, measure) in measures.enumerated() {
                let numerator = r.int(Int32(2 * index)), denominator = r.int(Int32(2 * index + 1))
                let written = published[measure]
                var agrees = ""
                if let written { agrees = Self.agrees(written, numerator, denominator) ? "yes" : "no" }
                rows.append([
                    asOf, measure, String(numerator), String(denominator),
                    Percentage.text(numerator, denominator) ?? "",
                    written ?? "", agrees,
                ])
            }
        }
        return rows
    }

    /// True when the rate numerator/denominator, rounded half-up to as many decimals as `published`
    /// is written with, equals it ("94" agrees with 93.98; "81.6" with 81.64; "94" not with 81.64).
    public static func agrees(_ published: String, _ numerator: Int, _ denominator: Int) -> Bool {
        guard denominator > 0 else { return false }
        let text = published.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")
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
