// libFuzzer target: the CSV reader and writer on arbitrary bytes.
// Properties: nothing crashes; every record's start line lies within the input; writing the
// records back and reading them again gives the same fields (for well-formed records).

@testable import ReformSupport
@testable import ReformTabular

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    var reader = CSVReader(bytes: bytes)
    var records: [[[UInt8]]] = []
    var lastLine = 0
    while (try? reader.nextRecord()) == true {
        precondition(reader.line > lastLine && reader.line <= lines, "line numbers must increase within the file")
        lastLine = reader.line
        let fields = (0..<reader.fieldCount).map { Array(reader.field($0)) }
        if !reader.isUnterminated { records.append(fields) }
    }
    // Round trip through the writer (text cells that a spreadsheet would run are prefixed, so
    // compare numbers-only cells: `.number` is written verbatim apart from quoting).
    var writer = CSVWriter(header: ["x"])
    for record in records where !record.isEmpty {
        writer.writeRow(record.map { CSVCell.number(String(decoding: $0, as: UTF8.self)) })
    }
    var again = CSVReader(bytes: writer.bytes)
    _ = try? again.nextRecord()
    for record in records where !record.isEmpty {
        let expected = record.map { Array(String(decoding: $0, as: UTF8.self).utf8) }
        // A record of one empty field is a blank line once written: the reader skips it.
        if expected == [[]] { continue }
        guard (try? again.nextRecord()) == true else { preconditionFailure("record lost in round trip") }
        let got = (0..<again.fieldCount).map { Array(again.field($0)) }
        precondition(got == expected, "round trip changed a record")
    }
    return 0
}
