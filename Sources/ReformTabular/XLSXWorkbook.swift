/// An Office Open XML workbook (.xlsx) read in place: its sheets by name, its date system, and a
/// streaming reader for one sheet at a time. Shared strings and cell styles are loaded when a
/// sheet is opened (a sheet's text cells point into them); the sheet itself is never held whole.
package final class XLSXWorkbook {
    /// A worksheet as the workbook lists it.
    package struct Sheet {
        package let name: String
        /// The part holding its cells (`xl/worksheets/sheet1.xml`).
        package let part: String
    }

    /// The worksheets in workbook order (chart sheets are left out).
    package let sheets: [Sheet]
    /// True when the workbook counts dates from 1904 (old Mac Excel).
    package let date1904: Bool
    private let archive: ZipArchive
    private let workbookPart: String
    private var relationships: [(type: String, target: String)] = []

    /// Opens the package at `path`: refuses what is not a workbook.
    package init(path: String) throws {
        archive = try ZipArchive(path: path)
        let root = try Self.relationships(of: "", in: archive)
        guard
            let office = root.first(where: { $0.type.hasSuffix("/officeDocument") })?.target
                ?? (archive.entry("xl/workbook.xml") != nil ? "xl/workbook.xml" : nil),
            archive.entry(office) != nil
        else {
            throw WorkbookError.notAWorkbook(found: archive.entries.map(\.name).filter { !$0.hasSuffix("/") })
        }
        workbookPart = office
        let folderRelationships = try Self.relationships(of: office, in: archive)
        relationships = folderRelationships.map { ($0.type, $0.target) }
        let scanner = XMLScanner(source: try archive.stream(archive.entry(office)!), part: office)
        var sheets: [Sheet] = []
        var date1904 = false
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            guard event == .start else { continue }
            if scanner.nameIs("workbookPr") {
                let value = scanner.attribute("date1904")
                date1904 = value == "1" || value == "true"
            } else if scanner.nameIs("sheet") {
                let name = scanner.attribute("name") ?? ""
                let id = scanner.attribute("id") ?? ""
                // Chart sheets and dialog sheets have relationships of other types.
                if let relationship = folderRelationships.first(where: { $0.id == id }),
                    relationship.type.hasSuffix("/worksheet")
                {
                    sheets.append(Sheet(name: name, part: relationship.target))
                }
            }
        }
        guard !sheets.isEmpty else { throw WorkbookError.noWorksheet }
        self.sheets = sheets
        self.date1904 = date1904
    }

    /// The sheet `choice` names (a name, else a number from 1), or the first.
    package func sheet(_ choice: String?) throws -> Sheet {
        sheets[try SheetChoice.index(of: choice, in: sheets.map(\.name))]
    }

    /// A streaming reader of `sheet`'s rows.
    package func open(_ sheet: Sheet) throws -> XLSXSheetReader {
        guard let entry = archive.entry(sheet.part) else { throw WorkbookError.missingPart(sheet.part) }
        let strings = try sharedStrings()
        let styles = try self.cellStyles()
        return try XLSXSheetReader(
            archive: archive, entry: entry, strings: strings, dateStyles: styles.map { $0 == .date },
            zeroPadding: styles.map { if case .zeroPadded(let width) = $0 { return width } else { return 0 } },
            date1904: date1904)
    }

    private func part(ofType suffix: String, default fallback: String) -> String? {
        if let target = relationships.first(where: { $0.type.hasSuffix(suffix) })?.target { return target }
        return archive.entry(fallback) != nil ? fallback : nil
    }

    /// The shared string table (empty when the workbook has none).
    private func sharedStrings() throws -> SharedStrings {
        var table = SharedStrings()
        guard let name = part(ofType: "/sharedStrings", default: "xl/sharedStrings.xml") else { return table }
        guard let entry = archive.entry(name) else { throw WorkbookError.missingPart(name) }
        let scanner = XMLScanner(source: try archive.stream(entry), part: name)
        var current: [UInt8] = []
        var inPhonetic = 0
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                return table
            case .start:
                if scanner.nameIs("si") {
                    current.removeAll(keepingCapacity: true)
                } else if scanner.nameIs("rPh") {
                    // Phonetic guides (East Asian readings) are not part of the text.
                    if !scanner.isSelfClosing { inPhonetic += 1 }
                } else if scanner.nameIs("t") && inPhonetic == 0 {
                    current.append(contentsOf: try scanner.elementText())
                }
            case .end:
                if scanner.nameIs("si") {
                    OOXMLText.unescape(&current)
                    try table.append(current, part: name)
                } else if scanner.nameIs("rPh") {
                    inPhonetic = max(0, inPhonetic - 1)
                }
            case .text:
                break
            }
        }
    }

    /// How a cell style's number format shows a number, as far as reading needs it.
    enum NumberShape: Equatable {
        case plain
        case date
        /// Padded with zeros to `width` digits (`000`: the number 1 shows as "001", a unit code).
        case zeroPadded(Int)

        init(id: Int, code: String?) {
            if ExcelNumber.isDateFormat(id: id, code: code) {
                self = .date
            } else if let code, let width = ExcelNumber.zeroPaddedWidth(code) {
                self = .zeroPadded(width)
            } else {
                self = .plain
            }
        }
    }

    /// For each cell style (`s` attribute), how its number format shows a number.
    private func cellStyles() throws -> [NumberShape] {
        guard let name = part(ofType: "/styles", default: "xl/styles.xml"), let entry = archive.entry(name) else {
            return []
        }
        let scanner = XMLScanner(source: try archive.stream(entry), part: name)
        var customFormats: [Int: String] = [:]
        var styles: [NumberShape] = []
        var inCellFormats = false
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                return styles
            case .start:
                if scanner.nameIs("numFmt") {
                    if let id = scanner.attribute("numFmtId").flatMap(Int.init) {
                        customFormats[id] = scanner.attribute("formatCode") ?? ""
                    }
                } else if scanner.nameIs("cellXfs") {
                    inCellFormats = !scanner.isSelfClosing
                } else if scanner.nameIs("xf") && inCellFormats {
                    let id = scanner.attribute("numFmtId").flatMap(Int.init) ?? 0
                    styles.append(NumberShape(id: id, code: customFormats[id]))
                }
            case .end:
                if scanner.nameIs("cellXfs") { inCellFormats = false }
            case .text:
                break
            }
        }
    }

    /// The relationships of `part` (`""` for the package root): id, type and resolved target.
    private static func relationships(of part: String, in archive: ZipArchive) throws
        -> [(id: String, type: String, target: String)]
    {
        let folder = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fileName = part.split(separator: "/").last.map(String.init) ?? ""
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + fileName + ".rels"
        guard let entry = archive.entry(relsName) else { return [] }
        let scanner = XMLScanner(source: try archive.stream(entry), part: relsName)
        var result: [(String, String, String)] = []
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { return result }
            guard event == .start, scanner.nameIs("Relationship") else { continue }
            if scanner.attribute("TargetMode") == "External" { continue }
            let target = scanner.attribute("Target") ?? ""
            result.append(
                (scanner.attribute("Id") ?? "", scanner.attribute("Type") ?? "", resolve(target, from: folder)))
        }
    }

    /// A relationship target as a part name: absolute (`/xl/…`) or relative to `folder`, with
    /// `..` and `.` segments resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        var segments: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}

