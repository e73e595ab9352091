import Foundation
import ReformTestSupport
import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// The official form is declared once (`Bieu06Column`, `FormColumn`, their identities): the stored
/// tables, the CSV headers, the page, the workbook and the contract all follow the declaration.
@Suite struct FormDeclarationTests {
    static let period = ReportingPeriod(label: "2025-03")!

    /// A row whose every count differs from the others (column n holds 10 × (n + 1)).
    static var numbered: Bieu06Row {
        var row = Bieu06Row(key: "001", name: "Quận Ba Đình")
        for column in Bieu06Column.allCases { row[column] = 10 * (column.index + 1) }
        return row
    }

    @Test func theDeclarationIsWhole() {
        // Each count has its own place; the form's columns are numbered 3…13 in order.
        #expect(Bieu06Column.allCases.map(\.index) == Array(0..<20))
        #expect(FormColumn.allCases.map(\.number) == Array(3...13))
        // Every published count is in a form column, among the extras, or both (the withdrawn).
        for column in Bieu06Column.allCases where column.isPublished {
            #expect(column.formColumn != nil || column.extraNumber != nil, "\(column)")
        }
        #expect(Bieu06Column.extras.compactMap(\.extraNumber) == [14, 15, 16, 17, 19, 20, 21])
        // The rate keeps (18); the counts added in 2026 follow it, in the CSVs as in the workbook.
        #expect(!Bieu06Column.extras.contains { $0.extraNumber == Bieu06Column.rateNumber })
        #expect(Bieu06Column.allCases.filter(\.followsRate).map(\.extraNumber) == [19, 20, 21])
        #expect(Set(Bieu06Column.pageOrder) == Set(Bieu06Column.allCases.filter(\.isPublished)))
        #expect(FormColumn.resolvedTotal.bieu06Columns == [.resolved, .withdrawnRejected])
        #expect(FormColumn.allCases.allSatisfy { !$0.bieu06Columns.isEmpty })
    }

    @Test func theFormsColumnsAreTheSumsTheDeclarationNames() {
        let row = Self.numbered, form = row.form
        for column in FormColumn.allCases {
            #expect(form[column] == column.bieu06Columns.reduce(0) { $0 + row[$1] }, "\(column)")
        }
        #expect(form[.resolvedTotal] == row[.resolved] + row[.withdrawnRejected])
    }

