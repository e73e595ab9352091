import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

/// The consolidated province as output tables (docs/contract.md §10): `consolidated_by_unit.csv`
/// and `reconciliation.csv`.
public enum ConsolidationTables {
    /// The header of `consolidated_by_unit.csv`.
    public static let consolidatedHeader =
        ["period", "unit_code", "unit_name", "source"] + FormCounts.columns + ["identity_problems"]

    /// The header of `reconciliation.csv`.
    public static let reconciliationHeader = [
        "period", "unit_code", "unit_name", "column", "submitted", "computed", "difference", "explained_by",
    ]

    /// A total row's name.
    public static func totalName(_ total: Consolidation.Total) -> String {
        if total.unmatched { return "Tổng: báo cáo chưa xác định được đơn vị" }
        return total.level.map { "Tổng: " + Bieu06Workbook.bandTitle($0) } ?? "Tổng cộng toàn tỉnh"
    }

    /// One row per unit (by level, then code; unmatched units last), then a total per level and the
    /// province's (`source` = `total`; the province's row carries its code when the unit lists name
    /// it, so that a national consolidation can read it).
    public static func consolidated(_ table: Consolidation) -> OutputTable {
        let period = CSVCell.text(table.period.description)
        var rows: [[CSVCell]] = table.rows.map { row in
            [period, .text(row.unitCode), .text(row.unitName), .text(row.source.rawValue)]
                + row.counts.values.map { CSVCell.int($0) } + [
                    row.identityProblems.isEmpty ? .empty : .text(row.identityProblems)
                ]
        }
        for total in table.totals {
            let isProvince = total.level == nil && !total.unmatched
            let code: CSVCell = isProvince ? table.province.map { .text($0.code) } ?? .empty : .empty
            rows.append(
                [period, code, .text(totalName(total)), .text("total")]
                    + total.counts.values.map { CSVCell.int($0) }
                    + [.empty])
        }
        return OutputTable(name: "consolidated_by_unit.csv", header: consolidatedHeader, rows: rows)
    }

    /// One row per unit with both sources and column where they differ.
    public static func reconciliation(_ table: Consolidation) -> OutputTable {
        OutputTable(
            name: "reconciliation.csv", header: reconciliationHeader,
            rows: table.differences.map { d in
                [
                    .text(table.period.description), .text(d.unitCode), .text(d.unitName), .text(d.column),
                    .int(d.submitted), .int(d.computed), .int(d.submitted - d.computed),
                    d.explainedBy.isEmpty ? .empty : .text(d.explainedBy),
                ]
            })
    }
}
