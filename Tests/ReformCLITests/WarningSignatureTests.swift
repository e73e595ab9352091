import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformModel
@testable import ReformSupport

/// A warning names the command the user ran: `reform` under `reform run`, the stage tool when it is
/// run alone — so a cron mail says which job to look at.
@Suite struct WarningSignatureTests {
    @Test func warningsAreSignedByTheCommandThatRan() throws {
        let work = TestPaths.temporaryFolder()
        let exports = TestPaths.root + "/SampleData/exports/"
        let definition = """
            {"inputs": ["\(exports)2025-03_dvcqg.csv"], "database": "db/r.sqlite", "output": "out",
             "calendars": "\(TestPaths.calendars)", "period": "2025-03",
             "stages": ["ingest", "compute", "report", "consolidate", "compare"],
             "compare": {"from": "2025-03", "to": "2025-03", "units": ["current"]}}
            """
        try Data(definition.utf8).write(to: URL(fileURLWithPath: work + "/job.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/job.json"], in: work)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("reform: warning: no report was submitted for 2025-03"), "\(run.stderr)")
        #expect(run.stderr.contains("reform: warning: no unit list is loaded"), "\(run.stderr)")
        #expect(!run.stderr.contains("reform-consolidate:") && !run.stderr.contains("reform-compare:"))

        // The same warnings from the stage tools run alone.
        let db = work + "/db/r.sqlite"
        let consolidate = try ProcessRunner.run(
            "reform-consolidate", ["--db", db, "--out", work + "/alone", "--period", "2025-03"])
        #expect(consolidate.stderr.contains("reform-consolidate: warning: no report was submitted"))
        let compare = try ProcessRunner.run(
            "reform-compare",
            [
                "--db", db, "--out", work + "/alone", "--from", "2025-03", "--to", "2025-03", "--calendars",
                TestPaths.calendars,
            ])
        #expect(compare.stderr.contains("reform-compare: warning: no unit list is loaded"), "\(compare.stderr)")

        // A file ingested after the period was computed: the report warns, signed by who asked.
        #expect(try ProcessRunner.run("reform-ingest", ["--db", db, exports + "2025-02_opencps.csv"]).status == 0)
        let report = try ProcessRunner.run(
            "reform-report", ["--db", db, "--out", work + "/alone", "--period", "2025-03"])
        #expect(report.stderr.contains("reform-report: warning: files were ingested after 2025-03 was computed"))
        let reportOnly = definition.replacingOccurrences(
            of: #""stages": ["ingest", "compute", "report", "consolidate", "compare"]"#, with: #""stages": ["report"]"#)
        try Data(reportOnly.utf8).write(to: URL(fileURLWithPath: work + "/report.json"))
        let rerun = try ProcessRunner.run("reform", ["run", work + "/report.json"], in: work)
        #expect(rerun.status == 0 && rerun.stderr.contains("reform: warning: files were ingested after 2025-03"))
    }
}
