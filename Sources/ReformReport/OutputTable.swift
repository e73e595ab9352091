import ReformSupport
import ReformTabular

/// One output file's content before it is encoded: its header and its typed cells. The same
/// table gives the CSV file and, in a workbook, a sheet whose numbers are number cells — so the two
/// cannot disagree.
public struct OutputTable: Sendable {
    /// The file name (`comparison.csv`); the sheet is named after it without the extension.
    public var name: String
    public var header: [String]
    public var rows: [[CSVCell]]

    public init(name: String, header: [String], rows: [[CSVCell]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    /// The CSV file's bytes (docs/contract.md §7).
    public var csv: [UInt8] {
        var writer = CSVWriter(header: header)
        for row in rows { writer.writeRow(row) }
        return writer.bytes
    }

    /// Writes `tables` as a workbook at `path`, one sheet per table in order: a bold header row
    /// frozen on screen and repeated on printed pages, numbers as number cells, text as text.
    public static func workbook(_ tables: [OutputTable], path: String, sourceDateEpoch: Int64? = nil) throws {
        let writer = try XLSXWriter(path: path)
        if let sourceDateEpoch { writer.created = CivilDate.isoInstant(sourceDateEpoch) }
        for table in tables {
            let sheetName = table.name.hasSuffix(".csv") ? String(table.name.dropLast(4)) : table.name
            let widths = table.header.indices.map { column -> Double in
                let longest =
                    table.rows.prefix(500).map { row -> Int in
                        guard column < row.count else { return 0 }
                        switch row[column] {
                        case .text(let text), .number(let text): return text.count
                        case .empty: return 0
                        }
                    }.max() ?? 0
                return Double(min(60, max(8, max(longest, table.header[column].count) + 2)))
            }
            try writer.beginSheet(
                sheetName, columnWidths: widths, setup: XLSXWriter.SheetSetup(landscape: true, headerRows: 1...1))
            try writer.row(table.header.map { XLSXWriter.Cell(.text($0), .header) })
            for row in table.rows {
                try writer.row(
                    row.map { cell in
                        switch cell {
                        case .text(let text): return XLSXWriter.Cell(.text(text), .bordered)
                        case .number(let text) where Self.isPlainNumber(text):
                            return XLSXWriter.Cell(
                                .number(text), text.contains(".") ? .borderedDecimal : .borderedNumber)
                        case .number(let text): return XLSXWriter.Cell(.text(text), .bordered)
                        case .empty: return XLSXWriter.Cell(.empty, .bordered)
                        }
                    })
            }
        }
        try writer.commit()
    }

    /// `-12`, `96.50`: what a number cell may hold (anything else is written as text).
    public static func isPlainNumber(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
