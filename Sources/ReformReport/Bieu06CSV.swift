import ReformMetrics
import ReformModel
import ReformSupport

/// The Biểu 06 CSV files (docs/contract.md §7): stable headers users build spreadsheets on.
public enum Bieu06CSV {
    /// The columns of `bieu06_by_unit.csv` or `bieu06_by_field.csv`: the key, the form's published
    /// counts in stored order, the on-time rate, then the counts added in 2026 (online split,
    /// extensions), last so that the earlier columns keep their positions.
    public static func columns(_ dimension: Bieu06Dimension, period: ReportingPeriod) -> [OutputColumn<Bieu06Row>] {
        var columns: [OutputColumn<Bieu06Row>] = [.text("period") { _ in period.description }]
        switch dimension {
        case .unit: columns += [.text("unit_code") { $0.key }, .text("unit_name") { $0.name }]
        case .field: columns.append(.text("field") { $0.key })
        }
        let published = Bieu06Column.allCases.filter(\.isPublished)
        func count(_ column: Bieu06Column) -> OutputColumn<Bieu06Row> { .integer(column.rawValue) { $0[column] } }
        columns += published.filter { !$0.followsRate }.map(count)
        columns.append(.integer("on_time_rate", .hundredths) { $0.onTimeRateHundredths })
        return columns + published.filter(\.followsRate).map(count)
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
