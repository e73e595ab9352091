import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

/// The auditors' comparison as output tables (docs/contract.md §7.2): `comparison.csv` and
/// `audit.csv`, and the sheets of `comparison.xlsx`.
public enum ComparisonTables {
    /// The header of `comparison.csv`.
    public static let comparisonHeader = [
        "period", "unit_code", "unit_name", "decided", "on_time", "rate", "ci_low", "ci_high", "prev_rate",
        "change_pp", "yoy_rate", "yoy_change_pp", "rank", "significant", "estimate",
    ]

    /// The header of `audit.csv`.
    public static let auditHeader = ["check", "unit_code", "period", "count", "example_ids"]

    /// `comparison.csv`: one row per unit and month.
    public static func comparison(_ comparison: UnitComparison) -> OutputTable {
        func percent(_ value: Int?) -> CSVCell { value.map { .number(Percentage.plain($0)) } ?? .empty }
        return OutputTable(
            name: "comparison.csv", header: comparisonHeader,
            rows: comparison.rows.map { row in
                [
                    .text(row.period.description), .text(row.unit.code), .text(row.name), .int(row.counts.decided),
                    .int(row.counts.onTime), percent(row.rate), percent(row.interval?.low), percent(row.interval?.high),
                    percent(row.previousRate), percent(row.changeAgainstPrevious), percent(row.yearAgoRate),
                    percent(row.changeAgainstYearAgo), row.rank.map { .int($0) } ?? .empty,
                    row.significant.map { .text($0 ? "yes" : "no") } ?? .empty, .text(row.estimate ? "yes" : "no"),
                ]
            })
    }

    /// `audit.csv`: one row per check, unit and month with a finding.
    public static func audit(_ audit: IntegrityAudit) -> OutputTable {
        OutputTable(
            name: "audit.csv", header: auditHeader,
            rows: audit.findings.map { finding in
                [
                    .text(finding.check.rawValue), .text(finding.unit.code), .text(finding.period.description),
                    .int(finding.count), .text(finding.examples.joined(separator: " ")),
                ]
            })
    }
}