    @Test func identitiesAreCheckedFromTheirDeclaration() {
        var row = Bieu06Row(key: "x", name: "")
        row[.total] = 5
        row[.newOnline] = 5
        row[.resolved] = 2
        row[.early] = 1
        row[.pending] = 3
        row[.pendingWithin] = 3
        #expect(
            row.brokenIdentities().map(\.identity) == ["resolved = early + on_time + late + resolved_no_due"])
        var form = FormCounts()
        form[.receivedTotal] = 10
        form[.receivedOnline] = 9
        form[.resolvedTotal] = 4
        form[.early] = 5
        form[.pendingTotal] = 6
        form[.pendingOverdue] = -1
        #expect(
            form.identityProblems == [
                "(3) 10 ≠ (4)+(5)+(6) 9", "(7) 4 < (8)+(9)+(10) 5", "pending_overdue -1 < 0",
            ])
    }

    @Test func theStoredTablesHoldTheDeclaredColumns() throws {
        let database = try Schema.open(path: TestPaths.temporaryFolder() + "/db.sqlite")
        func columns(_ table: String) throws -> [String] {
            var names: [String] = []
            try database.prepare("SELECT name FROM pragma_table_info('\(table)') ORDER BY cid").forEachRow {
                names.append($0.text("name"))
            }
            return names
        }
        #expect(
            try columns("bieu06") == ["period", "dimension", "key", "name"] + Bieu06Column.allCases.map(\.rawValue))
        let submitted = try columns("submitted_row")
        let first = submitted.firstIndex(of: FormColumn.receivedTotal.rawValue)!
        #expect(Array(submitted[first..<first + 11]) == FormColumn.allCases.map(\.rawValue))
        // A typed row goes in and comes back column by column.
        try database.transaction {
            try Bieu06Store.replace(
                [Bieu06Store.Row(key: "001", name: "A", counts: Self.numbered.counts)], period: "2025-03",
                dimension: "unit", in: database)
        }
        #expect(
            try Bieu06Store.rows(period: "2025-03", dimension: "unit", in: database).first?.counts
                == Self.numbered.counts)
    }

    @Test func theCSVHeadersAndTheContractFollowTheDeclaration() throws {
        let header = Bieu06CSV.columns(.unit, period: Self.period).map(\.name)
        // The published counts in stored order, the rate, then the counts added in 2026.
        let before = Bieu06Column.allCases.filter { $0.isPublished && !$0.followsRate }
        let after = Bieu06Column.allCases.filter { $0.isPublished && $0.followsRate }
        #expect(
            header == ["period", "unit_code", "unit_name"] + before.map(\.rawValue) + ["on_time_rate"]
                + after.map(\.rawValue))
        let csv = String(
            decoding: Bieu06CSV.file([Self.numbered], period: Self.period, dimension: .unit), as: UTF8.self)
        let line = csv.split(separator: "\r\n")[1].split(separator: ",").map(String.init)
        #expect(Array(line[3..<3 + before.count]) == before.map { String(Self.numbered[$0]) })
        #expect(Array(line[(4 + before.count)...]) == after.map { String(Self.numbered[$0]) })
        let consolidated = ConsolidationTables.consolidatedColumns(period: Self.period).map(\.name)
        #expect(
            consolidated == ["period", "unit_code", "unit_name", "source"] + FormColumn.allCases.map(\.rawValue)
                + ["identity_problems"])
        // docs/contract.md §7 gives the header users build spreadsheets on.
        let contract = try String(contentsOfFile: TestPaths.root + "/docs/contract.md", encoding: .utf8)
        #expect(contract.contains("`" + header.joined(separator: ",") + "`"))
    }

    @Test func thePageShowsTheDeclaredColumnsInTheirOrder() {
        let html = Bieu06Page(
            period: Self.period, units: [Self.numbered], fields: [], violations: [], quality: DataQuality.empty,
            generatedAt: nil
        ).html()
        let headers = Bieu06Column.pageOrder.filter { $0.group != nil }.map { "<th>\($0.pageHeader)</th>" }.joined()
        #expect(html.contains("<tr>" + headers + "</tr>"))
        let cells = Bieu06Column.pageOrder.map { "<td class=\"n\">\(Self.numbered[$0])</td>" }.joined()
        #expect(html.contains("<td>Quận Ba Đình</td>" + cells))
    }

    @Test func theWorkbookShowsTheDeclaredColumns() throws {
        let path = TestPaths.temporaryFolder() + "/bieu06.xlsx"
        try Bieu06Workbook(
            period: Self.period, units: [Self.numbered], fields: [Self.numbered], header: FormHeader(),
            counting: CountingRules(), levels: UnitLevels()
        ).write(to: path)
        let workbook = try XLSXWorkbook(path: path)
        let reader = try workbook.open(try workbook.sheet("II.06a theo đơn vị"))
        var row = GridRow()
        var rows: [[String]] = []
        while try reader.nextRow(&row) { rows.append((0..<row.count).map(row.string)) }
        // Rows 5…7 hold the header: each form column's group on top, its path below.
        for column in FormColumn.allCases {
            let at = 2 + column.index
            let group = FormColumn.allCases.first { $0.group == column.group }!
            if group == column { #expect(rows[4][at] == column.group.title) }
            #expect(rows[5][at] == column.headerPath[0] || rows[5][at].isEmpty, "\(column)")
            #expect(rows[4 + column.headerPath.count][at] == column.headerPath.last!, "\(column)")
        }
        // Each extra stands at its number: (14) in the 14th column (index 13); (18) is the rate.
        for extra in Bieu06Column.extras { #expect(rows[4][extra.extraNumber! - 1] == extra.header) }
        #expect(rows[4][Bieu06Column.rateNumber - 1] == "Tỷ lệ đúng hạn (%)")
        // Row 8 numbers the columns; row 9 is the unit: (3)…(13) then the extras as declared.
        #expect(rows[7][2] == "(3)" && rows[7][12] == "(13)" && rows[7][20] == "(21)")
        let form = Self.numbered.form
        #expect(Array(rows[8][2..<13]) == FormColumn.allCases.map { String(form[$0]) })
        for extra in Bieu06Column.extras { #expect(rows[8][extra.extraNumber! - 1] == String(Self.numbered[extra])) }
        let merges = Set(
            try workbook.open(try workbook.sheet("II.06a theo đơn vị")).merges().map {
                [$0.firstRow, $0.firstColumn, $0.lastRow, $0.lastColumn]
            })
        // The groups span their columns; (4) and (5) share "Trong kỳ"; one-row leaves span down.
        #expect(merges.isSuperset(of: [[4, 2, 4, 5], [4, 6, 4, 9], [4, 10, 4, 12], [5, 3, 5, 4], [5, 2, 6, 2]]))
    }
}