/// The shared string table, back to back in one buffer (a million distinct strings cost their
/// bytes and one offset each, not a million String objects).
package struct SharedStrings {
    private var bytes: [UInt8] = []
    /// Where each string ends (the text is bounded below 4 GiB, so 32 bits hold it).
    private var ends: [UInt32] = []
    /// The most text the table holds (a million-row export's strings take a few tens of MiB).
    static let maxBytes = 256 << 20
    /// The most strings the table holds: a string of no text still costs its offset, and a part of
    /// a few MB can declare a hundred million of them.
    static let maxStrings = 1 << 24

    package var count: Int { ends.count }

    package init() {}

    package mutating func append(_ string: [UInt8], part: String) throws {
        guard bytes.count + string.count <= Self.maxBytes else {
            throw WorkbookError.tooLarge(name: part, limit: Self.maxBytes)
        }
        guard ends.count < Self.maxStrings else {
            throw WorkbookError.tooManyStrings(part: part, limit: Self.maxStrings)
        }
        bytes.append(contentsOf: string)
        ends.append(UInt32(bytes.count))
    }

    /// String `index`; nil when there is no such string.
    package subscript(index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index < ends.count else { return nil }
        return bytes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }
}

/// OOXML's escape for characters XML cannot hold: `_xHHHH_` is the UTF-16 unit HHHH, `_x005F_`
/// an underscore (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
package enum OOXMLText {
    package static func unescape(_ bytes: inout [UInt8]) {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")),
            zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: "_") && $1 == UInt8(ascii: "x") })
        else { return }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        var pendingHigh: UInt32?
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x"),
                bytes[i + 6] == UInt8(ascii: "_"),
                let unit = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16)
            {
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                } else {
                    var scalarValue = unit
                    if let high = pendingHigh, (0xDC00...0xDFFF).contains(unit) {
                        scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                    }
                    pendingHigh = nil
                    if let scalar = Unicode.Scalar(scalarValue) {
                        output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    }
                }
                i += 7
                continue
            }
            pendingHigh = nil
            output.append(bytes[i])
            i += 1
        }
        bytes = output
    }
}
