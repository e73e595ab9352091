import Foundation
import ReformTestSupport
import Testing

@testable import ReformSupport
@testable import ReformTabular

/// The pieces of the workbook readers, on bytes made here: dates and number formats, cell
/// references, XML text, HTML spans, finding the header.
@Suite struct WorkbookReaderTests {
    @Test func dateFormatsAreRecognisedOutsideQuotesAndBrackets() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47] {
            #expect(ExcelNumber.isDateFormat(id: id, code: nil), "built-in \(id)")
        }
        for id in [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49] {
            #expect(!ExcelNumber.isDateFormat(id: id, code: nil), "built-in \(id)")
        }
        let dates = ["dd/mm/yyyy", "d/m/yy h:mm", "yyyy-mm-dd hh:mm:ss", "[$-42A]dd/mm/yyyy", "mmm-yy", "h:mm AM/PM"]
        for code in dates { #expect(ExcelNumber.isDateFormat(id: 164, code: code), "\(code)") }
        let numbers = ["0.00", "#,##0", "\"ngày\" 0", "[Red]0.0", "0\\d", "General", "#,##0 \"đồng\"", "[h]", "0_m"]
        for code in numbers { #expect(!ExcelNumber.isDateFormat(id: 164, code: code), "\(code)") }
    }

    @Test func serialsConvertInBothDateSystemsToTheSecond() {
        #expect(ExcelNumber.dateText(serial: 45292, date1904: false) == "2024-01-01 00:00:00")
        #expect(ExcelNumber.dateText(serial: 45292.5, date1904: false) == "2024-01-01 12:00:00")
        #expect(ExcelNumber.dateText(serial: 45717.354166666664, date1904: false) == "2025-03-01 08:30:00")
        // 23:59:59.6 rounds into the next day.
        #expect(ExcelNumber.dateText(serial: 45292 + 86_399.6 / 86_400, date1904: false) == "2024-01-02 00:00:00")
        #expect(ExcelNumber.dateText(serial: 1, date1904: false) == "1900-01-01 00:00:00")
        #expect(ExcelNumber.dateText(serial: 59, date1904: false) == "1900-02-28 00:00:00")
        #expect(ExcelNumber.dateText(serial: 60, date1904: false) == "1900-02-29 00:00:00")
        #expect(ExcelNumber.dateText(serial: 61, date1904: false) == "1900-03-01 00:00:00")
        // The 1904 system is 1,462 days behind.
        #expect(ExcelNumber.dateText(serial: 45292 - 1462, date1904: true) == "2024-01-01 00:00:00")
        #expect(ExcelNumber.dateText(serial: 0, date1904: true) == "1904-01-01 00:00:00")
        #expect(ExcelNumber.dateText(serial: -1, date1904: false) == nil)
        #expect(ExcelNumber.dateText(serial: .infinity, date1904: false) == nil)
        #expect(ExcelNumber.dateText(serial: 1e300, date1904: false) == nil)
    }

    @Test func dateCellNumbersParseWithoutStrings() {
        for text in ["45717.354166666664", "45292", "0.5", "45717.99998842592592", "1.5E-3", "-3", "4e4"] {
            #expect(XLSXSheetReader.serial(Array(text.utf8)) == Double(text), "\(text)")
        }
        #expect(XLSXSheetReader.serial(Array("".utf8)) == nil)
        #expect(XLSXSheetReader.serial(Array(".".utf8)) == nil)
        #expect(XLSXSheetReader.serial(Array("1.2.3".utf8)) == nil)
    }

    @Test func numbersKeepTheirTextButLoseExponents() {
        #expect(Array(ExcelNumber.plainText(ArraySlice("1.2345E+5".utf8))) == Array("123450".utf8))
        #expect(Array(ExcelNumber.plainText(ArraySlice("12.5".utf8))) == Array("12.5".utf8))
        #expect(Array(ExcelNumber.plainText(ArraySlice("1.5E-3".utf8))) == Array("1.5E-3".utf8))
        #expect(Array(ExcelNumber.plainText(ArraySlice("1E+300".utf8))) == Array("1E+300".utf8))
    }

    @Test func cellReferencesParse() throws {
        #expect(CellRange.cell(Array("A1".utf8))! == (0, 0))
        #expect(CellRange.cell(Array("$AB$12".utf8))! == (11, 27))
        #expect(CellRange.cell(Array("XFD1048576".utf8))! == (1_048_575, 16_383))
        for bad in ["1A", "A", "12", "XFE1", "AAAA1", "A0", "A12345678", "A1B"] {
            #expect(CellRange.cell(Array(bad.utf8)) == nil, "\(bad)")
        }
        #expect(CellRange(reference: "B3:D4") == CellRange(firstRow: 2, firstColumn: 1, lastRow: 3, lastColumn: 3))
        #expect(CellRange(reference: "C2") == CellRange(firstRow: 1, firstColumn: 2, lastRow: 1, lastColumn: 2))
        #expect(CellRange(reference: "B3:") == nil)
    }

    func scan(_ xml: String, chunk: Int = 7) throws -> [String] {
        let scanner = XMLScanner(source: MemoryByteSource(Array(xml.utf8)), part: "test.xml", chunkSize: chunk)
        scanner.wantsText = true
        var events: [String] = []
        while true {
            switch try scanner.next() {
            case .start: events.append("<\(scanner.name)" + (scanner.attribute("v").map { " v=\($0)" } ?? ""))
            case .end: events.append("</\(scanner.name)")
            case .text: events.append(String(decoding: scanner.text, as: UTF8.self))
            case .endOfDocument: return events
            }
        }
    }

    @Test func xmlScannerDecodesTextAcrossChunks() throws {
        let xml = """
            <?xml version="1.0"?><!-- a > comment --><x:a v="1 &amp; 2 &gt; 0"><b v='q"x'/>Đ&#7889;&#x6E;g &lt;&amp;&gt; &bogus; &#0;\
            <![CDATA[<raw>]]></x:a>
            """
        for chunk in [7, 64, 4096] {
            #expect(
                try scan(xml, chunk: chunk) == [
                    "<a v=1 & 2 > 0", "<b v=q\"x", "</b", "Đống <&> &bogus; &#0;", "<raw>", "</a",
                ])
        }
    }

    @Test func commentsSectionsAndTagsEndRightWhereverAChunkEnds() throws {
        // Ends of tokens ("-->", "?>", "]]>") split at every place a refill can fall.
        let xml = """
            <a><!-- -- -> --- --><?pi ? > ?><b v="1>2" w='>'>t<![CDATA[]>]]]></b><!----><c/><?x?></a>
            """
        for chunk in 1...12 {
            #expect(
                try scan(xml, chunk: chunk) == ["<a", "<b v=1>2", "t", "]>]", "</b", "<c", "</c", "</a"], "\(chunk)")
        }
        let scanner = XMLScanner(source: MemoryByteSource(Array("<a><!-- never closed".utf8)), part: "x.xml")
        _ = try scanner.next()
        #expect(throws: WorkbookError.self) { _ = try scanner.next() }
    }

    @Test func quotedGreaterThanSignsAreReadOnce() throws {
        // 200,000 ">" inside one quoted value: read in one pass (a rescan per ">" would not end).
        let value = String(repeating: ">", count: 200_000)
        let scanner = XMLScanner(source: MemoryByteSource(Array("<c v=\"\(value)\"/>".utf8)), part: "x.xml")
        #expect(try scanner.next() == .start)
        #expect(scanner.attribute("v")?.count == 200_000)
        // HTML tags are bounded at 64 KiB (longer, a stray "<" in text is assumed and dropped).
        let html = "<table><tr><td a='" + String(repeating: ">", count: 60_000) + "'>1</td><td>2</td></tr></table>"
        #expect(try htmlRows(html) == [["1", "2"]])
    }

    @Test func xmlScannerRefusesDoctypesAndUnclosedTags() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><a>&lol;</a>"
        #expect(throws: WorkbookError.xmlDoctype(part: "test.xml")) { try scan(bomb) }
        let external = "<!DOCTYPE a SYSTEM \"http://example.com/x.dtd\"><a/>"
        #expect(throws: WorkbookError.xmlDoctype(part: "test.xml")) { try scan(external) }
        #expect(throws: WorkbookError.self) { try scan("<a><b attr=\"never closed") }
        #expect(throws: WorkbookError.self) { try scan("<a><!-- never closed") }
    }

    @Test func xmlScannerBoundsOneToken() {
        let scanner = XMLScanner(
            source: MemoryByteSource(Array(("<a v=\"" + String(repeating: "x", count: 5000) + "\"/>").utf8)),
            part: "big.xml", chunkSize: 64, maxToken: 1024)
        #expect(throws: WorkbookError.self) { _ = try scanner.next() }
        // Unwanted text streams through in constant memory, however long.
        let spaces = XMLScanner(
            source: MemoryByteSource(Array(("<a>" + String(repeating: " ", count: 100_000) + "</a>").utf8)),
            part: "spaces.xml", chunkSize: 64, maxToken: 1024)
        #expect(throws: Never.self) {
            while try spaces.next() != .endOfDocument {}
        }
    }

    @Test func ooxmlEscapesDecode() {
        var bytes = Array("a_x000D_b_x005F_x0041_ c_xD83D__xDE00_".utf8)
        OOXMLText.unescape(&bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "a\rb_x0041_ c😀")
    }

    func htmlRows(_ html: String, encoding: InputEncoding = .utf8) throws -> [[String]] {
        let reader = HTMLTableReader(source: MemoryByteSource(Array(html.utf8)), encoding: encoding)
        var row = GridRow()
        var rows: [[String]] = []
        while try reader.nextRow(&row) { rows.append((0..<row.count).map(row.string)) }
        return rows
    }

    @Test func htmlSpansFillTheGrid() throws {
        let html = """
            <!DOCTYPE html><html><head><style>td { color: red }</style><script>if (a<b) {}</script></head>
            <body><table><tr><TD COLSPAN=3>Title</TD></tr>
            <tr><th rowspan="2">STT</th><th colspan='2'>Ngày</th><th rowspan=2>Đơn vị</th></tr>
            <tr><th>tiếp
              nhận</th><th>hẹn <b>trả</b></th></tr>
            <tr><td>1</td><td>01/03/2025<br/>08:00</td><td>&nbsp;</td><td>A &amp; B&#7889;</td>
            <tr><td>2<td>x<td>y<td>z
            </table></body></html>
            """
        let rows = try htmlRows(html)
        #expect(
            rows == [
                ["Title", "Title", "Title"],
                ["STT", "Ngày", "Ngày", "Đơn vị"],
                ["STT", "tiếp nhận", "hẹn trả", "Đơn vị"],
                ["1", "01/03/2025\n08:00", "", "A & Bố"],
                ["2", "x", "y", "z"],
            ])
        #expect(throws: WorkbookError.noTable) { try htmlRows("<html><body><p>Không có dữ liệu</p></body></html>") }
    }

    @Test func htmlDeclaredCharsetIsFound() {
        #expect(
            HTMLTableReader.declaredEncoding(
                Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">".utf8))
                == .windows1258)
        #expect(HTMLTableReader.declaredEncoding(Array("<meta charset=\"utf-8\">".utf8)) == .utf8)
        #expect(HTMLTableReader.declaredEncoding(Array("<html><table>".utf8)) == nil)
    }

    @Test func mergedRangesAreReadOnlyWhenTheyCouldNameAColumn() {
        func rows(_ cells: [[String]]) -> [GridRow] {
            cells.enumerated().map { GridRow(number: $0.offset + 1, cells: $0.element) }
        }
        // A plain header over a data row with an empty value: nothing to fill.
        #expect(!SheetTable.mergesMatter(rows([["Mã hồ sơ", "Ngày hẹn trả"], ["A", ""]])))
        // An empty leading column, and a vertical merge's empty lower cell: nothing either.
        #expect(!SheetTable.mergesMatter(rows([["", "STT", "Mã hồ sơ"], ["", "", "x"]])))
        // "Ngày" merged over three columns leaves two empty cells above named ones.
        #expect(SheetTable.mergesMatter(rows([["Ngày", "", ""], ["tiếp nhận", "hẹn trả", "có kết quả"]])))
        #expect(!SheetTable.mergesMatter(rows([["Mã hồ sơ", "Ngày"]])))
    }

    @Test func aRowIsBoundedHoweverManyLongCellsItRepeats() throws {
        var row = GridRow()
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<16_384 { row.append(long) }
        #expect(row.count == 16_384)
        #expect(row.bytes.count == GridRow.maxBytes)
        // Read as a record, it is too large and has no fields.
        final class One: RecordSource {
            var row: GridRow?
            init(_ row: GridRow) { self.row = row }
            func nextRecord(bytes: inout [UInt8], ends: inout [Int]) throws -> Int? {
                guard let row else { return nil }
                self.row = nil
                row.copyCells(of: Array(0..<16_384), width: 16_384, into: &bytes, ends: &ends)
                return 7
            }
            var bytesRead: Int { 0 }
        }
        var reader = CSVReader(records: One(row))
        #expect(try reader.nextRecord())
        #expect(reader.isTooLarge && reader.fieldCount == 0 && reader.line == 7)
    }

    @Test func aSparseRowHoldsOnlyItsCellsAndCopiesTheTablesColumns() {
        var row = GridRow()
        row.reset(number: 4)
        row.append(Array("A".utf8))
        row.pad(to: 3)
        row.append(Array("D".utf8))
        row.pad(to: 16_383)
        row.append(Array("XFD".utf8))
        #expect(row.count == 16_384 && row.presentCount == 3)
        #expect(row.string(0) == "A" && row.string(1) == "" && row.string(3) == "D" && row.string(16_383) == "XFD")
        #expect(row.string(16_384) == "" && row.presentCell(1).column == 3)
        var bytes: [UInt8] = []
        var ends: [Int] = []
        // The table's named columns A, C, D of a header four wide: XFD is one field beyond it.
        row.copyCells(of: [0, 2, 3], width: 4, into: &bytes, ends: &ends)
        #expect(String(decoding: bytes, as: UTF8.self) == "ADXFD" && ends == [1, 1, 2, 5])
        // A header reaching XFD takes it as its own column.
        row.copyCells(of: [0, 3, 16_383], width: 16_384, into: &bytes, ends: &ends)
        #expect(ends == [1, 2, 5])
        row.append(Array("".utf8))
        row.trimTrailingEmpty()
        #expect(row.count == 16_384 && row.presentCount == 3)
    }

    @Test func titleRowsStateTheirUnitAndPeriod() {
        func day(_ text: String) -> Int {
            let parts = text.split(separator: "/").map { Int($0)! }
            return CivilDate.dayNumber(year: parts[2], month: parts[1], day: parts[0])
        }
        let lines = ["ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "BÁO CÁO", "(Từ ngày 15/6/2021 đến hết ngày 14/9/2021)"]
        #expect(
            StatedFacts(titleLines: lines)
                == StatedFacts(unit: "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", period: day("15/06/2021")...day("14/09/2021")))
        #expect(
            StatedFacts(titleLines: ["Sở Tư pháp", "Tháng 3/2025"]).period == day("01/03/2025")...day("31/03/2025"))
        #expect(StatedFacts(titleLines: ["tháng 02 năm 2024"]).period == day("01/02/2024")...day("29/02/2024"))
        // Nothing is guessed: no period, a reversed range, an impossible date, no issuing body.
        #expect(StatedFacts(titleLines: ["DANH SÁCH HỒ SƠ"]) == StatedFacts())
        #expect(StatedFacts(titleLines: ["Từ ngày 31/03/2025 đến ngày 01/03/2025"]).period == nil)
        #expect(StatedFacts(titleLines: ["Từ ngày 31/02/2025 đến ngày 01/03/2025"]).period == nil)
        #expect(StatedFacts(titleLines: ["Tháng 13/2025"]).period == nil)
        // The body under its parent issues the form; a signing date is no period.
        let opencps = [
            "UBND TỈNH HẬU GIANG", "UBND HUYỆN CHÂU THÀNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Hậu Giang, ngày 05 tháng 04 năm 2025", "BÁO CÁO TỔNG HỢP THEO LĨNH VỰC",
            "Từ ngày 01/01/2025 đến ngày 31/03/2025",
        ]
        #expect(
            StatedFacts(titleLines: opencps)
                == StatedFacts(unit: "UBND HUYỆN CHÂU THÀNH", period: day("01/01/2025")...day("31/03/2025")))
        #expect(StatedFacts(titleLines: ["Hà Nội, ngày 5 tháng 4 năm 2025"]).period == nil)
        #expect(StatedFacts(titleLines: ["UBND TỈNH X", "BÁO CÁO", "UBND HUYỆN Y"]).unit == "UBND TỈNH X")
    }

    @Test func titleLinesSplitAtLineBreaksAndDropRepeats() {
        #expect(
            SheetTable.lines(GridRow(number: 1, cells: ["UBND TỈNH\nDANH SÁCH", "UBND TỈNH\nDANH SÁCH", "", "x"]))
                == ["UBND TỈNH", "DANH SÁCH", "x"])
        // A cell of several lines is a block: OpenCPS's heading beside the national motto.
        #expect(
            SheetTable.lines(
                GridRow(
                    number: 1,
                    cells: ["UBND TỈNH HẬU GIANG\nUBND HUYỆN CHÂU THÀNH", "", "CỘNG HÒA\nHậu Giang, ngày 05"]))
                == ["UBND TỈNH HẬU GIANG", "UBND HUYỆN CHÂU THÀNH", "CỘNG HÒA", "Hậu Giang, ngày 05"])
        #expect(SheetTable.lines(GridRow(number: 1, cells: ["Từ ngày", "01/01/2025"])) == ["Từ ngày 01/01/2025"])
    }

    @Test func numberingAndTotalRowsAreToldFromData() {
        #expect(SheetTable.isNumbering(GridRow(number: 1, cells: ["(1)", "(2)", "(3)"])))
        #expect(SheetTable.isNumbering(GridRow(number: 1, cells: ["A", "B", "1", "2", "3"])))
        #expect(SheetTable.isNumbering(GridRow(number: 1, cells: ["", "1", "2", "3"])))
        #expect(
            SheetTable.isNumbering(GridRow(number: 1, cells: ["(1)", "(2)", "(3=4+5)", "(4)", "(5)", "(6=7+8+9)"])))
        #expect(!SheetTable.isNumbering(GridRow(number: 1, cells: ["(1)", "(2=x)", "(3)"])))
        #expect(!SheetTable.isNumbering(GridRow(number: 1, cells: ["1", "A001", "P", "U"])))
        #expect(!SheetTable.isNumbering(GridRow(number: 1, cells: ["1", "5", "3"])))
        #expect(!SheetTable.isNumbering(GridRow(number: 1, cells: ["7"])))
        #expect(SheetTable.isTotal(GridRow(number: 1, cells: ["", "TỔNG CỘNG", "5"])))
        #expect(SheetTable.isTotal(GridRow(number: 1, cells: ["Tổng số:", "5"])))
        #expect(!SheetTable.isTotal(GridRow(number: 1, cells: ["1", "Tổng cộng"])))
        #expect(!SheetTable.isTotal(GridRow(number: 1, cells: ["Tổng cục Thuế"])))
    }

    @Test func formatIsJudgedByContent() throws {
        let folder = TestPaths.temporaryFolder()
        func format(_ bytes: [UInt8]) throws -> InputFormat {
            let path = folder + "/file.xls"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return try InputFormat.of(path: path)
        }
        #expect(try format(Array("PK\u{03}\u{04}rest".utf8)) == .ooxml)
        #expect(try format([0xEF, 0xBB, 0xBF] + Array("\n  <html><table>".utf8)) == .html)
        #expect(try format(Array("<table><tr><td>1</td></tr></table>".utf8)) == .html)
        #expect(try format(Array("Mã hồ sơ,Mã TTHC\n<a>,b\n".utf8)) == .text)
        #expect(
            try format(
                Array("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".utf8))
                == .spreadsheetML)
        let compound: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        #expect(try format(compound + Array("Workbook".utf16.flatMap { [UInt8($0), 0] })) == .biff)
        #expect(try format(compound + Array("EncryptedPackage".utf16.flatMap { [UInt8($0), 0] })) == .encryptedOOXML)
        #expect(try format([]) == .text)
    }
}
