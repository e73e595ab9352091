// libFuzzer target: the sheet XML scanner and the sheet reader on arbitrary XML, then the table
// finder over its rows. The XML arrives a few bytes per read (1 to 16, by the input's length), so
// every token is cut across refills somewhere.
// Properties: nothing crashes or hangs; row numbers stay within Excel's bounds; every record
// the table hands out has a row number after its header and at least the header's width.

@testable import ReformSupport
@testable import ReformTabular

let strings: SharedStrings = {
    var table = SharedStrings()
    for text in ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận", "A", "B"] {
        try? table.append(Array(text.utf8), part: "strings")
    }
    return table
}()

let requirement = HeaderRequirement(
    accepts: { names in ["Mã hồ sơ", "Ngày tiếp nhận"].allSatisfy(names.contains) },
    knows: { ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận"].contains($0) },
    refusal: { _ in "required columns missing" })

/// Hands out at most `step` bytes per read.
final class TrickleSource: ByteSource {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let n = min(buffer.count, step, bytes.count - offset)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheet(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = XLSXSheetReader(
        source: TrickleSource(bytes, step: 1 + size % 16), part: "sheet.xml", strings: strings,
        dateStyles: [false, true, false],
        zeroPadding: [0, 0, 3],
        date1904: size % 2 == 0, merges: { try XLSXSheetReader.merges(in: MemoryByteSource(bytes), rows: 64) })
    guard let table = try? SheetTable(grid: reader, sheetName: "fuzz", requirement: requirement) else { return 0 }
    var records = CSVReader(records: table)
    while (try? records.nextRecord()) == true {
        precondition(records.line > table.headerRows.upperBound && records.line <= GridLimits.maxRows)
        precondition(records.isTooLarge || records.fieldCount >= table.header.count)
    }
    return 0
}
