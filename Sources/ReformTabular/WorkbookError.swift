/// Why a workbook (an .xlsx package, an HTML table saved as .xls, a legacy .xls) cannot be read.
/// Each case names its cause in words a user can act on; ingest refuses the file whole (exit 65).
public enum WorkbookError: Error, Equatable, CustomStringConvertible {
    /// No end-of-archive record: the file was cut short (an interrupted download or copy).
    case truncatedArchive
    /// The ZIP structure contradicts itself (offsets outside the file, a wrong signature).
    case corruptArchive(String)
    /// An entry whose data does not inflate, or inflates to another size or checksum.
    case corruptEntry(name: String, reason: String)
    /// An entry encrypted with ZIP's own encryption.
    case encryptedEntry(String)
    /// An entry compressed other than stored or deflated.
    case unsupportedCompression(name: String, method: Int)
    /// An archive that needs ZIP64 (over 4 GiB or 65,535 entries).
    case zip64
    /// The archive holds more entries than a classic ZIP directory counts (ZIP64).
    case tooManyEntries
    /// Two entries of the archive have one name (readers disagree on which one counts).
    case duplicateEntry(String)
    /// The shared string table holds more strings than any workbook needs.
    case tooManyStrings(part: String, limit: Int)
    /// An HTML page read as UTF-8 (declared so, or declaring nothing) is not UTF-8.
    case htmlNotUTF8(declared: Bool)
    /// An HTML table's rowspans and colspans place far more cells than the file holds.
    case spannedCells(limit: Int)
    /// A ZIP archive without an Excel workbook in it (a Word document, a folder zipped by hand).
    case notAWorkbook(found: [String])
    /// A part the workbook refers to is missing.
    case missingPart(String)
    /// An entry inflates beyond what a workbook part may hold, or far beyond its compressed size.
    case tooLarge(name: String, limit: Int)
    /// A sheet whose records would be many times its own size (a long string repeated in
    /// thousands of cells, cells spanning thousands of rows).
    case amplified(sheet: String, factor: Int)
    /// An XML part declares a DTD (refused: entities are never expanded).
    case xmlDoctype(part: String)
    /// An XML part is not well formed where the reader needs it.
    case malformedXML(part: String, reason: String)
    /// A legacy binary workbook older than Excel 95 (BIFF2–4), or in a version this reader does not know.
    case legacyVersion(String)
    /// A legacy .xls whose compound file or records contradict themselves.
    case corruptLegacy(String)
    /// A legacy .xls larger than any export.
    case legacyTooLarge(limit: Int)
    /// Excel 2003's XML Spreadsheet.
    case spreadsheetML
    /// A password-protected workbook (an encrypted OOXML package inside a compound file).
    case encryptedWorkbook
    /// The requested sheet does not exist.
    case noSuchSheet(requested: String, available: [String])
    /// The workbook has no worksheet.
    case noWorksheet
    /// An HTML file without a table row.
    case noTable
    /// No row among the first `rows` holds the columns the kind of input requires.
    case headerNotFound(sheet: String, rows: Int, reason: String)

    public var description: String {
        switch self {
        case .truncatedArchive:
            return "the workbook is truncated (its ZIP directory is missing): the download or copy was cut "
                + "short; fetch the file again"
        case .corruptArchive(let reason):
            return "the workbook's ZIP structure is damaged (\(reason)); open it in Excel and save it again"
        case .corruptEntry(let name, let reason):
            return "the workbook part \(name) is damaged (\(reason)); open it in Excel and save it again"
        case .encryptedEntry(let name):
            return "the workbook part \(name) is encrypted; save the workbook without a password"
        case .unsupportedCompression(let name, let method):
            return "the workbook part \(name) uses ZIP compression method \(method); save it again as "
                + ".xlsx (Excel Workbook)"
        case .zip64:
            return "the workbook is a ZIP64 archive (over 4 GiB); split the export or save it as CSV UTF-8"
        case .tooManyEntries:
            return "the workbook is a ZIP64 archive of over 65,535 parts, which no export needs: refused as "
                + "damaged or hostile; export the table as .xlsx or CSV UTF-8"
        case .duplicateEntry(let name):
            return "the workbook holds the part \(name) twice (programs disagree on which copy counts): refused "
                + "as damaged or tampered with; open it in Excel and save it again"
        case .tooManyStrings(let part, let limit):
            return "the workbook part \(part) holds over \(limit) strings: refused as a possible ZIP bomb; "
                + "export the table as CSV UTF-8"
        case .htmlNotUTF8(let declared):
            return "the page is not UTF-8"
                + (declared ? " although its <meta> says so" : " and declares no charset")
                + ", so its header cannot be read; if it was saved by an older Windows tool, ingest it with "
                + "--encoding cp1258 (which overrides the page's declaration)"
        case .spannedCells(let limit):
            return "the HTML table's rowspan and colspan attributes place over \(limit) cells, far more than the "
                + "file holds: refused as a possible decompression bomb; export the table as CSV UTF-8"
        case .notAWorkbook(let found):
            let listed = found.isEmpty ? "nothing" : found.prefix(3).joined(separator: ", ")
            return "the file is a ZIP archive but not an Excel workbook (it holds \(listed)); export the "
                + "table as .xlsx or CSV UTF-8"
        case .missingPart(let name):
            return "the workbook lacks its part \(name); open it in Excel and save it again"
        case .tooLarge(let name, let limit):
            return "the workbook part \(name) inflates beyond \(limit >> 20) MiB (or over 500 times its "
                + "compressed size): refused as a possible ZIP bomb; export the table as CSV UTF-8"
        case .amplified(let sheet, let factor):
            return "sheet \"\(sheet)\" repeats its text into records over \(factor) times its own size: refused as "
                + "a possible decompression bomb; export the table as CSV UTF-8"
        case .xmlDoctype(let part):
            return "the workbook part \(part) declares a DTD, which no spreadsheet writes: refused (entities "
                + "are never expanded)"
        case .malformedXML(let part, let reason):
            return "the workbook part \(part) is not well-formed XML (\(reason)); open it in Excel and save it again"
        case .legacyVersion(let version):
            return "the file is a legacy Excel workbook (\(version)), which is not read: open it in Excel or "
                + "LibreOffice and choose Save as .xlsx (Excel Workbook)"
        case .corruptLegacy(let reason):
            return "the legacy Excel (.xls) file is damaged (\(reason)); open it in Excel or LibreOffice and save it "
                + "again, as .xlsx if it still fails"
        case .legacyTooLarge(let limit):
            return "the legacy Excel (.xls) file is over \(limit >> 20) MiB, more than any export: split it, or "
                + "export the table as CSV UTF-8"
        case .spreadsheetML:
            return "the file is an Excel 2003 XML Spreadsheet, which is not read: open it in Excel or "
                + "LibreOffice and choose Save as .xlsx (Excel Workbook)"
        case .encryptedWorkbook:
            return "the workbook is password-protected (encrypted); open it, remove the password (File > Info > "
                + "Protect Workbook) and save it again"
        case .noSuchSheet(let requested, let available):
            let names = available.map { "\"\($0)\"" }.joined(separator: ", ")
            return "the workbook has no sheet \"\(requested)\"; its sheets are \(names) (--sheet takes a name or "
                + "a number from 1)"
        case .noWorksheet:
            return "the workbook has no worksheet"
        case .noTable:
            return "the file is HTML but holds no table row (<tr>); export the list again"
        case .headerNotFound(let sheet, let rows, let reason):
            return "no header row found in the first \(rows) rows of sheet \"\(sheet)\": \(reason)"
        }
    }
}
