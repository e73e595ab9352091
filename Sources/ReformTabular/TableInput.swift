import ReformSupport

/// Opens the table in a workbook or HTML file as records for the ingesters: the sheet chosen,
/// its header found for the kind of input, its data rows handed out through a `CSVReader`.
package enum TableInput {
    /// The table of the file at `path` (of `format`, not text), read from sheet `sheet` (a name or a
    /// number from 1; the first when nil) with a header meeting `requirement`. HTML is read in
    /// the charset its meta tag declares, else in `encoding`.
    package static func open(
        path: String, format: InputFormat, encoding: InputEncoding, sheet: String?, requirement: HeaderRequirement
    ) throws -> (reader: CSVReader, table: SheetTable) {
        let table: SheetTable
        switch format {
        case .ooxml:
            let workbook = try XLSXWorkbook(path: path)
            let chosen = try workbook.sheet(sheet)
            table = try SheetTable(grid: try workbook.open(chosen), sheetName: chosen.name, requirement: requirement)
        case .html:
            if let sheet, !sheet.isEmpty, sheet != "1" {
                throw WorkbookError.noSuchSheet(requested: sheet, available: ["1"])
            }
            let head = try FileByteSource(path: path)
            var bytes = [UInt8](repeating: 0, count: 4096)
            let n = try bytes.withUnsafeMutableBufferPointer { try head.read(into: $0) }
            let declared = HTMLTableReader.declaredEncoding(Array(bytes[0..<n]))
            let grid = HTMLTableReader(source: try FileByteSource(path: path), encoding: declared ?? encoding)
            table = try SheetTable(grid: grid, sheetName: "HTML table", requirement: requirement)
        case .biff: throw WorkbookError.legacyBIFF
        case .encryptedOOXML: throw WorkbookError.encryptedWorkbook
        case .spreadsheetML: throw WorkbookError.spreadsheetML
        case .text: preconditionFailure("text is read as CSV")
        }
        // The table is read on its own thread (its `skipped` count is final once the reader ends).
        return (CSVReader(records: ReadAheadRecords(table)), table)
    }
}
