import ReformSupport

/// What a result column holds, which decides how it is stored (text or integer) and written
/// (docs/contract.md §7): the one place a column's meaning is declared.
public enum ResultColumnKind: Sendable, Equatable {
    /// Codes, names, labels: written as text (guarded like any text), stored as TEXT.
    case text
    /// An identifying year (`2025`): stored as an integer, written as a label, not a quantity.
    case year
    /// Counts and ranks.
    case integer
    /// Percentages and points kept as whole hundredths, written `96.50`.
    case hundredths
    /// PAR INDEX points kept as whole ten-thousandths, written with two decimals half-up.
    case tenThousandths
    /// Yes or no, stored 1 or 0, written `yes` / `no`.
    case flag
    /// A number kept as its source wrote it (a catalogue's statutory time): text, written as a number.
    case writtenNumber

    /// True when values of this kind are text (stored as TEXT); the others are whole numbers.
    public var isText: Bool { self == .text || self == .writtenNumber }
}

/// One cell of a typed result row, as the store holds it.
public enum ResultValue: Equatable, Sendable {
    case text(String)
    case integer(Int)
    /// No value (a zero denominator, a total that has no rank…): NULL when stored, an empty cell when written.
    case absent
}

/// One column of an output file: its name in the header, its kind and how a row gives its value.
/// An output's list of columns is the one declaration its header and cells come from.
public struct OutputColumn<Row> {
    public let name: String
    public let kind: ResultColumnKind
    /// The row's value of this column.
    public let read: (Row) -> ResultValue

    public init(_ name: String, _ kind: ResultColumnKind, read: @escaping (Row) -> ResultValue) {
        self.name = name
        self.kind = kind
        self.read = read
    }

    /// A text column; nil or empty text is an empty cell.
    public static func text(_ name: String, _ read: @escaping (Row) -> String?) -> Self {
        Self(name, .text) { read($0).map(ResultValue.text) ?? .absent }
    }

    /// A whole-number column of `kind` (`.year`, `.integer`, `.hundredths`, `.tenThousandths`); nil is an empty cell.
    public static func integer(_ name: String, _ kind: ResultColumnKind = .integer, _ read: @escaping (Row) -> Int?)
        -> Self
    {
        Self(name, kind) { read($0).map(ResultValue.integer) ?? .absent }
    }

    /// A yes/no column; nil is an empty cell.
    public static func flag(_ name: String, _ read: @escaping (Row) -> Bool?) -> Self {
        Self(name, .flag) { read($0).map { ResultValue.integer($0 ? 1 : 0) } ?? .absent }
    }
}

/// One column of a stored output: its name in the CSV header and the store, its kind, and the
/// property of the row type that holds it (read for output and storage, written when read back).
public struct ResultField<Row> {
    public let name: String
    public let kind: ResultColumnKind
    /// False when every row has a value (the stored column is NOT NULL).
    public let optional: Bool
    /// The row's value of this column.
    public let read: (Row) -> ResultValue
    /// Sets this column of a row from a stored value.
    public let write: (inout Row, ResultValue) -> Void

    /// The column as an output file has it.
    public var column: OutputColumn<Row> { OutputColumn(name, kind, read: read) }

    /// A text column every row fills (it may be empty).
    public static func text(_ name: String, _ path: WritableKeyPath<Row, String>) -> Self {
        Self(
            name: name, kind: .text, optional: false, read: { .text($0[keyPath: path]) },
            write: { row, value in if case .text(let text) = value { row[keyPath: path] = text } })
    }

    /// A text column that may have no value.
    public static func optionalText(_ name: String, _ path: WritableKeyPath<Row, String?>) -> Self {
        Self(
            name: name, kind: .text, optional: true, read: { $0[keyPath: path].map(ResultValue.text) ?? .absent },
            write: { row, value in
                if case .text(let text) = value { row[keyPath: path] = text } else { row[keyPath: path] = nil }
            })
    }

    /// A whole-number column every row fills, of `kind` (`.year`, `.integer`, `.hundredths`, `.tenThousandths`).
    public static func integer(_ name: String, _ path: WritableKeyPath<Row, Int>, _ kind: ResultColumnKind = .integer)
        -> Self
    {
        Self(
            name: name, kind: kind, optional: false, read: { .integer($0[keyPath: path]) },
            write: { row, value in if case .integer(let number) = value { row[keyPath: path] = number } })
    }

    /// A whole-number column that may have no value.
    public static func optionalInteger(
        _ name: String, _ path: WritableKeyPath<Row, Int?>, _ kind: ResultColumnKind = .integer
    ) -> Self {
        Self(
            name: name, kind: kind, optional: true, read: { $0[keyPath: path].map(ResultValue.integer) ?? .absent },
            write: { row, value in
                if case .integer(let number) = value { row[keyPath: path] = number } else { row[keyPath: path] = nil }
            })
    }

    /// A yes/no column that may have no value.
    public static func optionalFlag(_ name: String, _ path: WritableKeyPath<Row, Bool?>) -> Self {
        Self(
            name: name, kind: .flag, optional: true,
            read: { $0[keyPath: path].map { ResultValue.integer($0 ? 1 : 0) } ?? .absent },
            write: { row, value in
                if case .integer(let number) = value {
                    row[keyPath: path] = number != 0
                } else {
                    row[keyPath: path] = nil
                }
            })
    }
}

/// A row of a computed output, declared once: the output file, its grain (the columns that
/// identify a row) and its columns. The CSV header, the stored table's columns and the page all
/// come from this declaration.
public protocol ResultRow: Equatable, Sendable {
    /// The output file (`index766_by_unit.csv`).
    static var output: String { get }
    /// The columns, in output order.
    static var fields: [ResultField<Self>] { get }
    /// The columns whose values identify a row: no two rows of a computed period share them.
    static var grain: [String] { get }
    /// A row with every column empty or zero, filled field by field when read back.
    init()
}

extension ResultRow {
    /// The CSV header: the column names in order.
    public static var header: [String] { fields.map(\.name) }

    /// The row's values in column order.
    public var values: [ResultValue] { Self.fields.map { $0.read(self) } }

    /// The row with `values` in column order (as `values` gives them).
    public init(values: [ResultValue]) {
        precondition(values.count == Self.fields.count, "\(Self.output) has \(Self.fields.count) columns")
        self.init()
        for (field, value) in zip(Self.fields, values) { field.write(&self, value) }
    }
}
