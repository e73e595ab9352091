import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformTabular

/// Finding a dossier export's table in a sheet: under title rows, from two merged header rows, and
/// what is said when no row of the first forty is a header.
@Suite struct DossierSheetTableTests {
    /// A sheet given as rows.
    final class Rows: GridSource {
        var rows: [GridRow]
        let merged: [CellRange]
        init(_ rows: [[String]], merges: [CellRange] = []) {
            self.rows = rows.enumerated().map { GridRow(number: $0.offset + 1, cells: $0.element) }
            merged = merges
        }
        func nextRow(_ row: inout GridRow) throws -> Bool {
            guard !rows.isEmpty else { return false }
            row = rows.removeFirst()
            return true
        }
        func merges() throws -> [CellRange] { merged }
        var bytesRead: Int { 0 }
    }

    func table(_ rows: [[String]], merges: [CellRange] = []) throws -> (SheetTable, [[String]]) {
        let table = try SheetTable(
            grid: Rows(rows, merges: merges), sheetName: "Sheet1", requirement: InputFile.dossierHeader)
        var reader = CSVReader(records: table)
        var records: [[String]] = []
        while try reader.nextRecord() {
            records.append([String(reader.line)] + (0..<reader.fieldCount).map(reader.string))
        }
        return (table, records)
    }

    @Test func headerIsFoundUnderTitlesAndMergedFromTwoRows() throws {
        let rows = [
            ["ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH"],
            [],
            ["", "Từ ngày 01/03/2025 đến ngày 31/03/2025"],
            ["", "STT", "Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày", "", "Ghi chú"],
            ["", "", "", "", "", "tiếp\nnhận", "hẹn trả", ""],
            ["", "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
            ["", "1", "A", "P", "U", "01/03/2025", "", ""],
            [],
            ["", "2", "B", "P", "U", "02/03/2025", "09/03/2025", "x"],
            ["", "Tổng cộng", "", "", "", "2"],
            ["", "Cộng:", "2"],
        ]
        let merges = [
            CellRange(reference: "F4:G4")!, CellRange(reference: "B4:B5")!, CellRange(reference: "C4:C5")!,
            CellRange(reference: "D4:D5")!, CellRange(reference: "E4:E5")!, CellRange(reference: "H4:H5")!,
        ]
        let (found, records) = try table(rows, merges: merges)
        // Column A names nothing, so it is no column of the table (nothing could read it).
        #expect(
            found.header == ["STT", "Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ghi chú"])
        #expect(found.headerRows == 4...5)
        #expect(found.titleLines == ["ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH", "Từ ngày 01/03/2025 đến ngày 31/03/2025"])
        #expect(records.map { $0[0] } == ["7", "9"])
        #expect(records[0] == ["7", "1", "A", "P", "U", "01/03/2025", "", ""])
        #expect(found.skipped == 4)
        // Without the merge ranges (an HTML table fills them itself) the lowest cells name the columns.
        let (plain, _) = try table(rows)
        #expect(plain.header[4] == "tiếp nhận" || plain.header[4] == "Ngày tiếp nhận")
    }

    @Test func aDataRowWiderThanTheHeaderKeepsItsCells() throws {
        let (_, records) = try table([
            ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận"], ["A", "P", "U", "01/03/2025", "stray"],
        ])
        #expect(records == [["2", "A", "P", "U", "01/03/2025", "stray"]])
    }

    @Test func noHeaderWithinFortyRowsNamesWhatIsMissing() {
        var rows = (1...41).map { ["title \($0)"] }
        rows.append(["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận"])
        #expect {
            _ = try table(rows)
        } throws: { error in
            "\(error)".contains("first 40 rows") && "\(error)".contains("dossier_id")
        }
    }

    /// OpenCPS's dossier list: titles, then "Mã hồ sơ" and its neighbours on row 3 without a
    /// procedure code. The message names row 3 and what is missing there, not the title row.
    @Test func noHeaderNamesTheRowsMostLikeOne() {
        let rows = [
            ["UBND TỈNH HẬU GIANG"], ["DANH SÁCH HỒ SƠ"],
            ["STT", "Mã hồ sơ", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Mã đơn vị"],
            ["1", "HS-1", "Nguyễn Văn An", "01/03/2025", "05/03/2025", "", "U1"],
        ]
        #expect {
            _ = try table(rows)
        } throws: { error in
            let text = "\(error)"
            return text.contains("the rows most like a header are row 3") && text.contains("procedure_code")
                && !text.contains("dossier_id is missing")
        }
        // No row names any column: the first row is described, with its number.
        #expect {
            _ = try table([[], ["x", "y"], ["1", "2"]])
        } throws: { error in "\(error)".contains("no row names a column it reads; in its first row (2)") }
    }
}
