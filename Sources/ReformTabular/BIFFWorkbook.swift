/// A legacy Excel workbook (.xls): BIFF8 (Excel 97–2003) or BIFF5 (Excel 95, its text in the
/// workbook's code page) inside an OLE2 compound file (docs/contract.md §8). The workbook stream is
/// read whole; its globals give the sheets, the shared strings, the number formats of the cell
/// styles and the date system, and each sheet is read through `BIFFSheetReader` behind the same
/// row interface as .xlsx and HTML. Encrypted workbooks (FILEPASS) are refused by name.
package final class BIFFWorkbook {
    /// A worksheet as the workbook lists it.
    package struct Sheet {
        package let name: String
        /// Where its records start in the workbook stream (its BOF record).
        let offset: Int
    }

    /// The worksheets in workbook order (chart sheets and macro sheets are left out).
    package let sheets: [Sheet]
    /// True when the workbook counts dates from 1904.
    package let date1904: Bool
    /// True for Excel 95's BIFF5, whose text is 8-bit in `codePage`.
    let isBIFF5: Bool
    let codePage: Int
    let stream: [UInt8]
    /// The shared strings as UTF-8, back to back, with where each ends.
    let sharedBytes: [UInt8]
    let sharedEnds: [Int]
    /// How each cell style (XF, by index) shows a number.
    let shapes: [XLSXWorkbook.NumberShape]

    /// Opens the workbook at `path`.
    package convenience init(path: String) throws {
        try self.init(compoundFile: try CompoundFile(path: path))
    }

    /// Opens a workbook held in memory (the bytes of the .xls file).
    package convenience init(bytes: [UInt8]) throws {
        try self.init(compoundFile: try CompoundFile(bytes: bytes))
    }

    convenience init(compoundFile: CompoundFile) throws {
        // Excel 97–2003 names the stream "Workbook", Excel 95 "Book".
        guard let stream = try compoundFile.stream(named: "Workbook") ?? compoundFile.stream(named: "Book") else {
            if compoundFile.entries.contains(where: { $0.name == "EncryptedPackage" }) {
                throw WorkbookError.encryptedWorkbook
            }
            throw WorkbookError.corruptLegacy("the compound file holds no Workbook stream: not an Excel file")
        }
        try self.init(stream: stream)
    }

    /// Reads the globals of a workbook stream.
    init(stream: [UInt8]) throws {
        self.stream = stream
        var cursor = BIFFCursor(stream: stream, offset: 0)
        guard let bof = try cursor.next(), bof.type == BIFFRecordType.bof || bof.type & 0xFF == 0x09 else {
            throw WorkbookError.corruptLegacy("the workbook stream does not start with a BOF record")
        }
        let version = bof.type == BIFFRecordType.bof ? BIFFBytes.u16(stream, bof.data.lowerBound) : 0
        guard bof.type == BIFFRecordType.bof, version == 0x0600 || version == 0x0500 else {
            throw WorkbookError.legacyVersion(
                bof.type == BIFFRecordType.bof ? "BIFF version \(String(version, radix: 16))" : "Excel 2.1–4.0")
        }
        isBIFF5 = version == 0x0500
        var codePage = 1252
        var date1904 = false
        var formats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var sheets: [Sheet] = []
        var sharedBytes: [UInt8] = []
        var sharedEnds: [Int] = []
        while let record = try cursor.next() {
            let d = record.data
            switch record.type {
            case BIFFRecordType.eof:
                break
            case BIFFRecordType.filePass:
                throw WorkbookError.encryptedWorkbook
            case BIFFRecordType.codePage:
                codePage = Int(BIFFBytes.u16(stream, d.lowerBound))
            case BIFFRecordType.dateMode:
                date1904 = BIFFBytes.u16(stream, d.lowerBound) == 1
            case BIFFRecordType.format:
                let id = Int(BIFFBytes.u16(stream, d.lowerBound))
                var text: [UInt8] = []
                var reader = ContinuedBytes(stream: stream, pieces: [Self.tail(of: d, after: 2)])
                if isBIFF5 {
                    let count = Int(try reader.byte())
                    try Self.decode8Bit(reader.bytes(count), codePage: codePage, into: &text)
                } else {
                    let count = Int(try reader.u16())
                    try reader.characters(count, highByte: try reader.byte() & 1 != 0, into: &text)
                }
                formats[id] = String(decoding: text, as: UTF8.self)
            case BIFFRecordType.xf:
                styleFormats.append(Int(BIFFBytes.u16(stream, d.lowerBound + 2)))
            case BIFFRecordType.sst:
                let pieces = [d] + (try cursor.continuations())
                (sharedBytes, sharedEnds) = try Self.sharedStrings(stream: stream, pieces: pieces)
            case BIFFRecordType.boundSheet:
                let offset = Int(BIFFBytes.u32(stream, d.lowerBound))
                let kind = d.count > 5 ? stream[d.lowerBound + 5] : 0xFF
                var name: [UInt8] = []
                var reader = ContinuedBytes(stream: stream, pieces: [Self.tail(of: d, after: 6)])
                let count = Int(try reader.byte())
                if isBIFF5 {
                    try Self.decode8Bit(reader.bytes(count), codePage: codePage, into: &name)
                } else {
                    try reader.characters(count, highByte: try reader.byte() & 1 != 0, into: &name)
                }
                // 0 is a worksheet; charts (2) and macro sheets (1, 6) hold no table.
                if kind == 0 { sheets.append(Sheet(name: String(decoding: name, as: UTF8.self), offset: offset)) }
            default:
                continue
            }
            if record.type == BIFFRecordType.eof { break }
        }
        guard !sheets.isEmpty else { throw WorkbookError.noWorksheet }
        self.sheets = sheets
        self.date1904 = date1904
        self.codePage = codePage
        self.sharedBytes = sharedBytes
        self.sharedEnds = sharedEnds
        shapes = styleFormats.map { XLSXWorkbook.NumberShape(id: $0, code: formats[$0]) }
    }

    /// The sheet `choice` names (a name, else a number from 1), or the first.
    package func sheet(_ choice: String?) throws -> Sheet {
        sheets[try SheetChoice.index(of: choice, in: sheets.map(\.name))]
    }

    /// A reader of `sheet`'s rows.
    package func open(_ sheet: Sheet) throws -> BIFFSheetReader {
        try BIFFSheetReader(workbook: self, sheet: sheet)
    }

    /// A record's data after its first `count` bytes (empty for a record shorter than that).
    static func tail(of data: Range<Int>, after count: Int) -> Range<Int> {
        min(data.lowerBound + count, data.upperBound)..<data.upperBound
    }

    /// Shared string `index` as UTF-8; nil when the table has no such string.
    func sharedString(_ index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index < sharedEnds.count else { return nil }
        return sharedBytes[(index == 0 ? 0 : sharedEnds[index - 1])..<sharedEnds[index]]
    }

    /// The shared string table (MS-XLS 2.4.265): a count, then rich extended strings that may
    /// continue into the CONTINUE records after it. The count is bounded by the bytes (a string
    /// takes three at least), so a forged count costs nothing.
    static func sharedStrings(stream: [UInt8], pieces: [Range<Int>]) throws -> ([UInt8], [Int]) {
        var reader = ContinuedBytes(stream: stream, pieces: pieces)
        try reader.skip(4)
        let declared = Int(try reader.u32())
        var bytes: [UInt8] = []
        var ends: [Int] = []
        let bound = min(declared, reader.remaining / 3)
        ends.reserveCapacity(bound)
        while ends.count < bound && !reader.atEnd {
            let count = Int(try reader.u16())
            let flags = try reader.byte()
            let runs = flags & 0x08 != 0 ? Int(try reader.u16()) : 0
            let extended = flags & 0x04 != 0 ? Int(try reader.u32()) : 0
            try reader.characters(count, highByte: flags & 0x01 != 0, into: &bytes)
            try reader.skip(4 * runs)
            try reader.skip(extended)
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }

    /// 8-bit text of Excel 95 in its code page as UTF-8: Windows-1258 (Vietnamese) through the
    /// ingest's own table, any other as Windows-1252 read as Latin-1.
    static func decode8Bit(_ bytes: ArraySlice<UInt8>, codePage: Int, into output: inout [UInt8]) throws {
        if codePage == 1258 {
            var transcoder = Transcoder(.windows1258)
            Array(bytes).withUnsafeBufferPointer { transcoder.convert($0, into: &output) }
            return
        }
        BIFFBytes.appendUTF8(bytes.map { UInt16($0) }, to: &output)
    }
}
