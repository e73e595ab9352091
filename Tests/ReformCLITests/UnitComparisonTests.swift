import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// reform-compare: hand-worked figures, the independent oracle on fresh exports, the integrity checks
/// against planted anomalies and clean data, and series at the July 2025 reorganisation.
@Suite struct UnitComparisonTests {
    let root = TestPaths.root
    var units: String { root + "/SampleData/reference/units" }

    /// Writes an export of `rows` (unit, received, due, completed) with generated ids.
    func export(_ rows: [(String, String, String, String)], to path: String, prefix: String = "") throws {
        var text = "dossier_id,procedure_code,unit_code,channel,received_at,due_at,completed_at\n"
        for (index, row) in rows.enumerated() {
            text += "\(prefix)\(row.0)-\(index),P1,\(row.0),direct,\(row.1),\(row.2),\(row.3)\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func rows(_ path: String) throws -> [[String: String]] {
        let records = try readAll(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        guard let header = records.first?.fields else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    }

    /// 12 of 12 does not outrank 4,900 of 5,000 (rank by the interval's lower bound), a jump from 6
    /// of 12 to 12 of 12 is significant, and the change and year-ago rate are differences as written.
    @Test func rankAndChangeByHand() throws {
        let work = TestPaths.temporaryFolder()
        var march: [(String, String, String, String)] = []
        for _ in 0..<12 { march.append(("001", "03/03/2025", "10/03/2025", "07/03/2025")) }
        for index in 0..<5000 {
            march.append(("002", "03/03/2025", "10/03/2025", index < 4900 ? "10/03/2025" : "12/03/2025"))
        }
        var february: [(String, String, String, String)] = []
        for index in 0..<12 {
            february.append(("001", "03/02/2025", "10/02/2025", index < 6 ? "10/02/2025" : "11/02/2025"))
        }
        let lastYear = [
            ("001", "03/03/2024", "10/03/2024", "07/03/2024"), ("001", "03/03/2024", "10/03/2024", "12/03/2024"),
        ]
        try export(march, to: work + "/m.csv", prefix: "M")
        try export(february, to: work + "/f.csv", prefix: "F")
        try export(lastYear, to: work + "/y.csv", prefix: "Y")
        let ingest = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db.sqlite", work + "/y.csv", work + "/f.csv", work + "/m.csv"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let run = try ProcessRunner.run(
            "reform-compare",
            ["--db", work + "/db.sqlite", "--from", "2025-03", "--to", "2025-03", "--out", work + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try rows(work + "/out/comparison.csv")
        let small = try #require(lines.first { $0["unit_code"] == "001" })
        let large = try #require(lines.first { $0["unit_code"] == "002" })
        // Wilson 95% of 12/12: 75.75–100; of 4900/5000: 97.57–98.35.
        #expect(small["rate"] == "100.00" && small["ci_low"] == "75.75" && small["ci_high"] == "100.00")
        #expect(large["rate"] == "98.00" && large["ci_low"] == "97.57" && large["ci_high"] == "98.35")
        #expect(large["rank"] == "1" && small["rank"] == "2")
        // February 6/12 = 50.00; pooled z = 0.5 / √(0.75·0.25·(1/12 + 1/12)) = 2.83.
        #expect(small["prev_rate"] == "50.00" && small["change_pp"] == "50.00" && small["significant"] == "yes")
        #expect(small["yoy_rate"] == "50.00" && small["yoy_change_pp"] == "50.00")
        #expect(large["prev_rate"] == "" && large["significant"] == "" && large["estimate"] == "no")
    }

    /// A unit code reused across the reorganisation: 00004 was Phường Trúc Bạch until June 2025 and is
    /// Phường Ba Đình from July. Without the merge map July's 00004 has no previous month; with it, June
    /// is carried forward (Trúc Bạch went whole into Ba Đình, but Quận Ba Đình's district dossiers only
    /// by estimate), and in the legacy view July's commune goes back to Quận Ba Đình (001).
    @Test func seriesAtTheReorganisation() throws {
        let work = TestPaths.temporaryFolder()
        try export(
            [
                ("00004", "10/06/2025", "13/06/2025", "12/06/2025"),
                ("00004", "10/07/2025", "14/07/2025", "16/07/2025"),
                ("001", "11/06/2025", "16/06/2025", "13/06/2025"), ("001", "11/07/2025", "16/07/2025", "15/07/2025"),
            ], to: work + "/e.csv")
        let db = work + "/db.sqlite"
        #expect(try ProcessRunner.run("reform-ingest", ["--db", db, work + "/e.csv"]).status == 0)
        let lists = ["2024-11-01", "2025-03-01", "2025-07-01"].map { "\(units)/hanoi_units_\($0).csv" }
        let loaded = try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "units"] + lists)
        #expect(loaded.status == 0 && loaded.stdout.contains("accepted=127"), "\(loaded.stdout)\(loaded.stderr)")
        var summary = ""
        func compare(_ view: String, _ out: String) throws -> [[String: String]] {
            let run = try ProcessRunner.run(
                "reform-compare", ["--db", db, "--from", "2025-06", "--to", "2025-07", "--units", view, "--out", out])
            #expect(run.status == 0, "\(run.stderr)")
            summary = run.stdout
            return try rows(out + "/comparison.csv")
        }
        let separate = try compare("current", work + "/a")
        #expect(
            separate.map { "\($0["period"]!) \($0["unit_code"]!) \($0["unit_name"]!)" } == [
                "2025-06 00004 Phường Trúc Bạch", "2025-06 001 Quận Ba Đình", "2025-07 00004 Phường Ba Đình",
                "2025-07 001 Quận Ba Đình",
            ])
        // July's 00004 is another unit than June's; the old district code used in July stays the district.
        #expect(separate[2]["prev_rate"] == "" && separate[3]["prev_rate"] == "100.00")
        #expect(separate.allSatisfy { $0["estimate"] == "no" })
        // July's "001" is found only in the old list: counted, and kept as the district without a map.
        #expect(summary.contains("estimated_dossiers=0 other_system_dossiers=1 unknown_code_dossiers=0"), "\(summary)")
        #expect(try String(contentsOfFile: work + "/a/comparison.html", encoding: .utf8).contains("merge map"))

        let merge = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--kind", "merge-map", "\(units)/hanoi_merge_map_2025-07-01.csv"])
        #expect(merge.status == 0)
        let forward = try compare("current", work + "/b")
        // June: Trúc Bạch (whole) and Quận Ba Đình (district: estimate) both land in Phường Ba Đình.
        #expect(
            forward.map { "\($0["period"]!) \($0["unit_code"]!) \($0["decided"]!) \($0["estimate"]!)" } == [
                "2025-06 00004 2 yes", "2025-07 00004 2 yes",
            ])
        #expect(forward[1]["prev_rate"] == "100.00" && forward[1]["rate"] == "50.00")
        // Estimated: both district dossiers (June's by majority, July's old code mapped forward).
        #expect(summary.contains("estimated_dossiers=2 other_system_dossiers=1 unknown_code_dossiers=0"), "\(summary)")
        let legacy = try compare("legacy", work + "/c")
        // Ba Đình's source communes lie in more than one old district: an estimate, under the majority (001).
        #expect(
            legacy.map { "\($0["period"]!) \($0["unit_code"]!) \($0["decided"]!) \($0["estimate"]!)" } == [
                "2025-06 001 2 no", "2025-07 001 2 yes",
            ])
    }

    /// Fresh exports across the reorganisation: comparison.csv equals the independent oracle byte for
    /// byte in both views.
    @Test(arguments: [11, Int(Date().timeIntervalSince1970) % 1_000_000])
    func agreesWithTheIndependentOracle(seed: Int) throws {
        let work = TestPaths.temporaryFolder("compare\(seed)")
        let db = try prepare(work, seed: seed, clean: false)
        let files = try exportFiles(work)
        let lists = ["2024-11-01", "2025-03-01", "2025-07-01"].flatMap { ["--list", "\(units)/hanoi_units_\($0).csv"] }
        for view in ["current", "legacy"] {
            let run = try ProcessRunner.run(
                "reform-compare",
                ["--db", db, "--from", "2024-08", "--to", "2025-09", "--units", view, "--out", work + "/" + view])
            #expect(run.status == 0, "\(run.stderr)")
            let oracle = try ProcessRunner.runExecutable(
                "/usr/bin/env",
                [
                    "python3", root + "/Tests/Oracle/compare_oracle.py", "--out", work + "/oracle-\(view).csv",
                    "--from", "2024-08", "--to", "2025-09", "--units", view, "--merge",
                    "\(units)/hanoi_merge_map_2025-07-01.csv",
                ] + lists + files)
            #expect(oracle.status == 0, "\(oracle.stderr)")
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: work + "/\(view)/comparison.csv"))
                    == Data(contentsOf: URL(fileURLWithPath: work + "/oracle-\(view).csv")), "seed \(seed) \(view)")
            // Every row's own figures agree with each other.
            for row in try rows(work + "/\(view)/comparison.csv") {
                let decided = Int(row["decided"]!)!, onTime = Int(row["on_time"]!)!
                #expect(row["rate"] == (Percentage.text(onTime, decided) ?? ""))
                #expect((row["rank"] == "") == (decided == 0))
            }
        }
    }

    /// Every planted anomaly is flagged, nothing else is; clean data raises nothing.
    @Test(arguments: [5, Int(Date().timeIntervalSince1970) % 1_000_000 + 1])
    func integrityChecksFindWhatWasPlanted(seed: Int) throws {
        for clean in [false, true] {
            let work = TestPaths.temporaryFolder("audit\(seed)\(clean)")
            let db = try prepare(work, seed: seed, clean: clean)
            let planted = try rows(work + "/in/planted.csv")
            #expect(clean ? planted.isEmpty : Set(planted.map { $0["check"]! }).count == 7, "seed \(seed)")
            for view in ["current", "legacy"] {
                let run = try ProcessRunner.run(
                    "reform-compare",
                    ["--db", db, "--from", "2024-07", "--to", "2025-09", "--units", view, "--out", work + "/" + view])
                #expect(run.status == 0, "\(run.stderr)")
                let findings = try rows(work + "/\(view)/audit.csv")
                let flagged = Set(
                    findings.flatMap { f in f["example_ids"]!.split(separator: " ").map { "\(f["check"]!) \($0)" } })
                let plantedIDs = Set(
                    planted.filter { $0["dossier_id"] != "" }.map { "\($0["check"]!) \($0["dossier_id"]!)" })
                #expect(
                    plantedIDs.subtracting(flagged).isEmpty,
                    "missed (seed \(seed), \(view)): \(plantedIDs.subtracting(flagged))")
                #expect(
                    flagged.subtracting(plantedIDs).filter { !$0.hasPrefix("due_date_gaming") }.isEmpty,
                    "false alarms (seed \(seed), \(view)): \(flagged.subtracting(plantedIDs))")
                let gaming = Set(findings.filter { $0["check"] == "due_date_gaming" }.map { $0["period"]! })
                let plantedGaming = planted.filter { $0["check"] == "due_date_gaming" }
                #expect(gaming.isSubset(of: Set(plantedGaming.map { $0["period"]! })), "seed \(seed) \(view)")
                // A commune's pattern may drown in its old district's volume in the legacy view.
                let mustShow = plantedGaming.filter { view == "current" || $0["period"]! < "2025-07" }
                #expect(Set(mustShow.map { $0["period"]! }).isSubset(of: gaming), "seed \(seed) \(view)")
                if clean { #expect(findings.isEmpty, "seed \(seed) \(view): \(findings)") }
            }
        }
    }

    /// Generates the audit sample with `seed` into `work/in` and ingests it with the unit lists.
    func prepare(_ work: String, seed: Int, clean: Bool) throws -> String {
        let sample = try ProcessRunner.run(
            "reform-sample", ["--audit", work + "/in", "--seed", String(seed)] + (clean ? ["--clean"] : []))
        #expect(sample.status == 0, "\(sample.stderr)")
        let db = work + "/db.sqlite"
        let ingest = try ProcessRunner.run("reform-ingest", ["--db", db] + (try exportFiles(work)))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let lists = ["2024-11-01", "2025-03-01", "2025-07-01"].map { "\(units)/hanoi_units_\($0).csv" }
        #expect(try ProcessRunner.run("reform-ingest", ["--db", db, "--kind", "units"] + lists).status == 0)
        #expect(
            try ProcessRunner.run(
                "reform-ingest", ["--db", db, "--kind", "merge-map", "\(units)/hanoi_merge_map_2025-07-01.csv"]
            )
            .status == 0)
        return db
    }

    func exportFiles(_ work: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: work + "/in/exports").sorted().map {
            work + "/in/exports/" + $0
        }
    }

    /// A unit list must say when it took effect; bad rows are rejected with their reason.
    @Test func unitListsAreCheckedAtIngest() throws {
        let work = TestPaths.temporaryFolder()
        try Data("level,code,name,parent_code,type\ncommune,00001,A,001,Phường\n".utf8).write(
            to: URL(fileURLWithPath: work + "/units.csv"))
        let undated = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db.sqlite", "--kind", "units", work + "/units.csv"])
        #expect(undated.status == 65 && undated.stderr.contains("must end with the date the list took effect"))
        try Data(
            "level,code,name,parent_code,type\ncommune,00001,A,001,Phường\nhamlet,00002,B,001,Thôn\ncommune,00001,C,001,Xã\ncommune,,D,001,Xã\n"
                .utf8
        ).write(to: URL(fileURLWithPath: work + "/units_2025-07-01.csv"))
        let dated = try ProcessRunner.run(
            "reform-ingest",
            ["--db", work + "/db.sqlite", "--kind", "units", "--rejects", work + "/r", work + "/units_2025-07-01.csv"])
        #expect(dated.stdout.contains("read=4 accepted=1 rejected=3"), "\(dated.stdout)")
        let rejects = try String(contentsOfFile: work + "/r/units_2025-07-01.csv.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("3,bad_value,level,00002") && rejects.contains("4,bad_value,code,00001"))
        #expect(rejects.contains("5,missing_value,code,"))
        try Data("new_code,old_code,merge_type\n00004,00001,whole\n".utf8).write(
            to: URL(fileURLWithPath: work + "/map_2025-07-01.csv"))
        let map = try ProcessRunner.run(
            "reform-ingest",
            [
                "--db", work + "/db.sqlite", "--kind", "merge-map", "--rejects", work + "/r",
                work + "/map_2025-07-01.csv",
            ])
        // A file whose every row is rejected is refused whole.
        #expect(map.status == 65 && map.stdout.isEmpty, "\(map.stdout)")
        #expect(map.stderr.contains("its only record was rejected (bad_value 1 (first at line 2))"), "\(map.stderr)")
    }

    /// Names come from exports when a code is in no unit list: the page escapes them, the CSV guards
    /// them against formula injection, and the page counts the unknown code.
    @Test func hostileUnitNamesAreInert() throws {
        let work = TestPaths.temporaryFolder()
        try Data(
            """
            dossier_id,procedure_code,unit_code,unit_name,channel,received_at,due_at,completed_at
            X1,P1,X<b>,<script>alert(1)</script>,direct,03/03/2025,10/03/2025,07/03/2025
            X2,P1,=cmd,=HYPERLINK("http://example.invalid"),direct,03/03/2025,10/03/2025,12/03/2025

            """.utf8
        ).write(to: URL(fileURLWithPath: work + "/e.csv"))
        #expect(try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", work + "/e.csv"]).status == 0)
        let run = try ProcessRunner.run(
            "reform-compare",
            ["--db", work + "/db.sqlite", "--from", "2025-03", "--to", "2025-03", "--out", work + "/out"])
        #expect(run.status == 0 && run.stderr.contains("no unit list is loaded"), "\(run.stderr)")
        #expect(run.stdout.contains("unknown_code_dossiers=2"), "\(run.stdout)")
        let page = try String(contentsOfFile: work + "/out/comparison.html", encoding: .utf8)
        #expect(!page.contains("<script>") && !page.contains("X<b>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("X&lt;b&gt;"))
        let csv = try String(contentsOfFile: work + "/out/comparison.csv", encoding: .utf8)
        #expect(csv.contains(",'=cmd,\"'=HYPERLINK(\"\"http://example.invalid\"\")\","))
    }

    @Test func compareStageNeedsItsSettings() throws {
        let work = TestPaths.temporaryFolder()
        try Data(#"{"inputs": ["x.csv"], "database": "d.sqlite", "output": "o", "stages": ["compare"]}"#.utf8).write(
            to: URL(fileURLWithPath: work + "/p.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/p.json"])
        #expect(run.status == 78 && run.stderr.contains("compare"), "\(run.stderr)")
        try Data(
            #"{"inputs": ["x.csv"], "database": "d.sqlite", "output": "o", "stages": ["compare"], "compare": {"from": "2025-09", "to": "2025-01"}}"#
                .utf8
        ).write(to: URL(fileURLWithPath: work + "/q.json"))
        #expect(try ProcessRunner.run("reform", ["run", work + "/q.json"]).status == 78)
    }
}
