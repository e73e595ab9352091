import ReformSupport

/// Opens the table in a workbook or HTML file as records for the ingesters: the sheet chosen,
/// its header found for the kind of input, its data rows handed out through a `CSVReader`.
package enum TableInput {
    /// The table of the file at `path` (of `format`, not text), read from sheet `sheet` (a name or a
    /// number from 1; the first when nil) with a header meeting `requirement`. HTML is read in
    /// `encoding` when one other than UTF-8 is given (a page's `<meta>` may lie), else in UTF-16
    /// after its byte order mark, else in the charset its meta tag declares, else in UTF-8.
    package static func open(
        path: String, format: InputFormat, encoding: InputEncoding, sheet: String?, requirement: HeaderRequirement
    ) throws -> (reader: CSVReader, table: SheetTable) {
        let table: SheetTable
        switch format {
        case .ooxml:
            let workbook = try XLSXWorkbook(path: path)
            let chosen = try workbook.sheet(sheet)
            table = try naming(workbook.sheets.map(\.name)) {
                try SheetTable(grid: try workbook.open(chosen), sheetName: chosen.name, requirement: requirement)
            }
        case .html:
            if let sheet, !sheet.isEmpty, sheet != "1" {
                throw WorkbookError.noSuchSheet(requested: sheet, available: ["1"])
            }
            let head = try FileByteSource(path: path)
            var bytes = [UInt8](repeating: 0, count: 4096)
            let n = try bytes.withUnsafeMutableBufferPointer { try head.read(into: $0) }
            let declared = HTMLTableReader.declaredEncoding(Array(bytes[0..<n]))
            let chosen: InputEncoding
            if encoding != .utf8 {
                chosen = encoding
            } else if InputEncoding.startsWithUTF16Mark(bytes[0..<n]) {
                chosen = .utf16
            } else {
                chosen = declared ?? .utf8
            }
            let grid = HTMLTableReader(source: try FileByteSource(path: path), encoding: chosen)
            do {
                table = try SheetTable(grid: grid, sheetName: "HTML table", requirement: requirement)
            } catch let error as WorkbookError {
                // A header spelt in another encoding is no header: say which encoding the page is in.
                if case .headerNotFound = error, chosen == .utf8, try !startsAsUTF8(path: path) {
                    throw WorkbookError.htmlNotUTF8(declared: declared == .utf8)
                }
                throw error
            }
        case .biff:
            let workbook = try BIFFWorkbook(path: path)
            let chosen = try workbook.sheet(sheet)
            table = try naming(workbook.sheets.map(\.name)) {
                try SheetTable(grid: try workbook.open(chosen), sheetName: chosen.name, requirement: requirement)
            }
        case .encryptedOOXML: throw WorkbookError.encryptedWorkbook
        case .spreadsheetML: throw WorkbookError.spreadsheetML
        case .text: preconditionFailure("text is read as CSV")
        }
        // The table is read on its own thread (its `skipped` count is final once the reader ends).
        return (CSVReader(records: ReadAheadRecords(table)), table)
    }

    /// `open`'s table; a sheet without a header says which other sheets the workbook has.
    private static func naming(_ sheets: [String], _ open: () throws -> SheetTable) throws -> SheetTable {
        do {
            return try open()
        } catch WorkbookError.headerNotFound(let sheet, let rows, let reason) where sheets.count > 1 {
            // Masked with the rest of the message where it is printed (IngestStage).
            let names = sheets.map { "\"\($0)\"" }.joined(separator: ", ")
            throw WorkbookError.headerNotFound(
                sheet: sheet, rows: rows,
                reason: reason + "; the workbook's sheets are \(names) (--sheet takes a name or a number from 1)")
        }
    }

    /// True when the first MiB of the file is UTF-8 (a character cut at the end aside).
    static func startsAsUTF8(path: String) throws -> Bool {
        let source = try FileByteSource(path: path)
        var bytes = [UInt8](repeating: 0, count: 1 << 20)
        var count = 0
        while count < bytes.count {
            let n = try bytes.withUnsafeMutableBufferPointer {
                try source.read(into: UnsafeMutableBufferPointer(rebasing: $0[count...]))
            }
            if n == 0 { break }
            count += n
        }
        var end = count
        // Drop a sequence the MiB cuts: back to its lead byte.
        if count == bytes.count {
            while end > count - 3 && bytes[end - 1] & 0xC0 == 0x80 { end -= 1 }
            if bytes[end - 1] >= 0xC0 { end -= 1 }
        }
        return UTF8Validation.isValid(bytes[0..<end])
    }
}
