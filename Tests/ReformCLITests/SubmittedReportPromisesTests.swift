import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Submitted reports and consolidation under careless and hostile use: no figure counted twice,
/// none dropped or overflowed without a word, nothing personal stored or printed.
@Suite(.serialized) struct SubmittedReportPromisesTests {
    static let header = "STT,Mã đơn vị,Tên đơn vị," + FormColumn.allCases.map(\.rawValue).joined(separator: ",") + "\n"
    static let january = ["--from", "2025-01-01", "--to", "2025-01-31"]

    /// A database with a province (01) and two districts (001, 002) in its unit lists.
    func database(_ work: String) throws -> String {
        let list = work + "/hanoi_units_2025-01-01.csv"
        try write(
            "level,code,name,parent_code,type\nprovince,01,Thành phố Hà Nội,,\n"
                + "district,001,Quận Ba Đình,01,\ndistrict,002,Quận Hoàn Kiếm,01,\n", list)
        let db = work + "/db.sqlite"
        let run = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "units", list])
        try #require(run.status == 0, "\(run.stderr)")
        return db
    }

    func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A report row: number, code, name and the eleven counts.
    static func row(_ number: Int, _ code: String, _ name: String, _ counts: [Int]) -> String {
        "\(number),\(code),\(name)," + counts.map(String.init).joined(separator: ",") + "\n"
    }

    static let ten = [10, 4, 3, 3, 7, 3, 2, 1, 3, 2, 1]

    func ingest(_ db: String, _ file: String, _ options: [String] = january) throws -> ProcessRunner.Output {
        try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "report"] + options + [file])
    }

    func consolidate(_ db: String, _ out: String) throws -> ProcessRunner.Output {
        try ProcessRunner.run("reform-consolidate", ["--db", db, "--out", out, "--period", "2025-01"])
    }

    func lines(_ out: String) throws -> [[String: String]] {
        try csvRowsByName(out + "/2025-01/consolidated_by_unit.csv")
    }

    @Test func hugeCountsAreRefusedByRowAndLargeSumsStayExact() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        // Each count at the bound, in 232 unmatched units: sums near 2.3·10^11, rates exact.
        let most = FormCounts.maxCount
        var text = Self.header
        for n in 1...232 { text += Self.row(n, "", "Đơn vị số \(n)", [most, most, 0, 0, most, most, 0, 0, 0, 0, 0]) }
        // One digit more is no count: the row is rejected, its line and column named.
        text += Self.row(233, "", "Đơn vị quá lớn", [999_999_999_999] + Array(repeating: 0, count: 10))
        try write(text, work + "/big.csv")
        let run = try ingest(db, work + "/big.csv")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accepted=232 rejected=1 "), "\(run.stdout)")
        let rejects = try String(contentsOfFile: work + "/rejects/big.csv.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("234,bad_value,received_total"), "\(rejects)")
        let result = try consolidate(db, work + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        let total = try #require(try lines(work + "/out").last)
        #expect(total["received_total"] == String(232 * most))
        #expect(Percentage.hundredths(232 * most, 232 * most) == 10_000)
        #expect(Percentage.hundredths(Int.max / 3, Int.max) == 3_333)
    }

    @Test func aUnitTwiceInOneReportCountsOnceAndIsShown() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        let text =
            Self.header + Self.row(1, "001", "Quận Ba Đình", Self.ten) + Self.row(2, "001", "Quận Ba Đình", Self.ten)
            + Self.row(3, "", "Phường Mới Lập", Self.ten) + Self.row(4, "", "phường  mới lập", Self.ten)
        try write(text, work + "/twice.csv")
        let run = try ingest(db, work + "/twice.csv")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("line 3: the unit \"Quận Ba Đình\" is also on line 2"), "\(run.stderr)")
        #expect(run.stderr.contains("is also on line 4"), "\(run.stderr)")
        let result = try consolidate(db, work + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try lines(work + "/out")
        // Ba Đình once, the new ward once, and the province's total of the two.
        #expect(rows.filter { $0["unit_code"] == "001" }.count == 1)
        #expect(rows.filter { $0["unit_name"]?.lowercased().contains("mới lập") == true }.count == 1)
        #expect(rows.last?["received_total"] == "20", "\(rows.last ?? [:])")
        let page = try String(contentsOfFile: work + "/out/2025-01/consolidated.html", encoding: .utf8)
        #expect(page.contains("trùng đơn vị với dòng 2: không tính"))
        #expect(page.contains("trùng đơn vị với dòng 4: không tính"))
    }

    @Test func theProvincesOwnRowIsItsTotalNotAUnit() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        let text =
            Self.header
            + Self.row(1, "", "UBND Thành phố Hà Nội", [20, 8, 6, 6, 14, 6, 4, 2, 6, 4, 2])
            + Self.row(2, "001", "Quận Ba Đình", Self.ten) + Self.row(3, "002", "Quận Hoàn Kiếm", Self.ten)
        try write(text, work + "/province.csv")
        let run = try ingest(db, work + "/province.csv")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accepted=2 ") && run.stdout.contains("skipped=1"), "\(run.stdout)")
        #expect(run.stderr.contains("is the province itself: read as the table's total"), "\(run.stderr)")
        let result = try consolidate(db, work + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try lines(work + "/out")
        #expect(!rows.contains { $0["unit_code"] == "01" && $0["source"] != "total" }, "\(rows)")
        #expect(rows.last?["received_total"] == "20", "the total is the units', not twice theirs")
    }

    @Test func aNegativeCountIsKeptAndMarked() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        try write(
            Self.header + Self.row(1, "001", "Quận Ba Đình", [10, 4, 3, 3, 7, 3, 2, 1, 3, 2, -1]), work + "/neg.csv")
        let run = try ingest(db, work + "/neg.csv")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accepted=1 "), "\(run.stdout)")
        #expect(run.stderr.contains("pending_overdue -1 < 0"), "\(run.stderr)")
        let result = try consolidate(db, work + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        let unit = try #require(try lines(work + "/out").first { $0["unit_code"] == "001" })
        #expect(unit["pending_overdue"] == "-1" && unit["identity_problems"]?.contains("-1 < 0") == true, "\(unit)")
    }

    @Test func aPhoneNumberTypedAsACodeIsRefusedAndNeverShown() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        try write(
            Self.header + Self.row(1, "0912345678", "Quận Ba Đình", Self.ten)
                + Self.row(2, "002", "Quận Hoàn Kiếm", Self.ten), work + "/phone.csv")
        let run = try ingest(db, work + "/phone.csv")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accepted=1 rejected=1 "), "\(run.stdout)")
        #expect(!run.stderr.contains("0912345678") && !run.stdout.contains("0912345678"))
        let rejects = try String(contentsOfFile: work + "/rejects/phone.csv.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("\n2,personal_data,Mã đơn vị,"), "\(rejects)")
        #expect(!rejects.contains("0912345678"))
        let stored = try Database(path: db, readOnly: true)
        #expect(try stored.scalarInt("SELECT COUNT(*) FROM submitted_row WHERE unit_key LIKE '%0912%'") == 0)
    }

    @Test func aRenameLeadingBackToItselfIsRefused() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        try write(
            "old_name,new_name,from\nQuận Ba Đình,Quận Mới,2025-01-01\nQuận Mới,Quận Ba Đình,2025-01-01\n"
                + "Quận Hoàn Kiếm,quận hoàn kiếm,2025-01-01\n", work + "/aliases.csv")
        let run = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "unit-aliases", work + "/aliases.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accepted=1 rejected=2 "), "\(run.stdout)")
        try write(Self.header + Self.row(1, "", "Quận Hoàn Kiếm", Self.ten), work + "/r.csv")
        let report = try ingest(db, work + "/r.csv")
        #expect(report.status == 0 && !report.stderr.contains("matches no unit"), "\(report.stderr)")
    }

    @Test func aLongReportingBodyIsRefusedByTheDefinition() throws {
        let work = TestPaths.temporaryFolder()
        let body = String(repeating: "Sở Nội vụ ", count: 10_000)
        try write(
            "{\"database\": \"db.sqlite\", \"inputs\": [\"*.csv\"], \"output\": \"out\", \"reporting_body\": \"\(body)\"}",
            work + "/job.json")
        let check = try ProcessRunner.run("reform", ["check", work + "/job.json"])
        #expect(check.status == 78, "\(check.stderr)")
        #expect(check.stderr.contains("reporting_body") && check.stderr.contains("at most 500"), "\(check.stderr)")
        // Whatever reaches a workbook cell is cut where Excel cuts it.
        #expect(XLSXWriter.cellText(body).utf16.count == 32_767)
        #expect(XLSXWriter.cellText(body).hasSuffix("…"))
    }

    @Test func aReportReadWithTheWrongDatesIsReadAgainWithTheRightOnes() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        try write(Self.header + Self.row(1, "001", "Quận Ba Đình", Self.ten), work + "/r.csv")
        let wrong = try ingest(db, work + "/r.csv", ["--from", "2024-01-01", "--to", "2024-01-31"])
        #expect(wrong.status == 0 && wrong.stdout.contains("accepted=1 "), "\(wrong.stderr)")
        let again = try ingest(db, work + "/r.csv", ["--from", "2024-01-01", "--to", "2024-01-31"])
        #expect(again.stderr.contains("other --from/--to (or another --sheet) would read it anew"), "\(again.stderr)")
        let right = try ingest(db, work + "/r.csv")
        #expect(right.status == 0 && right.stdout.contains("accepted=1 "), "\(right.stdout) \(right.stderr)")
        let result = try consolidate(db, work + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try lines(work + "/out").last?["received_total"] == "10")
    }

    @Test(arguments: [
        ("Từ ngày 01/01/2205 đến ngày 31/01/2205", "the year 2205 is outside 1970–2199"),
        ("Từ ngày 30/02/2025 đến ngày 31/03/2025", "2/2025 has no day 30"),
        ("Từ ngày 31/03/2025 đến ngày 01/03/2025", "the period ends before it starts"),
    ])
    func anImpossibleStatedPeriodIsNamed(title: String, reason: String) throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        let cells = { (row: [String]) in "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        let html =
            "<html><body><table>" + cells(["BÁO CÁO"]) + cells([title])
            + cells(["STT", "Mã đơn vị", "Tên đơn vị"] + FormColumn.allCases.map(\.rawValue))
            + cells(["1", "001", "Quận Ba Đình"] + Self.ten.map(String.init)) + "</table></body></html>"
        try write(html, work + "/r.xls")
        let run = try ingest(db, work + "/r.xls", [])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.contains("states a period that is no period") && run.stderr.contains(reason), "\(run.stderr)")
    }

    @Test func theConsolidationPageListsTwoThousandRowsAndTheCSVAll() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        var text = Self.header
        for n in 1...2_100 { text += Self.row(n, "", "Đơn vị thử \(n)", Self.ten) }
        try write(text, work + "/many.csv")
        #expect(try ingest(db, work + "/many.csv").status == 0)
        let result = try consolidate(db, work + "/out")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try lines(work + "/out").count == 2_100 + 2, "every unit, the unmatched total and the province's")
        let page = try String(contentsOfFile: work + "/out/2025-01/consolidated.html", encoding: .utf8)
        #expect(page.contains("… và 100 dòng nữa, đầy đủ trong consolidated_by_unit.csv"))
        #expect(page.components(separatedBy: "Đơn vị thử ").count - 1 == 2 * 2_000, "units and files tables")
    }

    @Test func theReportingBodysOwnRowIsItsTotal() throws {
        let work = TestPaths.temporaryFolder()
        let db = try database(work)
        let cells = { (row: [String]) in "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        let html =
            "<html><body><table>" + cells(["Đơn vị báo cáo: UBND Quận Ba Đình"])
            + cells(["Từ ngày 01/01/2025 đến ngày 31/01/2025"])
            + cells(["STT", "Mã đơn vị", "Tên đơn vị"] + FormColumn.allCases.map(\.rawValue))
            + cells(["1", "", "UBND Quận Ba Đình"] + [20, 8, 6, 6, 14, 6, 4, 2, 6, 4, 2].map(String.init))
            + cells(["2", "", "Phường Điện Biên"] + Self.ten.map(String.init))
            + cells(["3", "", "Phường Ngọc Hà"] + Self.ten.map(String.init)) + "</table></body></html>"
        try write(html, work + "/district.xls")
        let run = try ingest(db, work + "/district.xls", [])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accepted=2 ") && run.stdout.contains("skipped=1"), "\(run.stdout)")
        #expect(run.stderr.contains("is the reporting body: read as the table's total"), "\(run.stderr)")
    }
}
