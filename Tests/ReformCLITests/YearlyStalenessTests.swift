import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformSupport

/// A year's indices report warns when an input that can change them was ingested after they were
/// computed — on stderr, signed by the command, and at the top of the page — like a month's report.
@Suite struct YearlyStalenessTests {
    @Test func aReportOfIndicesComputedBeforeTheLatestInputSaysSo() throws {
        let work = TestPaths.temporaryFolder()
        let db = work + "/r.sqlite"
        let root = TestPaths.root
        func report() throws -> (status: Int32, stderr: String, page: String) {
            let result = try ProcessRunner.run("reform-report", ["--db", db, "--year", "2025", "--out", work + "/out"])
            let page = (try? String(contentsOfFile: work + "/out/2025/indices.html", encoding: .utf8)) ?? ""
            return (result.status, result.stderr, page)
        }
        #expect(
            try ProcessRunner.run("reform-ingest", ["--db", db, root + "/SampleData/exports/2025-01_vnpt.csv"]).status
                == 0)
        #expect(try ProcessRunner.run("reform-compute", ["--db", db, "--year", "2025"]).status == 0)
        let fresh = try report()
        #expect(fresh.status == 0 && !fresh.stderr.contains("warning") && !fresh.page.contains("Cảnh báo"))

        // A unit list changes no index: still fresh.
        let units = root + "/SampleData/reference/units/hanoi_units_2024-11-01.csv"
        #expect(try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "units", units]).status == 0)
        #expect(!(try report()).stderr.contains("warning"))

        // Survey answers do.
        let survey = ["--db", db, "--kind", "survey", root + "/SampleData/indices/survey.csv"]
        #expect(try ProcessRunner.run("reform-ingest", survey).status == 0)
        let stale = try report()
        #expect(stale.status == 0)
        #expect(
            stale.stderr.contains(
                "reform-report: warning: files were ingested after the indices of 2025 were computed; "
                    + "re-run reform-compute --year 2025"), "\(stale.stderr)")
        #expect(
            stale.page.contains(
                "<p class=\"warn\" id=\"stale\">Cảnh báo: có tệp dữ liệu được nạp sau lần tính các chỉ số năm 2025"))

        // Under reform run the warning is signed reform; computing again clears it.
        let definition = """
            {"inputs": ["\(root)/SampleData/exports/2025-01_vnpt.csv"], "database": "r.sqlite", "output": "out",
             "year": "2025", "stages": ["report-indices"]}
            """
        try Data(definition.utf8).write(to: URL(fileURLWithPath: work + "/job.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/job.json"], in: work)
        #expect(
            run.status == 0 && run.stderr.contains("reform: warning: files were ingested after the indices of 2025"))
        #expect(try ProcessRunner.run("reform-compute", ["--db", db, "--year", "2025"]).status == 0)
        let again = try report()
        #expect(!again.stderr.contains("warning") && !again.page.contains("Cảnh báo"))
    }
}
