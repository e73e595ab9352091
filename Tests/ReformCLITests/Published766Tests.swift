import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformModel

/// The national portal's Decision 766 score workbooks through the executables (docs/contract.md §5,
/// §7.1): a workbook shaped like the download, written by openpyxl with its expected ranks.
@Suite struct Published766Tests {
    let root = TestPaths.root

    /// Writes the portal-shaped workbook named as the portal names October 2025's, and its expectations.
    func portalWorkbook(_ work: String, seed: Int) throws -> (path: String, expected: [String: Any]) {
        let path = work + "/bao_cao_T10_2025.xlsx"
        let made = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            ["python3", root + "/Tests/Oracle/portal_766_workbook.py", path, work + "/expected.json", String(seed)],
            in: work)
        try #require(made.status == 0, "\(made.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: work + "/expected.json"))
        return (path, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test(.requires(.pythonModule("openpyxl")), arguments: [7, Int(Date().timeIntervalSince1970) % 100_000])
    func thePortalsWorkbookIngestsRanksAndAddsUp(seed: Int) throws {
        let work = TestPaths.temporaryFolder("p766-\(seed)")
        let (path, expected) = try portalWorkbook(work, seed: seed)
        let db = work + "/db.sqlite"
        let ingest = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "published-766", path])
        // 34 + 34 provinces, 15 departments, 60 communes; the trend sheets are not score sheets.
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("read=143 accepted=141 rejected=2"), "\(ingest.stdout)")
        let rejects = try String(contentsOfFile: work + "/rejects/bao_cao_T10_2025.xlsx.rejects.csv", encoding: .utf8)
        // A group above its maximum (CLGQ 12.5 of 12) and a total that is not the sum, each named
        // with the sheet's number ("Điểm tháng" is the second) and the unit's code.
        for refused in try #require(expected["refused"] as? [[String: String]]) {
            #expect(
                rejects.contains(",bad_value,\(refused["column"]!),sheet2/\(refused["code"]!)"),
                "\(refused) in \(rejects)")
        }
        #expect(try ProcessRunner.run("reform-compute", ["--db", db, "--year", "2025"]).status == 0)
        #expect(
            try ProcessRunner.run("reform-report", ["--db", db, "--year", "2025", "--out", work + "/out"]).status == 0)
        let rows = try csvRowsByName(work + "/out/2025/index766_published.csv")
        let totals = rows.filter { $0["measure"] == "total" }
        let ranks = try #require(expected["ranks"] as? [String: [String: Any]])
        #expect(totals.count == ranks.count)
        for total in totals {
            let key = "\(total["period"]!)|\(total["scope"]!)|\(total["unit_code"]!)"
            let want = try #require(ranks[key], "\(key) not expected")
            #expect(Int(total["rank"]!) == want["rank"] as? Int, "\(key)")
            #expect(Double(total["published"]!) == Double(want["total"] as! String), "\(key)")
            // The identity on the output: the total is the sum of its six groups, to 0.01.
            let groups = rows.filter {
                $0["period"] == total["period"] && $0["scope"] == total["scope"]
                    && $0["unit_code"] == total["unit_code"] && $0["measure"] != "total"
            }
            #expect(groups.count == 6)
            let sum = groups.reduce(0) { $0 + Int((Double($1["published"]!)! * 100).rounded()) }
            #expect(abs(sum - Int((Double(total["published"]!)! * 100).rounded())) <= 1, "\(key)")
            for group in groups {
                #expect(Double(group["published"]!)! <= Double(group["max_points"]!)!, "\(key) \(group["measure"]!)")
            }
        }
        // The year's provinces: the recomputed ranks are the portal's order.
        let year = totals.filter { $0["period"] == "2025" && $0["scope"] == "province" }
        #expect(year.count == 34 && year.allSatisfy { $0["rank"] == $0["portal_order"] })
        // Communes tie: competition ranks skip after a tie.
        let communeRanks = totals.filter { $0["scope"] == "commune" }.compactMap { Int($0["rank"]!) }
        #expect(Set(communeRanks).count < communeRanks.count)
        let page = try String(contentsOfFile: work + "/out/2025/indices.html", encoding: .utf8)
        #expect(page.contains("Bộ chỉ số 766 do Cổng Dịch vụ công quốc gia công bố"))
        #expect(page.contains("Xã, phường, đặc khu — kỳ 2025-10") && page.contains("Tỉnh, thành phố — kỳ 2025"))
    }

    /// Used carelessly: no period anywhere, a period that is no month, quarter or year, --period with
    /// another kind, a dossier export given as published scores.
    @Test(.requires(.pythonModule("openpyxl"))) func carelessUseIsRefusedByName() throws {
        let work = TestPaths.temporaryFolder()
        let (path, _) = try portalWorkbook(work, seed: 3)
        let undated = work + "/diem_766.xlsx"
        try FileManager.default.copyItem(atPath: path, toPath: undated)
        let db = work + "/db.sqlite"
        let noPeriod = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "published-766", undated])
        #expect(noPeriod.status == 65 && noPeriod.stderr.contains("give --period"), "\(noPeriod.stderr)")
        let half = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "published-766", "--period", "2025-H1", undated])
        #expect(half.status == 64 && half.stderr.contains("a month, quarter or year"), "\(half.stderr)")
        let dossiers = try ProcessRunner.run("reform-ingest", ["--db", db, "--period", "2025-10", undated])
        #expect(dossiers.status == 64 && dossiers.stderr.contains("--period goes with --kind published-766"))
        let export = root + "/SampleData/exports/2025-01_vnpt.csv"
        let wrong = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "published-766", "--period", "2025-10", export])
        #expect(wrong.status == 65, "\(wrong.stdout) \(wrong.stderr)")
        // Saved as CSV with a stray quote in one row: that row is refused by name, the others kept.
        let csv = work + "/diem_766_T10_2025.csv"
        try Data(
            """
            MA_COQUAN,TEN,LOAI_COQUAN,TDGQ,MDHL,MDSH,TTTT,CLGQ,CKMB,TONG_SCORE,ROW_STT
            H05,UBND tỉnh Bắc Ninh,1,19.05,17.86,20.79,10,8.36,15.64,91.7,1
            H19,"UBND tỉnh Đồng Nai,1,18.79,17.39,19.93,10,8.33,16.09,90.53,2
            H55,UBND tỉnh Thái Nguyên,1,19.1,17.86,19.73,10,8.31,15.3,90.3,3

            """.utf8
        ).write(to: URL(fileURLWithPath: csv))
        let stray = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "published-766", csv])
        #expect(
            stray.status == 0 && stray.stdout.contains("read=2 accepted=1 rejected=1"),
            "\(stray.stdout) \(stray.stderr)")
        let strayRejects = try String(
            contentsOfFile: work + "/rejects/diem_766_T10_2025.csv.rejects.csv", encoding: .utf8)
        #expect(strayRejects.contains("3,unterminated_quote"), "\(strayRejects)")
        let given = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "published-766", "--period", "2025-Q3", undated])
        #expect(given.status == 0 && given.stdout.contains("accepted=141"), "\(given.stderr)")
    }

    @Test func periodsFromThePortalsFileNames() {
        let cases: [(String, String?)] = [
            ("bao_cao_T10_2025.xlsx", "2025-10"), ("bao_cao_thang_10_2025.xlsx", "2025-10"),
            ("Báo cáo tháng 3 năm 2026.xlsx", "2026-03"), ("766_Q4_2025.xlsx", "2025-Q4"),
            ("diem_quy_2_2026.xlsx", "2026-Q2"), ("766_2025-11.xlsx", "2025-11"), ("diem_766_nam_2025.xlsx", "2025"),
            ("bao_cao.xlsx", nil), ("so_sanh_2024_2025.xlsx", nil), ("bao_cao_T13_2025.xlsx", "2025"),
        ]
        for (name, period) in cases {
            #expect(Published766Ingester.period(fileName: name)?.name == period, "\(name)")
        }
    }
}
