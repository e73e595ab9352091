import ReformMetrics
import ReformModel
import ReformSupport

/// The Biểu 06 CSV files (docs/contract.md §7): stable headers users build spreadsheets on.
public enum Bieu06CSV {
    /// The columns of `bieu06_by_unit.csv` or `bieu06_by_field.csv`: the key, the form's published
    /// counts in stored order, then the on-time rate.
    public static func columns(_ dimension: Bieu06Dimension, period: ReportingPeriod) -> [OutputColumn<Bieu06Row>] {
        var columns: [OutputColumn<Bieu06Row>] = [.text("period") { _ in period.description }]
        switch dimension {
        case .unit: columns += [.text("unit_code") { $0.key }, .text("unit_name") { $0.name }]
        case .field: columns.append(.text("field") { $0.key })
        }
        columns += Bieu06Column.allCases.filter(\.isPublished).map { column in .integer(column.rawValue) { $0[column] }
        }
        return columns + [.integer("on_time_rate", .hundredths) { $0.onTimeRateHundredths }]
    }

    /// The file's name.
    public static func name(_ dimension: Bieu06Dimension) -> String { "bieu06_by_\(dimension.rawValue).csv" }

    /// The file's bytes: one row per key with total > 0, in the rows' order (byte order of the key).
    public static func file(_ rows: [Bieu06Row], period: ReportingPeriod, dimension: Bieu06Dimension) -> [UInt8] {
        OutputTable(
            name: name(dimension), columns: columns(dimension, period: period), rows: rows.filter { $0[.total] > 0 }
        )
        .csv
    }
}
