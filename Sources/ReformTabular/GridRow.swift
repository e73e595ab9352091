/// One row of a sheet as cells from column A (or the table's first column) on: the cell bytes
/// back to back and where each ends. Reused from row to row so a sheet is read without an
/// allocation per cell.
package struct GridRow {
    /// The row number as the spreadsheet shows it (1 is the first row).
    package var number = 0
    package private(set) var bytes: [UInt8] = []
    package private(set) var ends: [Int] = []

    package init() {}

    /// A row of the given cells (tests).
    package init(number: Int, cells: [String]) {
        self.number = number
        for cell in cells { append(Array(cell.utf8)) }
    }

    /// The number of cells up to the last one present (empty cells included).
    package var count: Int { ends.count }

    /// The bytes of cell `index`; empty beyond the row's last cell.
    package func cell(_ index: Int) -> ArraySlice<UInt8> {
        guard index < ends.count else { return [] }
        return bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
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
    }

    /// Adds empty cells until the row has `count` cells.
    package mutating func pad(to count: Int) {
        while ends.count < count { ends.append(bytes.count) }
    }

    /// The most bytes a row holds: one more than a record may have (`CSVReader.maxRecordBytes`),
    /// so an oversized row is still seen as too large, but a row repeating a long shared string
    /// in thousands of cells cannot take the memory of the machine.
    package static let maxBytes = (2 << 20) + 1

    /// Adds a cell (its text cut where the row reaches `maxBytes`).
    package mutating func append<C: Collection>(_ cell: C) where C.Element == UInt8 {
        let room = Self.maxBytes - bytes.count
        if cell.count <= room {
            bytes.append(contentsOf: cell)
        } else if room > 0 {
            bytes.append(contentsOf: cell.prefix(room))
        }
        ends.append(bytes.count)
    }

    /// Hands the row's cells to a record (`bytes` back to back, `ends` of each), padded with
    /// empty cells to `width`, by exchanging buffers rather than copying; the row is left empty
    /// with the record's old buffers to reuse.
    package mutating func moveCells(into bytes: inout [UInt8], ends: inout [Int], width: Int) {
        pad(to: width)
        swap(&self.bytes, &bytes)
        swap(&self.ends, &ends)
        self.bytes.removeAll(keepingCapacity: true)
        self.ends.removeAll(keepingCapacity: true)
    }

    /// Drops trailing empty cells.
    package mutating func trimTrailingEmpty() {
        while let last = ends.last, last == (ends.count > 1 ? ends[ends.count - 2] : 0) { ends.removeLast() }
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
