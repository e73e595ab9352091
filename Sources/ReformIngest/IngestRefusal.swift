import ReformModel
import ReformStore
import ReformSupport

/// Why a whole input file is refused (exit 65): nothing of it is stored.
public enum IngestRefusal: Error, CustomStringConvertible, Equatable {
    case emptyFile
    case missingColumn(DossierColumn)
    case duplicateColumn(column: DossierColumn, first: String, second: String)
    case utf16
    case notUTF8(line: Int)
    /// A reference file (catalogue) lacks a required column.
    case missingHeader(String, accepted: [String])
    /// Two columns of a reference file mean the same thing.
    case duplicateHeader(String)
    /// Every record of the file was rejected: nothing is kept, so the file can be read again once
    /// fixed or with the right options.
    case everyRecordRejected(read: Int, reasons: String, cause: String)
    /// A dossier export given as another kind of file (`--kind procedures`, a unit list …).
    case dossierExportAsReference(kind: String, columns: [String])
    /// The first line is longer than a record may be (2 MiB): not a table of this kind.
    case headerTooLarge
    /// The lines end with CR alone (old Mac files): the whole file would read as one line.
    case carriageReturnLineEnds
    /// A unit list or merge map whose file name does not end with the date it took effect.
    case undatedFileName(String)
    /// Published Decision 766 scores whose period neither an option nor the file name gives.
    case publishedPeriodUnknown(String)
    /// A submitted report whose columns (3)…(13) are not all found.
    case reportColumnsMissing([String], found: [String])
    /// A submitted report whose period is neither stated nor given.
    case reportPeriodUnknown(refused: String?)
    /// A submitted report by field that names no reporting unit.
    case reportUnitUnknown

    public var description: String {
        switch self {
        case .emptyFile:
            return "empty file: no header line"
        case .missingColumn(let column):
            let accepted = ([column.rawValue] + column.aliases).map { "\"\($0)\"" }.joined(separator: ", ")
            return "required column \(column.rawValue) is missing; the header must have one of: \(accepted)"
        case .duplicateColumn(let column, let first, let second):
            return "columns \"\(first)\" and \"\(second)\" both mean \(column.rawValue); keep one of them"
        case .utf16:
            return "the file is UTF-16 (as Excel writes \"Unicode text\"), not UTF-8; save it as \"CSV UTF-8\" "
                + "or ingest it with --encoding utf-16"
        case .missingHeader(let column, let accepted):
            return "required column \(column) is missing; the header must have one of: "
                + accepted.map { "\"\($0)\"" }.joined(separator: ", ")
        case .duplicateHeader(let column):
            return "two columns mean \(column); keep one of them"
        case .everyRecordRejected(let read, let reasons, let cause):
            let all = read == 1 ? "its only record was rejected" : "all \(read) of its records were rejected"
            return "\(all) (\(reasons)), so nothing of it was kept; \(cause)"
        case .dossierExportAsReference(let kind, let columns):
            return "this is a dossier export (it has the columns "
                + columns.map { "\"\($0)\"" }.joined(separator: ", ")
                + "), not a \(kind) file; ingest it with --kind dossiers"
        case .headerTooLarge:
            return "the first line is longer than 2 MiB, so it is no header: the file is not a CSV table "
                + "(or its line ends were lost); re-export it as CSV UTF-8"
        case .carriageReturnLineEnds:
            return "the lines end with a carriage return alone (CR, as old Mac programs write), so the file "
                + "reads as one line; re-save it with Windows (CRLF) or Unix (LF) line ends"
        case .undatedFileName(let name):
            return "the file name \"\(name)\" must end with the date the list took effect, as in "
                + "hanoi_units_2025-07-01.csv or hanoi_merge_map_2025-07-01.csv"
        case .publishedPeriodUnknown(let name):
            return "the period of \"\(name)\" is not known: give --period (2025-10, 2025-Q4, 2025) or name the file "
                + "as the portal does (bao_cao_T10_2025.xlsx, diem_766_nam_2025.xlsx)"
        case .reportColumnsMissing(let missing, let found):
            return "the report's columns " + missing.joined(separator: ", ")
                + " were not found (found: \(found.isEmpty ? "none" : found.joined(separator: ", "))); a report needs "
                + "the form's columns (3)–(13) under headers such as \"Số hồ sơ nhận giải quyết – Tổng số\""
        case .reportPeriodUnknown(let refused):
            if let refused {
                return "the report's title states a period that is no period (\(refused)) and none was given; "
                    + "correct the title, or give --from YYYY-MM-DD --to YYYY-MM-DD"
            }
            return "the report states no period (\"Từ ngày … đến ngày …\" above its table) and none was given; "
                + "give --from YYYY-MM-DD --to YYYY-MM-DD"
        case .reportUnitUnknown:
            return "the report is by field but names no reporting unit (\"Đơn vị báo cáo: …\" above its table) "
                + "and none was given; give --unit CODE"
        case .notUTF8(let line):
            return "the header (line \(line)) is not UTF-8; the file is likely Windows-1258 (Vietnamese Windows) "
                + "or another legacy code page; save it as \"CSV UTF-8\" or ingest it with --encoding cp1258"
        }
    }
}
