import Foundation
import ReformTestSupport
import Testing

@testable import ReformModel
@testable import ReformStore

/// The stored Biểu 06 keeps the counts the model names, in the model's order.
@Suite struct Bieu06StoreTests {
    @Test func theStoredCountsAreTheModelsColumns() throws {
        let database = try Schema.open(path: TestPaths.temporaryFolder() + "/db.sqlite")
        var columns: [String] = []
        try database.prepare("SELECT name FROM pragma_table_info('bieu06') ORDER BY cid").forEachRow {
            columns.append($0.text("name"))
        }
        #expect(columns == ["period", "dimension", "key", "name"] + Bieu06Column.allCases.map(\.rawValue))
        #expect(Bieu06Store.countColumns == Bieu06Column.allCases.map(\.rawValue))
        #expect(Bieu06Column.allCases.filter(\.isPublished).count == 18)
    }

    @Test func rowsComeBackByKeyWithTheirCounts() throws {
        var numbered = Bieu06Counts()
        for (offset, column) in Bieu06Column.allCases.enumerated() { numbered[column] = offset + 1 }
        let database = try Schema.open(path: TestPaths.temporaryFolder() + "/db.sqlite")
        let rows = [
            Bieu06Store.Row(key: "002", name: "B", counts: numbered),
            Bieu06Store.Row(key: "001", name: "A", counts: Bieu06Counts()),
        ]
        try database.transaction { try Bieu06Store.replace(rows, period: "2025-03", dimension: "unit", in: database) }
        #expect(try Bieu06Store.rows(period: "2025-03", dimension: "unit", in: database) == rows.reversed())
        #expect(try Bieu06Store.rows(period: "2025-03", dimension: "field", in: database).isEmpty)
    }
}
