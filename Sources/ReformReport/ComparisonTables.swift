import ReformMetrics
import ReformModel
import ReformSupport

/// The auditors' comparison as output tables (docs/contract.md §7.2): `comparison.csv` and
/// `audit.csv`, and the sheets of `comparison.xlsx`. Each file's columns are declared once here.
public enum ComparisonTables {
    /// The columns of `comparison.csv`: one row per unit and month.
    public static var comparisonColumns: [OutputColumn<UnitComparison.Row>] {
        [
            .text("period") { $0.period.description }, .text("unit_code") { $0.unit.code },
            .text("unit_name") { $0.name },
            .integer("decided") { $0.counts.decided }, .integer("on_time") { $0.counts.onTime },
            .integer("rate", .hundredths) { $0.rate }, .integer("ci_low", .hundredths) { $0.interval?.low },
            .integer("ci_high", .hundredths) { $0.interval?.high },
            .integer("prev_rate", .hundredths) { $0.previousRate },
            .integer("change_pp", .hundredths) { $0.changeAgainstPrevious },
            .integer("yoy_rate", .hundredths) { $0.yearAgoRate },
            .integer("yoy_change_pp", .hundredths) { $0.changeAgainstYearAgo }, .integer("rank") { $0.rank },
            .flag("significant") { $0.significant }, .flag("estimate") { $0.estimate },
            .text("group") { $0.group },
        ]
    }

    /// The columns of `audit.csv`: one row per check, unit and month with a finding.
    public static var auditColumns: [OutputColumn<IntegrityAudit.Finding>] {
        [
            .text("check") { $0.check.rawValue }, .text("unit_code") { $0.unit.code },
            .text("period") { $0.period.description }, .integer("count") { $0.count },
            .text("example_ids") { $0.examples.joined(separator: " ") },
        ]
    }

    /// `comparison.csv`.
    public static func comparison(_ comparison: UnitComparison) -> OutputTable {
        OutputTable(name: "comparison.csv", columns: comparisonColumns, rows: comparison.rows)
    }

    /// `audit.csv`.
    public static func audit(_ audit: IntegrityAudit) -> OutputTable {
        OutputTable(name: "audit.csv", columns: auditColumns, rows: audit.findings)
    }
}
