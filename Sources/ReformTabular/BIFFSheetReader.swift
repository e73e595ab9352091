/// The rows of one sheet of a legacy .xls (`BIFFWorkbook`), as `GridRow`s: the sheet's cell records
/// (LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, BOOLERR, FORMULA with its cached result) are
/// listed once with their places, put in row and column order (records of a sheet are mostly in
/// order, not always), and turned into text a row at a time: numbers as the workbook shows them
/// (dates by their cell style, codes padded by a `000` format), booleans as TRUE/FALSE, errors as
/// Excel writes them. Blank cells hold nothing and cost nothing. MERGEDCELLS gives the merges.
package final class BIFFSheetReader: GridSource {
    /// A cell's place and the record that holds it (`part`: which cell of a MULRK).
    private struct CellReference {
        var row: Int32
        var column: Int32
        var record: Int32
        var part: Int32
    }

    private let workbook: BIFFWorkbook
    private var cells: [CellReference] = []
    private var next = 0
    private var mergedRanges: [CellRange] = []
    private let sheetStart: Int
    private var consumed = 0
    private var dateBytes: [UInt8] = []

    init(workbook: BIFFWorkbook, sheet: BIFFWorkbook.Sheet) throws {
        self.workbook = workbook
        let stream = workbook.stream
        sheetStart = sheet.offset
        var cursor = BIFFCursor(stream: stream, offset: sheet.offset)
        guard sheet.offset >= 0, sheet.offset < stream.count, let bof = try cursor.next(),
            bof.type == BIFFRecordType.bof
        else {
            throw WorkbookError.corruptLegacy("sheet \"\(sheet.name)\" does not start where the workbook says")
        }
        func add(_ row: UInt16, _ column: UInt16, _ record: BIFFRecord, part: Int = 0) {
            guard Int(column) < GridLimits.maxColumns else { return }
            cells.append(
                CellReference(row: Int32(row), column: Int32(column), record: Int32(record.start), part: Int32(part)))
        }
        while let record = try cursor.next() {
            let d = record.data, at = d.lowerBound
            let row = BIFFBytes.u16(stream, at), column = BIFFBytes.u16(stream, at + 2)
            switch record.type {
            case BIFFRecordType.eof:
                break
            case BIFFRecordType.labelSST, BIFFRecordType.label, BIFFRecordType.richString, BIFFRecordType.number,
                BIFFRecordType.rk, BIFFRecordType.boolErr, BIFFRecordType.formula:
                guard d.count >= 8 else { throw Self.short(record, sheet: sheet.name) }
                add(row, column, record)
            case BIFFRecordType.mulRK:
                // Row, first column, six bytes per cell, last column.
                guard d.count >= 6 + 6 else { throw Self.short(record, sheet: sheet.name) }
                let count = (d.count - 6) / 6
                for part in 0..<count where Int(column) + part < 256 {
                    add(row, column + UInt16(part), record, part: part)
                }
            case BIFFRecordType.mergedCells:
                let count = Int(BIFFBytes.u16(stream, at))
                for index in 0..<max(min(count, (d.count - 2) / 8), 0) {
                    let base = at + 2 + 8 * index
                    // Bounds in either order, as the .xlsx reader takes them.
                    let rows = (Int(BIFFBytes.u16(stream, base)), Int(BIFFBytes.u16(stream, base + 2)))
                    let columns = (Int(BIFFBytes.u16(stream, base + 4)), Int(BIFFBytes.u16(stream, base + 6)))
                    mergedRanges.append(
                        CellRange(
                            firstRow: min(rows.0, rows.1), firstColumn: min(columns.0, columns.1),
                            lastRow: max(rows.0, rows.1), lastColumn: max(columns.0, columns.1)))
                }
            default:
                continue
            }
            if record.type == BIFFRecordType.eof { break }
        }
        // Row, then column; a cell written twice keeps its later record.
        cells.sort { ($0.row, $0.column, $0.record) < ($1.row, $1.column, $1.record) }
    }

    private static func short(_ record: BIFFRecord, sheet: String) -> WorkbookError {
        .corruptLegacy("sheet \"\(sheet)\" has a cell record at byte \(record.start) too short for its cell")
    }

    package var bytesRead: Int { consumed }

    package func merges() throws -> [CellRange] { mergedRanges }

    package func nextRow(_ row: inout GridRow) throws -> Bool {
        guard next < cells.count else { return false }
        let number = cells[next].row
        row.reset(number: Int(number) + 1)
        while next < cells.count && cells[next].row == number {
            let cell = cells[next]
            next += 1
            // A later record for the same cell wins.
            if next < cells.count && cells[next].row == number && cells[next].column == cell.column { continue }
            consumed = max(consumed, Int(cell.record) - sheetStart)
            guard let text = try self.text(of: cell) else { continue }
            row.pad(to: Int(cell.column))
            row.append(text)
        }
        return true
    }

    /// The text a cell shows; nil for an empty formula result.
    private func text(of cell: CellReference) throws -> [UInt8]? {
        let stream = workbook.stream
        let start = Int(cell.record)
        let type = BIFFBytes.u16(stream, start)
        let length = Int(BIFFBytes.u16(stream, start + 2))
        let data = (start + 4)..<(start + 4 + length)
        let at = data.lowerBound
        let style = Int(BIFFBytes.u16(stream, at + 4))
        switch type {
        case BIFFRecordType.labelSST:
            let index = Int(BIFFBytes.u32(stream, at + 6))
            guard let text = workbook.sharedString(index) else {
                throw WorkbookError.corruptLegacy(
                    "row \(cell.row + 1) points at shared string \(index), which does not exist")
            }
            return Array(text)
        case BIFFRecordType.label, BIFFRecordType.richString:
            return try string(in: [(at + 6)..<data.upperBound])
        case BIFFRecordType.number:
            return number(BIFFBytes.double(stream, at + 6), style: style)
        case BIFFRecordType.rk:
            return number(BIFFBytes.rk(BIFFBytes.u32(stream, at + 6)), style: style)
        case BIFFRecordType.mulRK:
            let base = at + 4 + 6 * Int(cell.part)
            return number(BIFFBytes.rk(BIFFBytes.u32(stream, base + 2)), style: Int(BIFFBytes.u16(stream, base)))
        case BIFFRecordType.boolErr:
            return Self.boolOrError(value: stream[at + 6], isError: stream[at + 7] != 0)
        case BIFFRecordType.formula:
            guard length >= 14 else { return nil }
            if BIFFBytes.u16(stream, at + 12) != 0xFFFF {
                return number(BIFFBytes.double(stream, at + 6), style: style)
            }
            switch stream[at + 6] {
            case 0: return try formulaString(after: data.upperBound)
            case 1: return Self.boolOrError(value: stream[at + 8], isError: false)
            case 2: return Self.boolOrError(value: stream[at + 8], isError: true)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The STRING record holding a formula's text result: the next record after the formula, past
    /// the shared-formula, array or table records that may stand between.
    private func formulaString(after offset: Int) throws -> [UInt8]? {
        var cursor = BIFFCursor(stream: workbook.stream, offset: offset)
        while let record = try cursor.next() {
            switch record.type {
            case BIFFRecordType.sharedFormula, BIFFRecordType.array, BIFFRecordType.table: continue
            case BIFFRecordType.string:
                return try string(in: [record.data] + (try cursor.continuations()))
            default: return nil
            }
        }
        return nil
    }

    /// An XLUnicodeString (BIFF8: a 16-bit count, a flag byte, the characters) or, in BIFF5, a
    /// 16-bit count and 8-bit text in the workbook's code page.
    private func string(in pieces: [Range<Int>]) throws -> [UInt8] {
        var reader = ContinuedBytes(stream: workbook.stream, pieces: pieces)
        let count = Int(try reader.u16())
        var out: [UInt8] = []
        if workbook.isBIFF5 {
            try BIFFWorkbook.decode8Bit(reader.bytes(count), codePage: workbook.codePage, into: &out)
        } else {
            try reader.characters(count, highByte: try reader.byte() & 1 != 0, into: &out)
        }
        return out
    }

    /// A number as the workbook shows it: a date in the contract's form under a date style, padded
    /// with zeros under a `000` style, else as a person would type it.
    private func number(_ value: Double, style: Int) -> [UInt8] {
        let shapes = workbook.shapes
        if style < shapes.count {
            switch shapes[style] {
            case .date:
                dateBytes.removeAll(keepingCapacity: true)
                if ExcelNumber.appendDate(serial: value, date1904: workbook.date1904, to: &dateBytes) {
                    return dateBytes
                }
            case .zeroPadded(let width):
                if value >= 0, value.rounded() == value, value < 1e15 {
                    let digits = Array(String(Int64(value)).utf8)
                    return Array(repeating: UInt8(ascii: "0"), count: max(width - digits.count, 0)) + digits
                }
            case .plain:
                break
            }
        }
        return Self.plain(value)
    }

    /// A number's shortest text: whole numbers without a decimal point.
    static func plain(_ value: Double) -> [UInt8] {
        if value.rounded() == value && abs(value) < 1e15 { return Array(String(Int64(value)).utf8) }
        return Array("\(value)".utf8)
    }

    /// TRUE/FALSE, or the error as Excel writes it.
    static func boolOrError(value: UInt8, isError: Bool) -> [UInt8] {
        guard isError else { return Array((value != 0 ? "TRUE" : "FALSE").utf8) }
        let names: [UInt8: String] = [
            0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
            0x2A: "#N/A",
        ]
        return Array((names[value] ?? "#N/A").utf8)
    }
}
