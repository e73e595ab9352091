import Foundation
import ReformTestSupport
import Testing

@testable import ReformModel

/// Inputs refused whole (issue 27.4): a run whose every export is refused writes no form; refused
/// files are listed with their reason in provenance.csv and on the page until they are read;
/// `reform check` opens each new input far enough to say what a run would make of it.
@Suite(.serialized) struct RefusedInputTests {
    /// A project with the sample catalogue, `exports` holding what `files` name (sample exports by
    /// name, or the text given), and a definition for `period`.
    func project(_ files: [String: String?], period: String) throws -> (folder: String, definition: String) {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        for (name, text) in files {
            if let text {
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/exports/" + name))
            } else {
                try FileManager.default.copyItem(
                    atPath: TestPaths.root + "/SampleData/exports/" + name, toPath: folder + "/exports/" + name)
            }
        }
        let definition = folder + "/job.json"
        try """
        {"catalogue": ["\(TestPaths.root)/SampleData/reference/procedures.csv"], "inputs": ["exports/*"],
         "database": "db.sqlite", "rejects": "rejects", "output": "out", "period": "\(period)",
         "calendars": "\(TestPaths.root)/Pipelines/calendars", "stages": ["ingest", "compute", "report"]}
        """.write(toFile: definition, atomically: true, encoding: .utf8)
        return (folder, definition)
    }

    /// OpenCPS's dossier list: its header on row 3, without a procedure code.
    func dossierList(_ path: String) throws {
        let made = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import openpyxl, sys
                wb = openpyxl.Workbook(); ws = wb.active
                ws.append(["UBND TỈNH HẬU GIANG"]); ws.append(["DANH SÁCH HỒ SƠ"])
                ws.append(["STT", "Mã hồ sơ", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Mã đơn vị"])
                ws.append([1, "HS-1", "Nguyễn Văn An", "01/03/2025", "05/03/2025", "U1"])
                wb.save(sys.argv[1])
                """,
                path,
            ])
        try #require(made.status == 0, "\(made.stderr)")
    }

    @Test(.requires(.pythonModule("openpyxl")))
    func aRunWhoseEveryInputIsRefusedWritesNoForm() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let (folder, definition) = try project(["junk.csv": "a,b\n1,2\n"], period: "2025-01")
        try dossierList(folder + "/exports/list.xlsx")
        for period in [[], ["--period", "latest"]] {
            let run = try ProcessRunner.run("reform", ["run", definition] + period)
            #expect(run.status == 65, "\(run.stderr)")
            #expect(run.stderr.contains("junk.csv: refused: required column dossier_id is missing"), "\(run.stderr)")
            #expect(
                run.stderr.contains("list.xlsx: refused: no header row found")
                    && run.stderr.contains("the rows most like a header are row 3: required column procedure_code"),
                "\(run.stderr)")
            #expect(
                run.stderr.contains("every input was refused (2 files, each named above with its reason); nothing was"),
                "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "no form for the period")
        }
    }

    @Test func refusedFilesAreListedUntilTheyAreRead() throws {
        let (folder, definition) = try project(["2025-01_vnpt.csv": nil, "junk.csv": "a,b\n1,2\n"], period: "2025-01")
        let run = try ProcessRunner.run("reform", ["run", definition])
        #expect(run.status == 65, "one file refused: \(run.stderr)")
        let provenance = try String(contentsOfFile: folder + "/out/2025-01/provenance.csv", encoding: .utf8)
        #expect(provenance.contains("input,2025-01_vnpt.csv sha256:"))
        #expect(
            provenance.contains(
                "refused,\"junk.csv sha256:492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470 kind:dossiers refused: "
                    + "required column dossier_id is missing"), "\(provenance)")
        let page = try String(contentsOfFile: folder + "/out/2025-01/report.html", encoding: .utf8)
        #expect(page.contains("Tệp bị từ chối (không nằm trong số liệu)") && page.contains("<td>junk.csv</td>"))
        // The same path read as an export once it is one: the refusal is gone from both.
        try FileManager.default.removeItem(atPath: folder + "/exports/junk.csv")
        try FileManager.default.copyItem(
            atPath: TestPaths.root + "/SampleData/exports/2025-02_opencps.csv", toPath: folder + "/exports/junk.csv")
        let again = try ProcessRunner.run("reform", ["run", definition])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try String(contentsOfFile: folder + "/out/2025-01/provenance.csv", encoding: .utf8)
        #expect(!after.contains("refused,"), "\(after)")
        let pageAfter = try String(contentsOfFile: folder + "/out/2025-01/report.html", encoding: .utf8)
        #expect(!pageAfter.contains("Tệp bị từ chối"))
    }

    @Test(.requires(.pythonModule("openpyxl")))
    func checkSaysWhatEachNewInputWouldBeReadAs() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let (folder, definition) = try project(["2025-01_vnpt.csv": nil, "junk.csv": "a,b\n1,2\n"], period: "2025-01")
        try dossierList(folder + "/exports/list.xlsx")
        let check = try ProcessRunner.run("reform", ["check", definition])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout.contains("2025-01_vnpt.csv  294,786 bytes, text, new: header row 1, 13 of 16 columns read"))
        #expect(
            check.stdout.contains(
                "junk.csv  8 bytes, text, new, would be refused: required column dossier_id is missing"))
        #expect(
            check.stdout.contains("list.xlsx")
                && check.stdout.contains(
                    "sheet 1, new, would be refused: no header row found in the first 40 rows of sheet \"Sheet\": "
                        + "the rows most like a header are row 3"),
            "\(check.stdout)")
        #expect(!check.stdout.contains("Nguyễn Văn An"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/db.sqlite"), "check writes nothing")
    }

    /// A report first given with the wrong kind (as an export), then as a report: no refused input
    /// remains on the month's page or in its provenance.
    @Test func aFileReadWithTheRightKindIsNoLongerListed() throws {
        let work = TestPaths.temporaryFolder()
        let db = work + "/db.sqlite"
        let report = work + "/report.csv"
        try Data(
            ("STT,Mã đơn vị,Tên đơn vị," + FormColumn.allCases.map(\.rawValue).joined(separator: ",")
                + "\n1,001,Quận Ba Đình,10,4,3,3,7,3,2,1,3,2,1\n").utf8
        ).write(to: URL(fileURLWithPath: report))
        let wrong = try ProcessRunner.run("reform-ingest", ["--db", db, report])
        #expect(wrong.status == 65 && wrong.stderr.contains("dossier_id is missing"), "\(wrong.stderr)")
        let sample = TestPaths.root + "/SampleData/exports/2025-01_vnpt.csv"
        #expect(try ProcessRunner.run("reform-ingest", ["--db", db, sample]).status == 0)
        func provenance() throws -> String {
            for tool in ["reform-compute", "reform-report"] {
                let run = try ProcessRunner.run(
                    tool,
                    ["--db", db, "--period", "2025-01"] + (tool == "reform-report" ? ["--out", work + "/out"] : []))
                try #require(run.status == 0, "\(run.stderr)")
            }
            return try String(contentsOfFile: work + "/out/2025-01/provenance.csv", encoding: .utf8)
        }
        #expect(try provenance().contains("refused,\"report.csv sha256:"))
        let right = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "report", "--from", "2025-01-01", "--to", "2025-01-31", report])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(try !provenance().contains("refused,"))
    }
}
