import ReformSupport

/// One cell of an output CSV row: text is guarded against formula injection, numbers never are.
public enum CSVCell: Equatable, Sendable {
    case text(String)
    case number(String)
    case empty

    /// An integer cell.
    public static func int(_ value: Int) -> CSVCell { .number(String(value)) }
}

/// Builds an output CSV in memory the way spreadsheets read it best: a UTF-8 byte order mark, CRLF
/// record ends, RFC 4180 quoting, and a `'` before text that a spreadsheet would run as a formula.
public struct CSVWriter {
    /// The encoded file so far.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Creates a writer; the header row is written first.
    public init(header: [String]) {
        writeRow(header.map { .text($0) })
    }

    /// A writer that continues a file already started elsewhere: no byte order mark, no header.
    public init(continuing: Void) {
        bytes = []
    }

    /// Appends one record.
    public mutating func writeRow(_ cells: [CSVCell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .empty: break
            case .number(let value): append(field: value)
            case .text(let value): append(field: CSVWriter.guardFormula(value))
            }
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Prefixes `'` to text that starts with `=`, `+`, `-`, `@`, TAB or CR (spreadsheet formula
    /// injection, OWASP's CSV injection guidance).
    public static func guardFormula(_ text: String) -> String {
        guard let first = text.utf8.first else { return text }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return "'" + text
        default:
            return text
        }
    }

    private mutating func append(field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        if !needsQuotes {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
