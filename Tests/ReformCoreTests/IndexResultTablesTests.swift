import Foundation
import Testing

@testable import ReformCore
@testable import ReformMetrics
@testable import ReformStore

/// The yearly outputs are declared once (their row types): the stored tables, the CSV files and
/// the store's round trip are held to that declaration.
@Suite struct IndexResultTablesTests {
    static let par = [
        PARRow(
            year: 2025, unitCode: "001", unitName: "Quận Ba Đình", field: "1", points: 957_050, maxPoints: 1_000_000,
            subIndex: 9571, index: nil, rank: nil, grade: nil, changePP: nil),
        PARRow(
            year: 2025, unitCode: "001", unitName: "Quận Ba Đình", field: "total", points: 957_050,
            maxPoints: 1_000_000, subIndex: nil, index: 9571, rank: 2, grade: "B", changePP: -150),
        PARRow(
            year: 2025, unitCode: "=cmd", unitName: "", field: "total", points: 0, maxPoints: 0, subIndex: nil,
            index: nil, rank: nil, grade: nil, changePP: nil),
    ]
    static let delegation = [
        DelegationRow(
            asOf: "2025-06-30", measure: "plan_coverage", numerator: 708, denominator: 1895, rate: 3736,
            publishedRate: "37,4", agrees: true),
        DelegationRow(
            asOf: "", measure: "decision_rate", numerator: 0, denominator: 0, rate: nil, publishedRate: nil,
            agrees: nil),
        DelegationRow(
            asOf: "", measure: "internal_process_rate", numerator: 1, denominator: 3, rate: 3333, publishedRate: "40",
            agrees: false),
    ]

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
        #expect(
            IndexStages.fileNames == [
                Index766Row.output, SIPASRow.output, SIPASExpectationRow.output, PARRow.output, DelegationRow.output,
            ])
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
            try IndexResultTables.replace(Self.par, year: 2025, in: database)
            try IndexResultTables.replace(Self.delegation, year: 2025, in: database)
            try IndexResultTables.beginYear(2024, in: database)
        }
        #expect(try IndexResultTables.rows(Index766Row.self, year: 2025, in: database) == index766)
        #expect(try IndexResultTables.rows(PARRow.self, year: 2025, in: database) == Self.par)
        #expect(try IndexResultTables.rows(DelegationRow.self, year: 2025, in: database) == Self.delegation)
        #expect(try IndexResultTables.rows(SIPASRow.self, year: 2025, in: database).isEmpty)
        // A year computed with nothing to show is computed; one never computed is not.
        #expect(try IndexResultTables.isComputed(year: 2024, in: database))
        #expect(try !IndexResultTables.isComputed(year: 2023, in: database))
        // Computing a year again replaces its rows.
        try database.transaction {
            try IndexResultTables.beginYear(2025, in: database)
            try IndexResultTables.replace(Array(Self.par.prefix(1)), year: 2025, in: database)
        }
        #expect(try IndexResultTables.rows(PARRow.self, year: 2025, in: database) == Array(Self.par.prefix(1)))
        #expect(try IndexResultTables.rows(Index766Row.self, year: 2025, in: database).isEmpty)
        // Two rows of the same grain are a bug the store refuses.
        #expect(throws: (any Error).self) {
            try database.transaction {
                try IndexResultTables.replace([Self.par[1], Self.par[1]], year: 2025, in: database)
            }
        }
    }

    @Test func cellsAreWrittenAsTheirKindSays() {
        let table = OutputTable(Self.par)
        #expect(table.name == "par_index.csv" && table.header == PARRow.header)
        #expect(
            Self.par.map(\.texts) == [
                ["2025", "001", "Quận Ba Đình", "1", "95.71", "100.00", "95.71", "", "", "", ""],
                ["2025", "001", "Quận Ba Đình", "total", "95.71", "100.00", "", "95.71", "2", "B", "-1.50"],
                ["2025", "=cmd", "", "total", "0.00", "0.00", "", "", "", "", ""],
            ])
        // The year and codes are text (a workbook keeps them as labels); numbers are number cells.
        #expect(table.rows[0][0] == .text("2025") && table.rows[0][4] == .number("95.71"))
        #expect(table.rows[1][8] == .number("2") && table.rows[0][7] == .empty)
        let csv = String(decoding: table.csv, as: UTF8.self)
        #expect(csv.contains("2025,'=cmd,,total,0.00,0.00,,,,,\r\n"))
        #expect(
            Self.delegation.map(\.texts) == [
                ["2025-06-30", "plan_coverage", "708", "1895", "37.36", "37,4", "yes"],
                ["", "decision_rate", "0", "0", "", "", ""],
                ["", "internal_process_rate", "1", "3", "33.33", "40", "no"],
            ])
    }

    @Test func thePageShowsTypedValuesInVietnamese() {
        let indices = YearlyIndices(
            index766: [], sipas: [], expectations: [], par: Self.par, delegation: Self.delegation)
        let html = IndicesPage(year: 2025, indices: indices, generatedAt: nil).html()
        // 95.7050 points show as 95,71; a fall of 1.5 points as -1,5; no index as —.
        #expect(html.contains("<td class=\"n\">95,71</td><td class=\"n\">100</td><td class=\"n\">95,71%</td>"))
        #expect(html.contains("<td class=\"n\">-1,5</td>"))
        #expect(html.contains("số đã công bố 40% không khớp với 1/3 = 33,33%."))
        #expect(html.contains("Không có hồ sơ trong năm.") && html.contains("Không có phiếu khảo sát trong năm."))
        // A unit without an index or rank comes first (unranked), shown by its code with dashes.
        #expect(
            html.contains(
                "<tr><td></td><td>=cmd</td><td></td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">—</td>")
        )
    }

    @Test func aDatabaseWithResultsOfAnOlderBuildAsksForTheYearToBeComputedAgain() throws {
        let folder = TestPaths.temporaryFolder()
        do {
            let old = try Database(path: folder + "/old.sqlite")
            for migration in Schema.migrations.prefix(11) { try old.execute(migration) }
            try old.execute("PRAGMA user_version = 11; PRAGMA application_id = \(Schema.applicationID)")
            try old.execute(
                "INSERT INTO index_result(period, output, seq, cells) VALUES ('2025', 'par_index.csv', 0, '[]')")
        }
        let report = ["--db", folder + "/old.sqlite", "--year", "2025", "--out", folder + "/out"]
        // Reading does not upgrade: the report says how to.
        let refused = try ProcessRunner.run("reform-report", report)
        #expect(refused.status == 73 && refused.stderr.contains("run reform-ingest or reform-compute on it once"))
        // Upgraded by an ingest, the year's results of the older build are gone: compute it again.
        try Data("dossier_id,procedure_code,unit_code,received_at,due_at\nA,X,001,2025-03-03,2025-03-10\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/d.csv"))
        #expect(
            try ProcessRunner.run("reform-ingest", ["--db", folder + "/old.sqlite", folder + "/d.csv"]).status == 0)
        let result = try ProcessRunner.run("reform-report", report)
        #expect(result.status == 66)
        #expect(result.stderr.contains("year 2025 has no computed indices; run reform-compute"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/2025"))
        #expect(
            try ProcessRunner.run("reform-compute", ["--db", folder + "/old.sqlite", "--year", "2025"]).status == 0)
        #expect(try ProcessRunner.run("reform-report", report).status == 0)
        let par = try String(contentsOfFile: folder + "/out/2025/index766_by_unit.csv", encoding: .utf8)
        #expect(par.contains("2025,001,,total,,,,"))
    }
}

