import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformSupport

/// Stages that write the same period folder at the same time (a report and a consolidation of one
/// month, started by hand beside the timer's run) never lose each other's files.
@Suite(.serialized) struct ConcurrentOutputTests {
    @Test func aReportAndAConsolidationOfOnePeriodKeepEachOthersFiles() throws {
        let work = TestPaths.temporaryFolder()
        var export = HostileUseTests.header
        for n in 1...40 { export += HostileUseTests.row("A\(n)") }
        try Data(export.utf8).write(to: URL(fileURLWithPath: work + "/export.csv"))
        let db = work + "/db.sqlite"
        for (tool, options) in [
            ("reform-ingest", [work + "/export.csv"]), ("reform-compute", ["--period", "2025-01"]),
        ] {
            let run = try ProcessRunner.run(tool, ["--db", db] + options)
            try #require(run.status == 0, "\(tool): \(run.stderr)")
        }
        let out = work + "/out"
        let report = ["reform-report", "--db", db, "--out", out, "--period", "2025-01"]
        let consolidate = ["reform-consolidate", "--db", db, "--out", out, "--period", "2025-01"]
        let expected = [
            "bieu06.xlsx", "bieu06_by_field.csv", "bieu06_by_unit.csv", "consolidated.html", "consolidated.xlsx",
            "consolidated_by_unit.csv", "deadline_audit.csv", "processing_time.csv", "provenance.csv",
            "reconciliation.csv", "report.html",
        ]
        for trial in 0..<12 {
            try? FileManager.default.removeItem(atPath: out)
            // Alternate which starts first; both run at once.
            let pair = trial % 2 == 0 ? [report, consolidate] : [consolidate, report]
            let processes = try pair.map { command -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: ProcessRunner.binaries + "/" + command[0])
                process.arguments = Array(command.dropFirst())
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle(forWritingAtPath: "/dev/null")
                try process.run()
                return process
            }
            for process in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "trial \(trial): \(process.arguments ?? [])")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: out + "/2025-01").sorted()
            #expect(names == expected, "trial \(trial)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "trial \(trial): \(leftovers)")
        }
    }
}
