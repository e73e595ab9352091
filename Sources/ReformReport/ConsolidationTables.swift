import ReformMetrics
import ReformModel
import ReformSupport

/// The consolidated province as output tables (docs/contract.md §10): `consolidated_by_unit.csv`
/// and `reconciliation.csv`.
public enum ConsolidationTables {
    /// One line of `consolidated_by_unit.csv`: a unit, or a total (`source` = `total`).
    public struct Line: Sendable {
        public var unitCode: String
        public var unitName: String
        public var source: String
        public var counts: FormCounts
        public var identityProblems: String
    }

    /// The columns of `consolidated_by_unit.csv`: the form's eleven counts between the unit and
    /// its identity problems.
    public static func consolidatedColumns(period: ReportingPeriod) -> [OutputColumn<Line>] {
        [
            .text("period") { _ in period.description }, .text("unit_code") { $0.unitCode },
            .text("unit_name") { $0.unitName }, .text("source") { $0.source },
        ]
            + FormColumn.allCases.map { column in .integer(column.rawValue) { $0.counts.given(column) } }
            + [.text("identity_problems") { $0.identityProblems }]
    }

    /// The columns of `reconciliation.csv`: one row per unit and column where the sources differ.
    public static func reconciliationColumns(period: ReportingPeriod) -> [OutputColumn<Consolidation.Difference>] {
        [
            .text("period") { _ in period.description }, .text("unit_code") { $0.unitCode },
            .text("unit_name") { $0.unitName }, .text("column") { $0.column.rawValue },
            .integer("submitted") { $0.submitted },
            .integer("computed") { $0.computed }, .integer("difference") { $0.submitted - $0.computed },
            .text("explained_by") { $0.explainedBy },
        ]
    }

    /// A total row's name.
    public static func totalName(_ total: Consolidation.Total) -> String {
        if total.unmatched { return "Tổng: báo cáo chưa xác định được đơn vị" }
        return total.level.map { "Tổng: " + Bieu06Workbook.bandTitle($0) } ?? "Tổng cộng toàn tỉnh"
    }

    /// One row per unit (by level, then code; unmatched units last), then a total per level and the
    /// province's (`source` = `total`; the province's row carries its code when the unit lists name
    /// it, so that a national consolidation can read it).
    public static func consolidated(_ table: Consolidation) -> OutputTable {
        OutputTable(
            name: "consolidated_by_unit.csv", columns: consolidatedColumns(period: table.period),
            rows: Array(lines(table)))
    }

    /// The bytes of `consolidated_by_unit.csv`, written line by line.
    public static func consolidatedCSV(_ table: Consolidation) -> [UInt8] {
        OutputTable.csv(columns: consolidatedColumns(period: table.period), rows: lines(table))
    }

    /// The lines of `consolidated_by_unit.csv`, made as they are read.
    static func lines(_ table: Consolidation) -> some Sequence<Line> {
        let units = table.rows.lazy.map { row in
            Line(
                unitCode: row.unitCode, unitName: row.unitName, source: row.source.rawValue, counts: row.counts,
                identityProblems: row.identityProblems)
        }
        let totals = table.totals.lazy.map { total in
            let isProvince = total.level == nil && !total.unmatched
            return Line(
                unitCode: isProvince ? table.province?.code ?? "" : "", unitName: totalName(total), source: "total",
                counts: total.counts, identityProblems: "")
        }
        return [AnySequence(units), AnySequence(totals)].joined()
    }

    /// `reconciliation.csv`.
    public static func reconciliation(_ table: Consolidation) -> OutputTable {
        OutputTable(
            name: "reconciliation.csv", columns: reconciliationColumns(period: table.period), rows: table.differences)
    }
}