/// Decision 766 on dossiers held in memory: no CSV, no database.
@Suite struct Decision766InMemoryTests {
    static func dossier(
        unit: String = "001", channel: Channel = .direct, status: LifecycleClass = .resolved, received: Int,
        due: Int?, end: Int?, supplements: Int = 0, waited: Int = 0, complaint: Bool = false
    ) -> IndexQueries.Dossier766 {
        IndexQueries.Dossier766(
            unitCode: unit, channel: channel.rawValue, status: status.rawValue, receivedDay: received, dueDay: due,
            endDay: end, onlinePayment: false, digitized: false, eResult: false, reusedData: false,
            supplementCount: supplements, supplementDays: waited, complaint: complaint, inCatalogue: false,
            hasFee: false, paperResultRequired: false)
    }

    @Test func criterion21AndTheTotalFromCountsInMemory() {
        // The period is days [100, 200).
        let dossiers = [
            Self.dossier(channel: .online, received: 100, due: 110, end: 110),  // on its due day
            Self.dossier(received: 100, due: 110, end: 112, waited: 2),  // late by 2, waited 2: on time for 2.1
            Self.dossier(received: 100, due: 110, end: 105, supplements: 2),  // two requests: late for 2.1
            Self.dossier(status: .pending, received: 190, due: 210, end: nil),  // open, not yet due
            Self.dossier(status: .pending, received: 150, due: 160, end: nil, complaint: true),  // open and overdue
            Self.dossier(unit: "002", received: 100, due: nil, end: 101),  // no due date: outside 2.1
        ]
        var units: [String: YearlyIndices.Counts766] = [:]
        for dossier in dossiers { units[dossier.unitCode, default: .init()].add(dossier, from: 100, to: 200) }
        let rows = YearlyIndices.decision766(
            units: units, period: "2025", settings: IndexSettings(), names: ["001": "A"])
        let first = rows.filter { $0.unitCode == "001" }
        let c21 = first.first { $0.criterion == "2.1" }
        // On time: the first two and the one not yet due; of five with a due date.
        #expect(c21?.numerator == 3 && c21?.denominator == 5 && c21?.ratio == 6000)
        let c33 = first.first { $0.criterion == "3.3" }
        #expect(c33?.numerator == 1 && c33?.denominator == 5 && c33?.ratio == 2000)
        // 5.4: decided 3 (early 1, on time 1, late 1) → 1 − 1/3 − 1/5 = 7/15 = 46.67%.
        #expect(first.first { $0.criterion == "5.4" }?.ratio == 4667)
        let totals = rows.filter(\.isTotal)
        #expect(totals.map(\.unitCode) == ["001", "002"] && totals.map(\.unitName) == ["A", ""])
        // The total sums the criteria that could be scored, and both units are ranked.
        let scored = first.filter { !$0.isTotal && $0.score != nil }
        #expect(totals[0].maxPoints == scored.reduce(0) { $0 + $1.maxPoints })
        #expect(totals[0].score == scored.compactMap(\.score).reduce(0, +))
        #expect(totals.allSatisfy { $0.rank != nil })
    }
}
