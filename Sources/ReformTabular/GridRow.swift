/// One row of a sheet as cells from column A (or the table's first column) on: the cells present,
/// their bytes back to back with where each ends and the column each stands in. Columns with no
/// cell cost nothing, so a row holding A1 and XFD1 is two cells, not 16,384. Reused from row to
/// row so a sheet is read without an allocation per cell.
package struct GridRow {
    /// The row number as the spreadsheet shows it (1 is the first row).
    package var number = 0
    package private(set) var bytes: [UInt8] = []
    package private(set) var ends: [Int] = []
    /// The column of each cell present, increasing.
    private var columns: [Int] = []
    /// One past the last column, present or padded.
    private var width = 0

    package init() {}

    /// A row of the given cells (tests).
    package init(number: Int, cells: [String]) {
        self.number = number
        for cell in cells { append(Array(cell.utf8)) }
    }

    /// The number of columns up to the last one present (empty cells included).
    package var count: Int { width }

    /// The cells present (what the row costs).
    package var presentCount: Int { ends.count }

    /// The bytes of cell `index`; empty for a column without a cell and beyond the row's last cell.
    package func cell(_ index: Int) -> ArraySlice<UInt8> {
        guard index < width else { return [] }
        let stored: Int
        if columns.count == width {
            stored = index
        } else {
            var low = 0
            var high = columns.count
            while low < high {
                let middle = (low + high) / 2
                if columns[middle] < index { low = middle + 1 } else { high = middle }
            }
            guard low < columns.count, columns[low] == index else { return [] }
            stored = low
        }
        return bytes[(stored == 0 ? 0 : ends[stored - 1])..<ends[stored]]
    }

    /// The `index`th cell present (from 0 to `presentCount`): its column and bytes.
    package func presentCell(_ index: Int) -> (column: Int, bytes: ArraySlice<UInt8>) {
        (columns[index], bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
    }

    /// Cell `index` as text.
    package func string(_ index: Int) -> String {
        String(decoding: cell(index), as: UTF8.self)
    }

    /// True when no cell holds anything but spaces.
    package var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Empties the row for row `number`.
    package mutating func reset(number: Int) {
        self.number = number
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        width = 0
    }

    /// Makes the row `count` columns wide at least; the columns added hold no cell.
    package mutating func pad(to count: Int) {
        width = max(width, count)
    }

    /// The most bytes a row holds: one more than a record may have (`CSVReader.maxRecordBytes`),
    /// so an oversized row is still seen as too large, but a row repeating a long shared string
    /// in thousands of cells cannot take the memory of the machine.
    package static let maxBytes = (2 << 20) + 1

    /// Adds a cell at column `count` (its text cut where the row reaches `maxBytes`).
    package mutating func append<C: Collection>(_ cell: C) where C.Element == UInt8 {
        let room = Self.maxBytes - bytes.count
        if cell.count <= room {
            bytes.append(contentsOf: cell)
        } else if room > 0 {
            bytes.append(contentsOf: cell.prefix(room))
        }
        ends.append(bytes.count)
        columns.append(width)
        width += 1
    }

    /// Hands the cells of `columns` (the table's columns, increasing) to a record (`bytes` back to
    /// back, `ends` of each), followed by one more field when the row holds text beyond column
    /// `width` (a row wider than its header, which ingest counts as a field-count problem).
    package func copyCells(of columns: [Int], width tableWidth: Int, into bytes: inout [UInt8], ends: inout [Int]) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        // Both lists increase: one walk over the cells present.
        var stored = 0
        for column in columns {
            while stored < self.columns.count && self.columns[stored] < column { stored += 1 }
            if stored < self.columns.count && self.columns[stored] == column {
                bytes.append(contentsOf: self.bytes[(stored == 0 ? 0 : self.ends[stored - 1])..<self.ends[stored]])
            }
            ends.append(bytes.count)
        }
        if let last = self.columns.last, last >= tableWidth {
            var beyond = self.columns.count - 1
            while beyond > 0 && self.columns[beyond - 1] >= tableWidth { beyond -= 1 }
            bytes.append(contentsOf: self.bytes[(beyond == 0 ? 0 : self.ends[beyond - 1])..<self.ends[beyond]])
            ends.append(bytes.count)
        }
    }

    /// Drops trailing empty cells.
    package mutating func trimTrailingEmpty() {
        while let last = ends.last, last == (ends.count > 1 ? ends[ends.count - 2] : 0) {
            ends.removeLast()
            columns.removeLast()
        }
        width = (columns.last ?? -1) + 1
    }
}

/// A rectangle of cells merged into one (row and column indices from 0, bounds inclusive).
package struct CellRange: Equatable {
    package var firstRow: Int
    package var firstColumn: Int
    package var lastRow: Int
    package var lastColumn: Int

    /// Parses an A1-style range (`B3:D3`, or one cell `B3`); nil when malformed.
    package init?(reference: String) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
            let first = CellRange.cell(Array(parts[0].utf8)),
            let last = CellRange.cell(Array(parts[parts.count - 1].utf8))
        else { return nil }
        firstRow = min(first.row, last.row)
        lastRow = max(first.row, last.row)
        firstColumn = min(first.column, last.column)
        lastColumn = max(first.column, last.column)
    }

    package init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// The row and column (from 0) of an A1-style reference such as `AB12` (`$` signs ignored).
    package static func cell<C: Collection>(_ bytes: C) -> (row: Int, column: Int)? where C.Element == UInt8 {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in bytes where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row > 0, column <= GridLimits.maxColumns else { return nil }
        return (row - 1, column - 1)
    }
}

/// Bounds every sheet reader enforces.
package enum GridLimits {
    /// Columns of a sheet (Excel's XFD).
    package static let maxColumns = 16_384
    /// Rows of a sheet (Excel's 1,048,576).
    package static let maxRows = 1_048_576
}

/// Rows of one sheet, top to bottom.
package protocol GridSource: AnyObject {
    /// Fills `row` with the next row that has any cell; false after the last.
    func nextRow(_ row: inout GridRow) throws -> Bool
    /// Merged cell ranges that reach into the first rows (header merging needs them).
    func merges() throws -> [CellRange]
    /// Input bytes consumed so far (for progress).
    var bytesRead: Int { get }
}
