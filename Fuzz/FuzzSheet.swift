// libFuzzer target: the sheet XML scanner and the sheet reader on arbitrary XML, then the table
// finder over its rows.
// Properties: nothing crashes or hangs; row numbers stay within Excel's bounds; every record
// the table hands out has a row number after its header and at least the header's width.

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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheet(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = XLSXSheetReader(
        source: MemoryByteSource(bytes), part: "sheet.xml", strings: strings, dateStyles: [false, true, false],
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
