import ReformModel
import ReformTabular

extension OutputTable {
    /// The output file of typed rows: the header and each cell come from the row type's declared
    /// columns, so the CSV, the workbook sheet and the stored table name the same columns.
    public init<Row: ResultRow>(_ rows: [Row]) {
        self.init(name: Row.output, columns: Row.fields.map(\.column), rows: rows)
    }

    /// The output file `name` of `rows`, its header and cells from `columns`.
    public init<Row>(name: String, columns: [OutputColumn<Row>], rows: [Row]) {
        self.init(
            name: name, header: columns.map(\.name),
            rows: rows.map { row in columns.map { Self.cell($0.read(row), kind: $0.kind) } })
    }

    /// The CSV bytes of `rows` under `columns`, each row's cells made as it is written: a table of
    /// two hundred thousand units never sits in memory as cells.
    public static func csv<Row, Rows: Sequence>(columns: [OutputColumn<Row>], rows: Rows) -> [UInt8]
    where Rows.Element == Row {
        var writer = CSVWriter(header: columns.map(\.name))
        for row in rows { writer.writeRow(columns.map { cell($0.read(row), kind: $0.kind) }) }
        return writer.bytes
    }

    /// How a value of a column of `kind` is written (docs/contract.md §7): numbers plain with a
    /// decimal point, text guarded like any text, no value as an empty cell.
    static func cell(_ value: ResultValue, kind: ResultColumnKind) -> CSVCell {
        switch (value, kind) {
        case (.absent, _), (.text(""), _): return .empty
        case (.text(let text), .writtenNumber): return .number(text)
        case (.text(let text), _): return .text(text)
        case (.integer(let number), .year), (.integer(let number), .text), (.integer(let number), .writtenNumber):
            return .text(String(number))
        case (.integer(let number), .integer): return .int(number)
        case (.integer(let number), .hundredths): return .number(Percentage.plain(number))
        case (.integer(let number), .tenThousandths): return .number(Points.text(number))
        case (.integer(let number), .flag): return .text(number != 0 ? "yes" : "no")
        }
    }
}
