import ReformSupport

/// Writes an Office Open XML workbook (.xlsx) sheet by sheet, row by row, through a streaming ZIP
/// writer: a million rows cost the memory of one. Text is written as inline strings, dates as
/// serials of the 1900 system under a date format, so Excel, LibreOffice and every reader show
/// the values as typed. The same calls give the same bytes.
package final class XLSXWriter {
    /// A cell's value.
    package enum Value: Equatable {
        case empty
        case text(String)
        /// A number, written as given (`12`, `96.5`).
        case number(String)
        /// A Vietnam local date and time as seconds since 1970-01-01 00:00 local.
        case date(localSeconds: Int64)
    }

    /// The few looks a sheet needs; each is one cell format of the styles part (Times New Roman,
    /// as official forms are typeset).
    package enum Style: Int, CaseIterable {
        case plain = 0, date, header, title, bordered, borderedNumber
        /// Bold text and bold numbers in a bordered cell (band and total rows).
        case borderedBold, borderedBoldNumber
        /// Italic, centred, bordered (the row numbering the columns).
        case borderedItalicCentered
        /// Italic wrapped text without a border (notes), bold text without a border (the header block).
        case italic, bold
        /// A two-decimal number in a bordered cell (rates).
        case borderedDecimal
        /// Bold, centred, without a border (form number, title lines, signature block).
        case boldCentered
        /// Centred text without a border.
        case centered
        /// A bold two-decimal number in a bordered cell.
        case borderedBoldDecimal
    }

    /// How a sheet prints and scrolls: A4, portrait or landscape, fitted to the page width, the
    /// header rows repeated on every printed page and frozen on screen.
    package struct SheetSetup: Equatable {
        package var landscape = true
        /// Rows (from 1) repeated at the top of every printed page and frozen when scrolling.
        package var headerRows: ClosedRange<Int>?

        package init(landscape: Bool = true, headerRows: ClosedRange<Int>? = nil) {
            self.landscape = landscape
            self.headerRows = headerRows
        }
    }

    /// A cell.
    package struct Cell: Equatable {
        package var value: Value
        package var style: Style

        package init(_ value: Value, _ style: Style = .plain) {
            self.value = value
            self.style = style
        }
    }

    private let zip: ZipWriter
    private var sheetNames: [String] = []
    private var setups: [SheetSetup?] = []
    /// The workbook's creation time (ISO 8601, UTC), written to its properties only when given, so
    /// the same calls give the same bytes.
    package var created: String?
    private var merges: [CellRange] = []
    private var rowNumber = 0
    private var inSheet = false
    private var buffer: [UInt8] = []

    /// A writer of the workbook at `path` (it appears whole at `commit`).
    package init(path: String) throws {
        zip = try ZipWriter(path: path)
    }

    /// Starts a sheet named `name` (Excel's limits: 31 characters, none of `[]:*?/\`), with the
    /// given column widths in characters.
    package func beginSheet(_ name: String, columnWidths: [Double] = [], setup: SheetSetup? = nil) throws {
        try endSheet()
        let cleaned = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        sheetNames.append(cleaned.isEmpty ? "Sheet\(sheetNames.count + 1)" : cleaned)
        setups.append(setup)
        try zip.begin("xl/worksheets/sheet\(sheetNames.count).xml")
        var head =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        if setup != nil { head += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        if let rows = setup?.headerRows {
            // The rows down to the header's last stay in view when scrolling.
            head +=
                "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(rows.upperBound)\" "
                + "topLeftCell=\"A\(rows.upperBound + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A\(rows.upperBound + 1)\" "
                + "sqref=\"A\(rows.upperBound + 1)\"/></sheetView></sheetViews>"
        }
        if !columnWidths.isEmpty {
            head += "<cols>"
            for (index, width) in columnWidths.enumerated() {
                head += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            head += "</cols>"
        }
        head += "<sheetData>"
        try zip.write(head)
        inSheet = true
        rowNumber = 0
        merges = []
    }

    /// Appends a row under the previous one; `height` in points when it must be taller than one
    /// line (wrapped header cells).
    package func row(_ cells: [Cell], height: Double? = nil) throws {
        precondition(inSheet, "row before beginSheet")
        rowNumber += 1
        if let height {
            buffer += Array("<row r=\"\(rowNumber)\" ht=\"\(height)\" customHeight=\"1\">".utf8)
        } else {
            buffer += Array("<row r=\"\(rowNumber)\">".utf8)
        }
        for (index, cell) in cells.enumerated() {
            let reference = Self.columnName(index) + String(rowNumber)
            let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
            switch cell.value {
            case .empty:
                if cell.style != .plain { buffer += Array("<c r=\"\(reference)\"\(style)/>".utf8) }
            case .text(let text):
                buffer += Array("<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t".utf8)
                if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
                    buffer += Array(" xml:space=\"preserve\"".utf8)
                }
                buffer.append(UInt8(ascii: ">"))
                Self.escape(Self.cellText(text), into: &buffer)
                buffer += Array("</t></is></c>".utf8)
            case .number(let number):
                buffer += Array("<c r=\"\(reference)\"\(style)><v>\(number)</v></c>".utf8)
            case .date(let seconds):
                let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
                let rest = seconds - days * 86_400
                // Serial 25569 is 1970-01-01 in the 1900 system.
                let serial = Double(days + 25_569) + Double(rest) / 86_400
                let style = cell.style == .plain ? Style.date : cell.style
                buffer += Array("<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(serial)</v></c>".utf8)
            }
        }
        buffer += Array("</row>".utf8)
        if buffer.count >= 1 << 16 {
            try zip.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Merges a range of the current sheet (written after its rows, as the format wants).
    package func merge(_ range: CellRange) {
        merges.append(range)
    }

    private func endSheet() throws {
        guard inSheet else { return }
        inSheet = false
        buffer += Array("</sheetData>".utf8)
        if !merges.isEmpty {
            buffer += Array("<mergeCells count=\"\(merges.count)\">".utf8)
            for range in merges {
                let first = Self.columnName(range.firstColumn) + String(range.firstRow + 1)
                let last = Self.columnName(range.lastColumn) + String(range.lastRow + 1)
                buffer += Array("<mergeCell ref=\"\(first):\(last)\"/>".utf8)
            }
            buffer += Array("</mergeCells>".utf8)
        }
        if let setup = setups.last ?? nil {
            buffer += Array(
                ("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
                    + "<pageSetup paperSize=\"9\" orientation=\"\(setup.landscape ? "landscape" : "portrait")\" "
                    + "fitToWidth=\"1\" fitToHeight=\"0\"/>").utf8)
        }
        buffer += Array("</worksheet>".utf8)
        try zip.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the workbook's other parts and renames the file into place.
    package func commit() throws {
        try endSheet()
        precondition(!sheetNames.isEmpty, "a workbook needs a sheet")
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        try zip.begin("[Content_Types].xml")
        try zip.write(
            xml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + (created == nil
                    ? ""
                    : "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
                + sheetNames.indices.map {
                    "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                }.joined() + "</Types>")
        try zip.begin("_rels/.rels")
        try zip.write(
            xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + (created == nil
                    ? ""
                    : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
                + "</Relationships>")
        if let created {
            try zip.begin("docProps/core.xml")
            try zip.write(
                xml
                    + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                    + "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                    + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                    + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(created)</dcterms:created>"
                    + "</cp:coreProperties>")
        }
        try zip.begin("xl/workbook.xml")
        var sheets = ""
        for (index, name) in sheetNames.enumerated() {
            var escaped: [UInt8] = []
            Self.escape(name, into: &escaped, attribute: true)
            sheets +=
                "<sheet name=\"\(String(decoding: escaped, as: UTF8.self))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        // Header rows repeated on every printed page: Excel's reserved name per sheet.
        var names = ""
        for (index, setup) in setups.enumerated() {
            guard let rows = setup?.headerRows else { continue }
            var escaped: [UInt8] = []
            Self.escape(sheetNames[index].replacing("'", with: "''"), into: &escaped)
            names +=
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">'"
                + "\(String(decoding: escaped, as: UTF8.self))'!$\(rows.lowerBound):$\(rows.upperBound)</definedName>"
        }
        try zip.write(
            xml + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets>\(sheets)</sheets>" + (names.isEmpty ? "" : "<definedNames>\(names)</definedNames>")
                + "</workbook>")
        try zip.begin("xl/_rels/workbook.xml.rels")
        try zip.write(
            xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + sheetNames.indices.map {
                    "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
                }.joined()
                + "<Relationship Id=\"rId\(sheetNames.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>")
        try zip.begin("xl/styles.xml")
        try zip.write(xml + Self.styles)
        try zip.commit()
    }

    /// The styles part: the cell formats of `Style`, in order.
    static let styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm:ss\"/></numFmts>"
        + "<fonts count=\"4\"><font><sz val=\"11\"/><name val=\"Times New Roman\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Times New Roman\"/></font>"
        + "<font><b/><sz val=\"13\"/><name val=\"Times New Roman\"/></font>"
        + "<font><i/><sz val=\"11\"/><name val=\"Times New Roman\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/>"
        + "<diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"\(Style.allCases.count)\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" "
        + "applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
        + "<alignment vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" "
        + "applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"3\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" "
        + "applyBorder=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" "
        + "applyAlignment=\"1\"><alignment horizontal=\"center\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
        + "<alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"4\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" "
        + "applyBorder=\"1\"/>"
        + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// `A`, …, `Z`, `AA`, … for column `index` from 0.
    package static func columnName(_ index: Int) -> String {
        var name: [UInt8] = []
        var n = index + 1
        while n > 0 {
            n -= 1
            name.insert(UInt8(ascii: "A") + UInt8(n % 26), at: 0)
            n /= 26
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// Text as XML character data: markup characters as entities, and characters XML 1.0 cannot
    /// hold (controls other than tab and line ends) as OOXML's `_xHHHH_`; an underscore that
    /// would read as such an escape is itself escaped.
    /// The most UTF-16 units a cell holds (Excel's limit; a longer text is cut by Excel on opening,
    /// and is cut here instead, with an ellipsis, so the file opens as written).
    static let maxCellUnits = 32_767

    /// `text` as a cell can hold it.
    package static func cellText(_ text: String) -> String {
        guard text.utf16.count > maxCellUnits else { return text }
        var kept = ""
        var units = 0
        for character in text {
            let size = character.utf16.count
            if units + size > maxCellUnits - 1 { break }
            kept.append(character)
            units += size
        }
        return kept + "…"
    }

    static func escape(_ text: String, into output: inout [UInt8], attribute: Bool = false) {
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"): output += Array("&amp;".utf8)
            case UInt8(ascii: "<"): output += Array("&lt;".utf8)
            case UInt8(ascii: ">"): output += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: output += Array("&quot;".utf8)
            case 0x0D: output += Array("_x000D_".utf8)
            case 0x09, 0x0A: output.append(byte)
            case 0..<0x20: output += Array(String(controlEscape: byte).utf8)
            case UInt8(ascii: "_")
            where i + 6 < bytes.count && bytes[i + 1] == UInt8(ascii: "x") && bytes[i + 6] == UInt8(ascii: "_")
                && bytes[(i + 2)..<(i + 6)].allSatisfy({
                    ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66)
                }):
                output += Array("_x005F_".utf8)
            default: output.append(byte)
            }
            i += 1
        }
    }
}

extension String {
    /// `_x00HH_` for a control byte.
    fileprivate init(controlEscape byte: UInt8) {
        let hex = Array("0123456789ABCDEF".utf8)
        self = "_x00" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self) + "_"
    }
}
