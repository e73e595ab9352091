import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// A database written by a build that stored yearly results as text is upgraded, and the year asked for again.
@Suite struct YearlyResultsUpgradeTests {
    @Test func aDatabaseWithResultsOfAnOlderBuildAsksForTheYearToBeComputedAgain() throws {
        let folder = TestPaths.temporaryFolder()
        do {
            let old = try Database(path: folder + "/old.sqlite")
            for migration in Schema.migrations.prefix(11) { try old.execute(migration.sql) }
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
