import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport

/// Consolidation end to end (docs/contract.md §10): submitted reports and dossiers through the
/// executables into the province's table, the reconciliation and the official form.
@Suite(.serialized) struct ConsolidationTests {
    let root = TestPaths.root

    func csvRows(_ path: String) throws -> [[String: String]] { try csvRowsByName(path) }

    /// The quarterly job's database (dossiers, catalogue, unit lists — not its submitted reports,
    /// which each test ingests itself) in `work`.
    func quarterly(_ work: String) throws -> String {
        let text = try String(contentsOfFile: root + "/Pipelines/quarterly.json", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"reports\"") && !$0.contains("\"unit_aliases\"") }.joined(separator: "\n")
            .replacingOccurrences(of: ", \"consolidate\"]", with: "]")
            .replacingOccurrences(of: "\"../", with: "\"\(root)/")
            .replacingOccurrences(
                of: "\"calendars\": \"calendars\"", with: "\"calendars\": \"\(root)/Pipelines/calendars\""
            )
            .replacingOccurrences(of: "\"\(root)/.reform/quarterly.sqlite\"", with: "\"db.sqlite\"")
            .replacingOccurrences(of: "\"\(root)/Reports/rejects\"", with: "\"rejects\"")
            .replacingOccurrences(of: "\"\(root)/Reports\"", with: "\"out\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/quarterly.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/quarterly.json"])
        try #require(run.status == 0, "\(run.stderr)")
        return work + "/db.sqlite"
    }

    @Test(.requires(.pythonModule("openpyxl")))
    func submittedReportsAreConsolidatedAndReconciled() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let work = TestPaths.temporaryFolder()
        let db = try quarterly(work)
        let period = ["--period", "2025-Q1", "--cutoff-day", "15"]
        // The same period counted under another rule, for the report by field.
        try FileManager.default.copyItem(atPath: db, toPath: work + "/other.sqlite")
        _ = try ProcessRunner.run(
            "reform-compute", ["--db", work + "/other.sqlite", "--counting", "no_due=on_time"] + period)
        _ = try ProcessRunner.run("reform-report", ["--db", work + "/other.sqlite", "--out", work + "/other"] + period)
        let folder = "2024-12-15_2025-03-14"
        let made = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", root + "/Tests/Oracle/submitted_reports.py", work + "/out/\(folder)/bieu06_by_unit.csv",
                work + "/other/\(folder)/bieu06_by_unit.csv", work + "/sub",
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let aliases = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "unit-aliases", work + "/sub/aliases.csv"])
        #expect(aliases.status == 0, "\(aliases.stderr)")
        let ingest = try ProcessRunner.run(
            "reform-ingest",
            ["--db", db, "--kind", "report", work + "/sub/td_units.xls", work + "/sub/cau_giay_by_field.xlsx"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(
            ingest.stdout.contains("file=td_units.xls read=8 accepted=5 rejected=0 replaced=0 unchanged=0 skipped="))
        #expect(ingest.stdout.contains("file=cau_giay_by_field.xlsx read=3 accepted=2 rejected=0"))
        #expect(
            ingest.stderr.contains("line 12 (Ủy ban nhân dân quận Tây Hồ): (3) 103 ≠ (4)+(5)+(6) 102"),
            "\(ingest.stderr)")
        #expect(ingest.stderr.contains("the unit \"Phường Không Tồn Tại\" matches no unit"))
        let consolidate = try ProcessRunner.run("reform-consolidate", ["--db", db, "--out", work + "/out"] + period)
        #expect(consolidate.status == 0, "\(consolidate.stderr)")
        #expect(
            consolidate.stdout.contains(
                "units=31 dossiers=25 submitted=1 both=5 unmatched=1 identity_problems=1 differences=4 explained=1"),
            "\(consolidate.stdout)")
        let rows = try csvRows(work + "/out/\(folder)/consolidated_by_unit.csv")
        let byCode = Dictionary(rows.filter { !$0["unit_code"]!.isEmpty }.map { ($0["unit_code"]!, $0) }) { a, _ in a }
        #expect(byCode["001"]?["source"] == "both" && byCode["272"]?["source"] == "both")  // 272 through its alias
        #expect(byCode["004"]?["source"] == "dossiers")
        #expect(byCode["003"]?["identity_problems"] == "(3) 103 ≠ (4)+(5)+(6) 102; (3) 103 ≠ (7)+(11) 102")
        let unmatched = try #require(rows.first { $0["unit_name"] == "Phường Không Tồn Tại" })
        #expect(unmatched["source"] == "submitted" && unmatched["received_online"] == "1000")
        // Totals add up: the province is the sum of the level totals and the unmatched ones.
        let totals = rows.filter { $0["source"] == "total" }
        let province = try #require(totals.last)
        #expect(province["unit_name"] == "Tổng cộng toàn tỉnh")
        for column in FormColumn.allCases.map(\.rawValue) {
            let units = rows.filter { $0["source"] != "total" }.map { Int($0[column]!)! }.reduce(0, +)
            let parts = totals.dropLast().map { Int($0[column]!)! }.reduce(0, +)
            #expect(Int(province[column]!)! == units && units == parts, "\(column)")
        }
        let reconciliation = try csvRows(work + "/out/\(folder)/reconciliation.csv")
        let lines = reconciliation.map {
            "\($0["unit_code"]!) \($0["column"]!) \($0["submitted"]!) \($0["computed"]!) \($0["difference"]!) \($0["explained_by"]!)"
        }
        #expect(lines.contains { $0.hasPrefix("002 early ") && $0.hasSuffix(" 2 ") })
        #expect(lines.contains { $0.hasPrefix("002 on_time ") && $0.hasSuffix(" -2 ") })
        #expect(lines.contains { $0.hasPrefix("003 received_total ") && $0.hasSuffix(" 1 ") })
        #expect(lines.contains { $0.hasPrefix("005 on_time ") && $0.hasSuffix(" no_due=on_time") }, "\(lines)")
        #expect(reconciliation.count == 4)
        // A later file for 002 replaces the first; its differences go, the first stays as history.
        let again = try ProcessRunner.run(
            "reform-ingest",
            [
                "--db", db, "--kind", "report", "--from", "2024-12-15", "--to", "2025-03-14",
                work + "/sub/resubmission.csv",
            ])
        #expect(again.stdout.contains("replaced=1"), "\(again.stdout) \(again.stderr)")
        let second = try ProcessRunner.run("reform-consolidate", ["--db", db, "--out", work + "/out"] + period)
        #expect(second.stdout.contains("differences=2 explained=1"), "\(second.stdout)")
        let page = try String(contentsOfFile: work + "/out/\(folder)/consolidated.html", encoding: .utf8)
        #expect(page.contains("đã được thay bằng báo cáo sau") && page.contains("resubmission.csv"))
        // The period's own outputs stay beside the consolidation's.
        #expect(FileManager.default.fileExists(atPath: work + "/out/\(folder)/bieu06.xlsx"))
        // The province's form read back by openpyxl: every unit's numbers as in the CSV.
        let check = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import csv, openpyxl, sys
                rows = {r["unit_code"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")) if r["unit_code"] and r["source"] != "total"}
                sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
                seen = 0
                for r in sheet.iter_rows(values_only=True):
                    code = r[15] if len(r) > 15 else None
                    if code in rows:
                        assert list(r[2:13]) == [int(rows[code][c]) for c in %s], (code, r)
                        seen += 1
                assert seen == len(rows), (seen, len(rows))
                print("ok", seen)
                """.replacingOccurrences(of: "%s", with: "\(FormColumn.allCases.map(\.rawValue))"),
                work + "/out/\(folder)/consolidated.xlsx", work + "/out/\(folder)/consolidated_by_unit.csv",
            ])
        #expect(check.status == 0 && check.stdout.hasPrefix("ok 30"), "\(check.stdout) \(check.stderr)")
    }

    @Test func ownOutputsRoundTripWithoutDifferences() throws {
        let work = TestPaths.temporaryFolder()
        let db = try quarterly(work)
        let folder = work + "/out/2024-12-15_2025-03-14"
        // The unit sheet of the period's own form, and its own CSV: the same figures as the dossiers.
        for (file, sheet) in [(folder + "/bieu06.xlsx", ["--sheet", "2"]), (folder + "/bieu06_by_unit.csv", [])] {
            let ingest = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report"] + sheet + [file])
            #expect(ingest.status == 0 && ingest.stdout.contains("accepted=30"), "\(ingest.stdout) \(ingest.stderr)")
            let run = try ProcessRunner.run(
                "reform-consolidate", ["--db", db, "--out", work + "/c", "--period", "2025-Q1", "--cutoff-day", "15"])
            #expect(run.stdout.contains("both=30 unmatched=0 identity_problems=0 differences=0"), "\(run.stdout)")
        }
    }

    /// Provinces' own consolidated tables merge into a national one: each is read as its province's
    /// total row, and the nation's figures are the provinces' summed.
    @Test func provincesMergeIntoANationalTable() throws {
        let work = TestPaths.temporaryFolder()
        let db = try quarterly(work)
        let period = ["--period", "2025-Q1", "--cutoff-day", "15"]
        let province = try ProcessRunner.run("reform-consolidate", ["--db", db, "--out", work + "/hn"] + period)
        try #require(province.status == 0, "\(province.stderr)")
        let hanoi = work + "/hn/2024-12-15_2025-03-14/consolidated_by_unit.csv"
        let text = try String(contentsOfFile: hanoi, encoding: .utf8)
        #expect(text.contains(",01,Tổng cộng toàn tỉnh,total,"), "the province's row carries its code")
        // A second province: the same figures under another code.
        try Data(text.replacingOccurrences(of: ",01,Tổng cộng toàn tỉnh,", with: ",79,Tổng cộng toàn tỉnh,").utf8)
            .write(to: URL(fileURLWithPath: work + "/hcm.csv"))
        try Data(
            "level,code,name,parent_code,type\nprovince,01,Thành phố Hà Nội,,\nprovince,79,Thành phố Hồ Chí Minh,,\n"
                .utf8
        ).write(to: URL(fileURLWithPath: work + "/vn_provinces_2025-07-01.csv"))
        let national = work + "/national.sqlite"
        #expect(
            try ProcessRunner.run(
                "reform-ingest", ["--db", national, "--kind", "units", work + "/vn_provinces_2025-07-01.csv"]
            ).status == 0)
        let ingest = try ProcessRunner.run(
            "reform-ingest", ["--db", national, "--kind", "report", hanoi, work + "/hcm.csv"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.split(separator: "\n").allSatisfy { $0.contains("accepted=1 ") }, "\(ingest.stdout)")
        let run = try ProcessRunner.run("reform-consolidate", ["--db", national, "--out", work + "/vn"] + period)
        #expect(run.stdout.contains("units=2 dossiers=0 submitted=2 both=0 unmatched=0"), "\(run.stdout) \(run.stderr)")
        let rows = try csvRows(work + "/vn/2024-12-15_2025-03-14/consolidated_by_unit.csv")
        let hanoiRows = try csvRows(hanoi)
        let hanoiTotal = try #require(hanoiRows.last)
        let nationTotal = try #require(rows.last)
        for column in FormColumn.allCases.map(\.rawValue) {
            #expect(Int(nationTotal[column]!)! == 2 * Int(hanoiTotal[column]!)!, "\(column)")
        }
        #expect(nationTotal["unit_code"] == "", "the nation's unit lists name two provinces, no single root")
        // Ranked anew on the merged rows: two provinces with the same rate share rank 1.
        let table = try Consolidation(
            database: try Database(path: national, readOnly: true),
            period: try #require(ReportingPeriod(name: "2025-Q1", cutoffDay: 15)))
        #expect(table.ranks == [1, 1])
        // Within a province, each level band ranks its own units (districts apart from communes).
        let hanoiTable = try Consolidation(
            database: try Database(path: db, readOnly: true),
            period: try #require(ReportingPeriod(name: "2025-Q1", cutoffDay: 15)))
        let ranks = hanoiTable.ranks
        for (index, row) in hanoiTable.rows.enumerated() {
            guard let rate = row.counts.onTimeRateHundredths, !row.unitCode.isEmpty else { continue }
            let higher = hanoiTable.rows.filter {
                $0.level == row.level && !$0.unitCode.isEmpty && ($0.counts.onTimeRateHundredths ?? -1) > rate
            }
            #expect(ranks[index] == 1 + higher.count, "\(row.unitCode)")
        }
    }

    /// A unit summary as the Hà Nội staff tool receives it: online split into full and partial, late
    /// split by apology letter, receipts outside the boundary in a column of their own.
    @Test func aUnitSummaryWithSplitColumnsAddsThemUp() throws {
        let work = TestPaths.temporaryFolder()
        let db = try quarterly(work)
        let text = """
            TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TTHC THEO ĐƠN VỊ
            Từ ngày 15/12/2024 đến ngày 14/03/2025
            STT,Tên đơn vị,Tiếp nhận - Tổng số,Tiếp nhận - Trực tuyến toàn trình,Tiếp nhận - Trực tuyến một phần,\
            Tiếp nhận - Trực tiếp,Tiếp nhận - Phi địa giới,Tiếp nhận - Kỳ trước chuyển sang,Đã giải quyết - Tổng số,\
            Đã giải quyết - Trước hạn,Đã giải quyết - Đúng hạn,Đã giải quyết - Quá hạn - Có văn bản xin lỗi,\
            Đã giải quyết - Quá hạn - Không có văn bản xin lỗi,Đang giải quyết - Tổng số,Đang giải quyết - Trong hạn,\
            Đang giải quyết - Quá hạn - Có văn bản xin lỗi,Đang giải quyết - Quá hạn - Không có văn bản xin lỗi
            1,UBND quận Ba Đình,"1.234",500,300,334,12,100,"1.000",700,200,40,30,234,200,10,24
            ,Tổng cộng,"1.234",500,300,334,12,100,"1.000",700,200,40,30,234,200,10,24

            """
        // As the tool's HTML "Excel" export holds it: the title lines above the header.
        let html =
            "<table>"
            + text.split(separator: "\n").map { line -> String in
                var cells: [String] = []
                var current = "", quoted = false
                for ch in line {
                    if ch == "\"" {
                        quoted.toggle()
                    } else if ch == "," && !quoted {
                        cells.append(current); current = ""
                    } else {
                        current.append(ch)
                    }
                }
                cells.append(current)
                return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
            }.joined() + "</table>"
        try Data(html.utf8).write(to: URL(fileURLWithPath: work + "/summary.xls"))
        let run = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report", work + "/summary.xls"])
        #expect(run.status == 0 && run.stdout.contains("accepted=1 "), "\(run.stdout) \(run.stderr)")
        let rows = try SubmittedReportTable.rows(
            firstDay: ReportingPeriod.day("2024-12-15")!, lastDay: ReportingPeriod.day("2025-03-14")!,
            in: try Database(path: db))
        let row = try #require(rows.first)
        #expect(row.unitCode == "001" && row.matchedBy == "name")
        #expect(row.counts.formValues == [1234, 800, 334, 100, 1000, 700, 200, 70, 234, 200, 34])
        #expect(row.problems.isEmpty, "\(row.problems)")
    }

    @Test func refusalsNameTheirCause() throws {
        let work = TestPaths.temporaryFolder()
        let db = try quarterly(work)
        let cases: [(String, [String], String)] = [
            (root + "/SampleData/exports/2025-01_vnpt.csv", [], "the report's columns received_total"),
            (root + "/Reports/2025-03/bieu06.xlsx", [], "names no reporting unit"),
        ]
        for (file, options, message) in cases {
            let run = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report"] + options + [file])
            #expect(run.status == 65, "\(file): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
        // A form without a stated period needs one given.
        try Data("Đơn vị,Số hồ sơ nhận giải quyết Tổng số\nQuận Ba Đình,3\n".utf8)
            .write(to: URL(fileURLWithPath: work + "/partial.csv"))
        let partial = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report", work + "/partial.csv"])
        #expect(partial.status == 65 && partial.stderr.contains("were not found"), "\(partial.stderr)")
        let wrongKind = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--from", "2025-01-01", "--to", "2025-01-31", work + "/partial.csv"])
        #expect(wrongKind.status == 64)
        let header =
            "Tên đơn vị," + FormColumn.allCases.map(\.rawValue).joined(separator: ",")
            + "\nQuận Ba Đình,1,1,0,0,1,1,0,0,0,0,0\n"
        try Data(header.utf8).write(to: URL(fileURLWithPath: work + "/noperiod.csv"))
        let noPeriod = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report", work + "/noperiod.csv"])
        #expect(noPeriod.status == 65 && noPeriod.stderr.contains("states no period"), "\(noPeriod.stderr)")
        let given = try ProcessRunner.run(
            "reform-ingest",
            ["--db", db, "--kind", "report", "--from", "2025-01-01", "--to", "2025-01-31", work + "/noperiod.csv"])
        #expect(given.status == 0 && given.stdout.contains("accepted=1"), "\(given.stderr)")
        // A bad count is a rejected row, named with its column.
        try Data((header + "Quận Hoàn Kiếm,1,x,0,0,1,1,0,0,0,0,0\n").utf8).write(
            to: URL(fileURLWithPath: work + "/bad.csv"))
        let bad = try ProcessRunner.run(
            "reform-ingest",
            [
                "--db", db, "--kind", "report", "--from", "2025-01-01", "--to", "2025-01-31", "--rejects", work + "/rj",
                work + "/bad.csv",
            ])
        #expect(bad.stdout.contains("accepted=1 rejected=1"), "\(bad.stdout) \(bad.stderr)")
        let rejects = try String(contentsOfFile: work + "/rj/bad.csv.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("3,bad_value,received_online,"))
    }
}
