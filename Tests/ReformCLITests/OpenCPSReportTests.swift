import Foundation
import ReformTestSupport
import Testing

/// OpenCPS's statistics by field and by procedure (issue 27.3), filled in as its templates lay them
/// out (Tests/Oracle/opencps_reports.py): read through `--kind report`, the reporting unit taken
/// from the heading, new receipts without the online/direct split kept as not given, and the
/// columns the form does not store checked against those it does.
@Suite(.serialized) struct OpenCPSReportTests {
    let root = TestPaths.root

    /// A database with Hà Nội (01) and two districts, and the two reports ingested.
    func ingested(_ work: String) throws -> (db: String, stdout: String, stderr: String) {
        let list = work + "/hanoi_units_2025-01-01.csv"
        try Data(
            ("level,code,name,parent_code,type\nprovince,01,Thành phố Hà Nội,,\n"
                + "district,001,Quận Ba Đình,01,\ndistrict,002,Quận Hoàn Kiếm,01,\n").utf8
        ).write(to: URL(fileURLWithPath: list))
        let db = work + "/db.sqlite"
        let units = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "units", list])
        try #require(units.status == 0, "\(units.stderr)")
        let made = try ProcessRunner.runExecutable(
            "/usr/bin/env", ["python3", root + "/Tests/Oracle/opencps_reports.py", work + "/opencps"])
        try #require(made.status == 0, "\(made.stderr)")
        let run = try ProcessRunner.run(
            "reform-ingest",
            [
                "--db", db, "--kind", "report", work + "/opencps/ba_dinh_by_field.xlsx",
                work + "/opencps/hoan_kiem_by_procedure.xlsx",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        return (db, run.stdout, run.stderr)
    }

    @Test(.requires(.pythonModule("openpyxl")))
    func reportsByFieldAndByProcedureAreReadForTheirIssuingBody() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let work = TestPaths.temporaryFolder()
        let (db, stdout, stderr) = try ingested(work)
        // Two rows each; the numbering row with its formulas, the total row and the signature block skipped.
        #expect(stdout.contains("file=ba_dinh_by_field.xlsx read=3 accepted=2 rejected=0"), "\(stdout)")
        #expect(stdout.contains("file=hoan_kiem_by_procedure.xlsx read=3 accepted=2 rejected=0"), "\(stdout)")
        #expect(stderr.contains("without the online/direct split: (4) and (5) are left empty"), "\(stderr)")
        #expect(stderr.contains("(3) 31 ≠ (6)+new 30"), "\(stderr)")
        #expect(stderr.contains("late overall 6 ≠ (10)+(13) 7"), "\(stderr)")
        let rows = try sqlite(
            db,
            "SELECT unit_code, matched_by, first_day, last_day, received_total, received_online, "
                + "received_direct_postal, carried_in, resolved_total, early, on_time, late, pending_total, "
                + "pending_within, pending_overdue, not_given, problems FROM submitted_row ORDER BY unit_code")
        // The heading's lower line is the issuing body; the signing date ("ngày 05 tháng 02") is no period.
        #expect(
            rows[0]
                == "001|name|20089|20119|180|0|0|30|150|35|100|15|30|23|7|received_online,received_direct_postal|")
        #expect(
            rows[1]
                == "002|name|20089|20119|81|0|0|15|60|12|40|8|20|15|5|received_online,received_direct_postal|"
                + "(3) 81 ≠ (7)+(11) 80; line 8: (3) 31 ≠ (6)+new 30, late overall 6 ≠ (10)+(13) 7")
    }

    @Test(.requires(.pythonModule("openpyxl")))
    func consolidationLeavesTheSplitEmptyAndChecksWhatIsGiven() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let work = TestPaths.temporaryFolder()
        let (db, _, _) = try ingested(work)
        let run = try ProcessRunner.run(
            "reform-consolidate", ["--db", db, "--out", work + "/out", "--period", "2025-01"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try csvRowsByName(work + "/out/2025-01/consolidated_by_unit.csv")
        let baDinh = try #require(lines.first { $0["unit_code"] == "001" })
        #expect(baDinh["received_total"] == "180" && baDinh["carried_in"] == "30" && baDinh["late"] == "15")
        #expect(baDinh["received_online"] == "" && baDinh["received_direct_postal"] == "", "not given, not 0")
        let province = try #require(lines.first { $0["unit_code"] == "01" })
        #expect(province["received_total"] == "261" && province["received_online"] == "")
        let hoanKiem = try #require(lines.first { $0["unit_code"] == "002" })
        #expect(hoanKiem["identity_problems"]?.contains("(3) 81 ≠ (7)+(11) 80") == true)
        let page = try String(contentsOfFile: work + "/out/2025-01/consolidated.html", encoding: .utf8)
        #expect(page.contains("2 đơn vị gửi báo cáo không tách hồ sơ tiếp nhận trực tuyến"))
        // Read back by openpyxl: empty cells where the reports give nothing, numbers elsewhere.
        let check = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import openpyxl, sys
                ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
                rows = [r for r in ws.iter_rows(values_only=True) if r[1] in ("UBND HUYỆN X", "Quận Ba Đình", "UBND QUẬN BA ĐÌNH")]
                r = rows[0]
                assert r[2] == 180 and r[3] is None and r[4] is None and r[5] == 30, r
                notes = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str) and r[0].startswith("Ô để trống")]
                assert notes, "no note"
                """,
                work + "/out/2025-01/consolidated.xlsx",
            ])
        #expect(check.status == 0, "\(check.stderr)")
        // The national merge reads the province's table back: its empty split stays not given.
        let nation = work + "/nation.sqlite"
        let list = work + "/vietnam_units_2025-01-01.csv"
        try Data("level,code,name,parent_code,type\nprovince,01,Thành phố Hà Nội,,\n".utf8)
            .write(to: URL(fileURLWithPath: list))
        #expect(try ProcessRunner.run("reform-ingest", ["--db", nation, "--kind", "units", list]).status == 0)
        let merged = try ProcessRunner.run(
            "reform-ingest", ["--db", nation, "--kind", "report", work + "/out/2025-01/consolidated_by_unit.csv"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(
            try sqlite(nation, "SELECT unit_code, received_total, not_given FROM submitted_row")
                == ["01|261|received_online,received_direct_postal"])
    }

    @Test(.requires(.pythonModule("openpyxl")))
    func theEmptyTemplateIsRefusedNamingItsPlaceholders() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let work = TestPaths.temporaryFolder()
        let (db, _, _) = try ingested(work)
        // The template as OpenCPS ships it: its data row holds "${name:[data];…}" placeholders.
        let made = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import openpyxl, sys
                wb = openpyxl.load_workbook(sys.argv[1])
                ws = wb.active
                for c in range(1, 14):
                    ws.cell(row=7, column=c, value="${name:[data];type:[list];pos:[%d]}" % (c - 1))
                    ws.cell(row=8, column=c).value = None
                wb.save(sys.argv[2])
                """,
                work + "/opencps/ba_dinh_by_field.xlsx", work + "/template.xlsx",
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let run = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report", work + "/template.xlsx"])
        #expect(run.status == 65, "\(run.stdout)")
        #expect(run.stderr.contains("template.xlsx") && run.stderr.contains("bad_value"), "\(run.stderr)")
    }

    /// A summary with the carried-in and the new receipts but no (3): (3) is their sum, and the
    /// identities are checked on it.
    @Test func theTotalFollowsFromTheCarriedInAndTheNewReceipts() throws {
        let work = TestPaths.temporaryFolder()
        let db = work + "/db.sqlite"
        let list = work + "/hanoi_units_2025-01-01.csv"
        try Data(
            "level,code,name,parent_code,type\nprovince,01,Thành phố Hà Nội,,\ndistrict,001,Quận Ba Đình,01,\n".utf8
        )
        .write(to: URL(fileURLWithPath: list))
        #expect(try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "units", list]).status == 0)
        let report = work + "/summary.csv"
        try Data(
            ("STT,Đơn vị,Kỳ trước chuyển qua,Tiếp nhận trong kỳ,Đã giải quyết - Tổng số,Đã giải quyết - Sớm hạn,"
                + "Đã giải quyết - Đúng hạn,Đã giải quyết - Trễ hạn,Đang giải quyết - Tổng số,"
                + "Đang giải quyết - Chưa đến hạn,Đang giải quyết - Quá hạn\n"
                + "1,Quận Ba Đình,5,20,18,4,10,4,7,6,1\n"
                + "2,Quận Hoàn Kiếm,1,2,2,1,1,0,2,2,0\n").utf8
        ).write(to: URL(fileURLWithPath: report))
        let run = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "report", "--from", "2025-01-01", "--to", "2025-01-31", report])
        #expect(run.status == 0, "\(run.stderr)")
        // Ba Đình: (3) = 5 + 20 = 25 = (7) 18 + (11) 7. Hoàn Kiếm: (3) = 3 ≠ (7)+(11) 4, marked.
        #expect(
            try sqlite(db, "SELECT unit_key, received_total, not_given, problems FROM submitted_row ORDER BY sheet_row")
                == [
                    "001|25|received_online,received_direct_postal|",
                    "?quận hoàn kiếm|3|received_online,received_direct_postal|(3) 3 ≠ (7)+(11) 4",
                ])
    }

    func sqlite(_ db: String, _ query: String) throws -> [String] {
        let run = try ProcessRunner.runExecutable("/usr/bin/env", ["sqlite3", db, query])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }
}
