// libFuzzer target: the HTML table reader (tags, spans, references, charsets) on arbitrary bytes,
// then the table finder over its rows.
// Properties: nothing crashes or hangs; rows are numbered 1, 2, … in order; a row never holds
// more than Excel's columns; records come after the header.

@testable import ReformSupport
@testable import ReformTabular

let requirement = HeaderRequirement(
    accepts: { names in ["Mã hồ sơ", "Ngày tiếp nhận"].allSatisfy(names.contains) },
    knows: { ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận"].contains($0) },
    refusal: { _ in "required columns missing" })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let encoding: InputEncoding = size % 3 == 0 ? .windows1258 : .utf8
    let reader = HTMLTableReader(source: MemoryByteSource(bytes), encoding: encoding)
    var row = GridRow()
    var expected = 1
    while (try? reader.nextRow(&row)) == true {
        precondition(row.number == expected, "HTML rows are numbered in order")
        precondition(row.count <= GridLimits.maxColumns)
        expected += 1
    }
    let again = HTMLTableReader(source: MemoryByteSource(bytes), encoding: encoding)
    guard let table = try? SheetTable(grid: again, sheetName: "HTML table", requirement: requirement) else {
        return 0
    }
    var records = CSVReader(records: table)
    while (try? records.nextRecord()) == true {
        precondition(records.line > table.headerRows.upperBound)
    }
    return 0
}
