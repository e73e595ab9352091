import Foundation
import ReformTestSupport
import Testing

@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// The yearly outputs are declared once (their row types): the stored tables and the store's round
/// trip are held to that declaration.
@Suite struct IndexResultTablesTests {
    private func check<Row: ResultRow>(_: Row.Type, in database: Database) throws {
        let stored = try IndexResultTables.storedColumns(of: Row.self, in: database)
        #expect(stored.columns.map(\.name) == ["index_year", "seq"] + Row.header, "\(Row.output)")
        #expect(
            stored.columns.dropFirst(2).map(\.type) == Row.fields.map { $0.kind.isText ? "TEXT" : "INTEGER" },
            "\(Row.output)")
        #expect(stored.columns.dropFirst(2).map(\.notNull) == Row.fields.map { !$0.optional }, "\(Row.output)")
        #expect(stored.unique == ["index_year"] + Row.grain, "\(Row.output)")
        #expect(Set(Row.grain).isSubset(of: Row.header) && Set(Row.header).count == Row.header.count)
    }

    @Test func eachStoredTableHasTheColumnsItsRowTypeDeclares() throws {
        let database = try Schema.open(path: TestPaths.temporaryFolder() + "/db.sqlite")
        try check(Index766Row.self, in: database)
        try check(SIPASRow.self, in: database)
        try check(SIPASExpectationRow.self, in: database)
        try check(PARRow.self, in: database)
        try check(DelegationRow.self, in: database)
    }

    @Test func rowsComeBackFromTheStoreAsTheyWent() throws {
        let database = try Schema.open(path: TestPaths.temporaryFolder() + "/db.sqlite")
        let index766 = [
            Index766Row(
                period: "2025", unitCode: "001", unitName: "A", criterion: "5.4", numerator: nil, denominator: nil,
                ratio: 5000, maxPoints: 600, score: 333, rank: nil),
            Index766Row(
                period: "2025", unitCode: "001", unitName: "A", criterion: "total", numerator: nil, denominator: nil,
                ratio: nil, maxPoints: 600, score: 333, rank: 1),
        ]
        try database.transaction {
            try IndexResultTables.beginYear(2025, in: database)
            try IndexResultTables.replace(index766, year: 2025, in: database)
            try IndexResultTables.replace(ResultRowSamples.par, year: 2025, in: database)
            try IndexResultTables.replace(ResultRowSamples.delegation, year: 2025, in: database)
            try IndexResultTables.beginYear(2024, in: database)
        }
        #expect(try IndexResultTables.rows(Index766Row.self, year: 2025, in: database) == index766)
        #expect(try IndexResultTables.rows(PARRow.self, year: 2025, in: database) == ResultRowSamples.par)
        #expect(try IndexResultTables.rows(DelegationRow.self, year: 2025, in: database) == ResultRowSamples.delegation)
        #expect(try IndexResultTables.rows(SIPASRow.self, year: 2025, in: database).isEmpty)
        // A year computed with nothing to show is computed; one never computed is not.
        #expect(try IndexResultTables.isComputed(year: 2024, in: database))
        #expect(try !IndexResultTables.isComputed(year: 2023, in: database))
        // Computing a year again replaces its rows.
        try database.transaction {
            try IndexResultTables.beginYear(2025, in: database)
            try IndexResultTables.replace(Array(ResultRowSamples.par.prefix(1)), year: 2025, in: database)
        }
        #expect(
            try IndexResultTables.rows(PARRow.self, year: 2025, in: database) == Array(ResultRowSamples.par.prefix(1)))
        #expect(try IndexResultTables.rows(Index766Row.self, year: 2025, in: database).isEmpty)
        // Two rows of the same grain are a bug the store refuses.
        #expect(throws: (any Error).self) {
            try database.transaction {
                try IndexResultTables.replace(
                    [ResultRowSamples.par[1], ResultRowSamples.par[1]], year: 2025, in: database)
            }
        }
    }
}
