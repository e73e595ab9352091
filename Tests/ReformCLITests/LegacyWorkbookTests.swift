import Foundation
import ReformTestSupport
import Testing

@testable import ReformStore

/// Legacy Excel 97–2003 files end to end (docs/contract.md §6, §8): the sample exports saved by
/// LibreOffice's "MS Excel 97" filter ingest exactly as their .xlsx twins do, and unit lists in the
/// statistics office's layout give every level they name.
@Suite struct LegacyWorkbookTests {
    let root = TestPaths.root

    /// Every stored dossier, in key order, without the batch it came from.
    static func dossiers(_ path: String) throws -> [String] {
        let database = try Database(path: path)
        var rows: [String] = []
        let names = [
            "dossier_id", "line", "procedure_id", "field_id", "unit_id", "channel", "status", "apology", "received_at",
            "due_at", "completed_at", "returned_at", "online_mode", "extended", "extended_due_at",
        ]
        try database.prepare("SELECT \(names.joined(separator: ", ")) FROM dossier ORDER BY dossier_id").forEachRow {
            row in
            rows.append(names.map { row.isNull($0) ? "-" : row.text($0) }.joined(separator: "|"))
        }
        return rows
    }

    @Test(
        "exports saved as .xls by LibreOffice ingest as their .xlsx twins do",
        .requires(.executable("/usr/bin/soffice")))
    func libreOfficeLegacyFilesIngestAsTheirTwins() throws {
        expectRequirements(.executable("/usr/bin/soffice"))
        let work = TestPaths.temporaryFolder()
        let twins = ["2025-01_vnpt.xlsx", "2025-03_dvcqg.xlsx"].map { root + "/SampleData/workbooks/" + $0 }
        let office = try ProcessRunner.runExecutable(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=file://\(work)/lo-profile", "--headless", "--convert-to", "xls:MS Excel 97",
                "--outdir", work + "/xls",
            ] + twins)
        try #require(office.status == 0, "\(office.stderr)")
        for twin in twins {
            let name = URL(fileURLWithPath: twin).deletingPathExtension().lastPathComponent
            let xlsx = try ProcessRunner.run(
                "reform-ingest", ["--db", work + "/\(name)-x.sqlite", "--rejects", work + "/rx", twin])
            let xls = try ProcessRunner.run(
                "reform-ingest",
                ["--db", work + "/\(name)-l.sqlite", "--rejects", work + "/rl", "\(work)/xls/\(name).xls"])
            #expect(xls.status == 0, "\(xls.stderr)")
            // The same summary (read, accepted, rejected, skipped rows), the same rejects by sheet row.
            #expect(
                xls.stdout.replacingOccurrences(of: ".xls ", with: ".xlsx ") == xlsx.stdout,
                "\(xls.stdout) \(xlsx.stdout)")
            #expect(
                try String(contentsOfFile: "\(work)/rl/\(name).xls.rejects.csv", encoding: .utf8)
                    == String(contentsOfFile: "\(work)/rx/\(name).xlsx.rejects.csv", encoding: .utf8))
            let stored = try Self.dossiers("\(work)/\(name)-x.sqlite")
            #expect(stored.count > 800)
            #expect(try Self.dossiers("\(work)/\(name)-l.sqlite") == stored, "\(name)")
        }
    }

    @Test(.requires(.pythonModule("xlwt")))
    func statisticsOfficeUnitListsGiveEveryLevel() throws {
        expectRequirements(.pythonModule("xlwt"))
        let work = TestPaths.temporaryFolder()
        // The Excel 97–2003 list (province, district, commune on each row), as xlwt writes it.
        let run = try ProcessRunner.runExecutable(
            "/usr/bin/env", ["python3", root + "/Tests/Oracle/legacy_xls.py", "units", work + "/gso_2024-01-01.xls"])
        try #require(run.status == 0, "\(run.stderr)")
        // The 2025 layout: 34 provinces and their communes, no district; one row refused.
        try Data(
            """
            Mã TP,Tỉnh / Thành Phố,Mã PX,Phường Xã,Cấp
            01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường
            01,Thành phố Hà Nội,00008,Phường Ngọc Hà,Phường
            04,Tỉnh Cao Bằng,01273,Xã Hà Quảng,Xã
            04,Tỉnh Cao Bằng,01273,Xã Hà Quảng,Xã
            04,Tỉnh Cao Bằng,01280,Xã Trùng Khánh,Khu phố

            """.utf8
        ).write(to: URL(fileURLWithPath: work + "/gso_2025-07-01.csv"))
        let ingest = try ProcessRunner.run(
            "reform-ingest",
            [
                "--db", work + "/db.sqlite", "--rejects", work + "/r", "--kind", "units", work + "/gso_2024-01-01.xls",
                work + "/gso_2025-07-01.csv",
            ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("file=gso_2024-01-01.xls read=6 accepted=6 rejected=0"), "\(ingest.stdout)")
        #expect(ingest.stdout.contains("file=gso_2025-07-01.csv read=5 accepted=3 rejected=2"), "\(ingest.stdout)")
        let database = try Database(path: work + "/db.sqlite")
        var units: [String] = []
        try database.prepare(
            "SELECT valid_from_day, level, code, name, parent_code, type FROM unit_list ORDER BY valid_from_day, code"
        ).forEachRow {
            units.append(["level", "code", "name", "parent_code", "type"].map($0.text).joined(separator: "|"))
        }
        // Both dates' lists (the province of Hà Nội in each).
        #expect(
            units.sorted()
                == [
                    "province|01|Thành phố Hà Nội||Thành phố Trung ương", "commune|00001|Phường Phúc Xá|001|Phường",
                    "commune|00004|Phường Trúc Bạch|001|Phường", "commune|00037|Phường Hàng Bạc|002|Phường",
                    "commune|00376|Thị trấn Sóc Sơn|016|Thị trấn", "commune|00379|Xã Bắc Sơn|016|Xã",
                    "district|001|Quận Ba Đình|01|Quận", "district|002|Quận Hoàn Kiếm|01|Quận",
                    "district|016|Huyện Sóc Sơn|01|Huyện", "commune|09574|Phường Lê Lợi|269|Phường",
                    "district|269|Thị xã Sơn Tây|01|Thị xã",
                    "province|01|Thành phố Hà Nội||Thành phố Trung ương", "commune|00004|Phường Ba Đình|01|Phường",
                    "commune|00008|Phường Ngọc Hà|01|Phường", "province|04|Tỉnh Cao Bằng||Tỉnh",
                    "commune|01273|Xã Hà Quảng|04|Xã",
                ].sorted())
        let rejects = try String(contentsOfFile: work + "/r/gso_2025-07-01.csv.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("5,bad_value,Mã PX,01273") && rejects.contains("6,bad_value,Cấp,01280"), "\(rejects)")
    }
}
