import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The Biểu 06 CSV files (docs/contract.md §7): stable headers users build spreadsheets on.
public enum Bieu06CSV {
    static let counts = [
        "new_online", "new_direct_postal", "carried_in", "total", "resolved", "early", "on_time", "late",
        "resolved_no_due", "late_with_apology", "withdrawn_rejected", "pending", "pending_within", "pending_overdue",
        "pending_no_due", "on_time_rate",
    ]

    /// The header of `bieu06_by_unit.csv` or `bieu06_by_field.csv`.
    public static func header(_ dimension: Bieu06Dimension) -> [String] {
        switch dimension {
        case .unit: return ["period", "unit_code", "unit_name"] + counts
        case .field: return ["period", "field"] + counts
        }
    }

    /// The file's bytes: one row per key with total > 0, in the rows' order (byte order of the key).
    public static func file(_ rows: [Bieu06Row], period: ReportingPeriod, dimension: Bieu06Dimension) -> [UInt8] {
        var writer = CSVWriter(header: header(dimension))
        for row in rows where row.total > 0 {
            var cells: [CSVCell] = [.text(period.description), .text(row.key)]
            if dimension == .unit { cells.append(.text(row.name)) }
            cells += [
                row.newOnline, row.newDirectPostal, row.carriedIn, row.total, row.resolved, row.early, row.onTime,
                row.late,
                row.resolvedNoDue, row.lateWithApology, row.withdrawnRejected, row.pending, row.pendingWithin,
                row.pendingOverdue, row.pendingNoDue,
            ].map { CSVCell.int($0) }
            cells.append(row.onTimeRateHundredths.map { .number(Percentage.plain($0)) } ?? .empty)
            writer.writeRow(cells)
        }
        return writer.bytes
    }
}
