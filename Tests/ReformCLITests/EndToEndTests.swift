import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Runs the real executables on SampleData and on freshly generated exports.
@Suite(.serialized) struct EndToEndTests {
    let root = TestPaths.root

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func sampleDataIsWhatTheGeneratorWrites() throws {
        let out = TestPaths.temporaryFolder()
        let result = try ProcessRunner.run("reform-sample", ["--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == committed)
        for name in committed {
            #expect(try bytes(out + "/" + name) == bytes(root + "/SampleData/exports/" + name), "\(name)")
        }
    }

    /// The committed workbook twins, and the layout each was written in.
    static let workbookTwins = [
        ("2025-01_vnpt.xlsx", "titled"), ("2025-02_opencps.xls", "html"), ("2025-03_dvcqg.xlsx", "plain"),
    ]

    @Test func sampleWorkbooksAreWhatTheGeneratorWrites() throws {
        let out = TestPaths.temporaryFolder()
        for (name, layout) in Self.workbookTwins {
            let export = root + "/SampleData/exports/" + name.split(separator: ".")[0] + ".csv"
            let result = try ProcessRunner.run(
                "reform-sample", ["--twin", export, "--file", out + "/" + name, "--layout", layout])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try bytes(out + "/" + name) == bytes(root + "/SampleData/workbooks/" + name), "\(name)")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/workbooks").sorted()
                == Self.workbookTwins.map(\.0))
    }

    @Test func workbookTwinsGiveTheCommittedFigures() throws {
        let work = TestPaths.temporaryFolder()
        let text = try String(contentsOfFile: root + "/Pipelines/monthly-workbooks.json", encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"\(root)/")
            .replacingOccurrences(of: "\"\(root)/.reform/monthly-workbooks.sqlite\"", with: "\"db/r.sqlite\"")
            .replacingOccurrences(of: "\"\(root)/.reform/workbooks/rejects\"", with: "\"rejects\"")
            .replacingOccurrences(of: "\"\(root)/.reform/workbooks\"", with: "\"out\"")
            .replacingOccurrences(
                of: "\"calendars\": \"calendars\"", with: "\"calendars\": \"\(root)/Pipelines/calendars\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/workbooks.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/workbooks.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "file=2025-01_vnpt.xlsx read=904 accepted=900 rejected=4 replaced=0 unchanged=0 skipped=2"))
        #expect(
            run.stdout.contains(
                "file=2025-02_opencps.xls read=1145 accepted=1141 rejected=4 replaced=313 unchanged=0 skipped=1"))
        #expect(
            run.stdout.contains(
                "file=2025-03_dvcqg.xlsx read=1038 accepted=1034 rejected=4 replaced=191 unchanged=0 skipped=0"))
        // provenance.csv names the input files, which differ; every figure is the same.
        for name in ReportStage.fileNames where name.hasSuffix(".csv") && name != "provenance.csv" {
            #expect(try bytes(work + "/out/2025-03/" + name) == bytes(root + "/Reports/2025-03/" + name), "\(name)")
        }
        // The report lists where each workbook's table was found and what stood above it.
        let page = try String(contentsOfFile: work + "/out/2025-03/report.html", encoding: .utf8)
        #expect(
            page.contains(
                "trang tính “Danh sách hồ sơ”, bỏ qua 2 dòng; kỳ ghi trên tệp: 01/01/2025 – 31/01/2025; "
                    + "đơn vị ghi trên tệp: ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI; tiêu đề: ỦY BAN NHÂN DÂN THÀNH PHỐ "
                    + "HÀ NỘI · DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT · Từ ngày 01/01/2025 đến ngày 31/01/2025"))
        let database = try Schema.openForReading(path: work + "/db/r.sqlite")
        #expect(try database.scalarInt("SELECT SUM(skipped) FROM batch") == 3)
        #expect(try database.scalarInt("SELECT COUNT(*) FROM batch WHERE skipped IS NULL") == 1)  // the catalogue CSV
        // The same rows rejected for the same reasons; the line is the sheet row (title and header
        // rows above it in the workbook).
        for (name, _) in Self.workbookTwins {
            let csvName = name.split(separator: ".")[0] + ".csv.rejects.csv"
            let fromCSV = try String(contentsOfFile: root + "/Reports/rejects/" + csvName, encoding: .utf8)
            let fromWorkbook = try String(contentsOfFile: work + "/rejects/" + name + ".rejects.csv", encoding: .utf8)
            let withoutLines = { (text: String) in
                text.split(whereSeparator: \.isNewline).map {
                    $0.split(separator: ",", maxSplits: 1).last.map(String.init) ?? ""
                }
            }
            #expect(withoutLines(fromCSV) == withoutLines(fromWorkbook), "\(name)")
        }
    }

    @Test func stagesReproduceTheCommittedReports() throws {
        let work = TestPaths.temporaryFolder()
        let exports = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted()
            .map { root + "/SampleData/exports/" + $0 }
        let catalogue = try ProcessRunner.run(
            "reform-ingest",
            [
                "--db", work + "/db/r.sqlite", "--rejects", work + "/rejects", "--kind", "procedures",
                root + "/SampleData/reference/procedures.csv",
            ])
        #expect(catalogue.stdout == "file=procedures.csv read=19 accepted=19 rejected=0 replaced=0 unchanged=0\n")
        let ingest = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db/r.sqlite", "--rejects", work + "/rejects"] + exports)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.split(separator: "\n").count == exports.count)
        // The page compares each unit with the month before: that month is computed first.
        let february = try ProcessRunner.run(
            "reform-compute", ["--db", work + "/db/r.sqlite", "--period", "2025-02"])
        #expect(february.status == 0, "\(february.stderr)")
        let compute = try ProcessRunner.run("reform-compute", ["--db", work + "/db/r.sqlite", "--period", "2025-03"])
        #expect(compute.status == 0, "\(compute.stderr)")
        #expect(
            compute.stdout
                == "period=2025-03 units=30 fields=13 identity_violations=0 appointments_later=3 appointments_earlier=1\n"
        )
        let report = try ProcessRunner.run(
            "reform-report", ["--db", work + "/db/r.sqlite", "--period", "2025-03", "--out", work + "/out"])
        #expect(report.status == 0, "\(report.stderr)")
        for name in ReportStage.fileNames {
            #expect(try bytes(work + "/out/2025-03/" + name) == bytes(root + "/Reports/2025-03/" + name), "\(name)")
        }
        for export in exports + [root + "/SampleData/reference/procedures.csv"] {
            let name = FilePath.lastComponent(of: export) + ".rejects.csv"
            #expect(try bytes(work + "/rejects/" + name) == bytes(root + "/Reports/rejects/" + name), "\(name)")
        }
        for name in ["bieu06_by_unit.csv", "bieu06_by_field.csv"] {
            #expect(try Bieu06Identities.check(csv: work + "/out/2025-03/" + name).problems == [])
        }
        // Running everything again changes nothing.
        let again = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db/r.sqlite", "--rejects", work + "/rejects"] + exports)
        #expect(again.stdout.split(separator: "\n").allSatisfy { $0.contains("already ingested (sha256 ") })
    }

    /// Mixed-spelling exports the project has never seen (a fresh seed each run, plus fixed ones),
    /// checked against the independent Python oracle byte for byte, months chained by carried_in.
    @Test(arguments: [777, 4242, Int(Date().timeIntervalSince1970) % 1_000_000])
    func agreesWithTheIndependentOracle(seed: Int) throws {
        let work = TestPaths.temporaryFolder("oracle\(seed)")
        let sample = try ProcessRunner.run(
            "reform-sample",
            [
                "--out", work + "/in", "--style", "mixed", "--seed", String(seed), "--from", "2024-11", "--to",
                "2025-02", "--per-month", "350",
            ])
        #expect(sample.status == 0, "\(sample.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: work + "/in").sorted().map {
            work + "/in/" + $0
        }
        let months = ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]
        let oracle = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            ["python3", root + "/Tests/Oracle/bieu06_oracle.py", "--out", work + "/oracle"]
                + months.flatMap { ["--period", $0] } + files)
        #expect(oracle.status == 0, "oracle failed (seed \(seed)): \(oracle.stderr)")
        let ingest = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db/r.sqlite", "--rejects", work + "/out/rejects"] + files)
        #expect(ingest.status == 0)
        #expect(ingest.stdout == oracle.stdout, "summary lines differ (seed \(seed))")
        var previousPending: [String: Int]?
        for month in months {
            _ = try ProcessRunner.run("reform-compute", ["--db", work + "/db/r.sqlite", "--period", month])
            let report = try ProcessRunner.run(
                "reform-report", ["--db", work + "/db/r.sqlite", "--period", month, "--out", work + "/out"])
            #expect(report.status == 0, "\(report.stderr)")
            for name in ["bieu06_by_unit.csv", "bieu06_by_field.csv"] {
                #expect(
                    try bytes("\(work)/out/\(month)/\(name)") == bytes("\(work)/oracle/\(month)/\(name)"),
                    "seed \(seed) \(month) \(name)")
            }
            let check = try Bieu06Identities.check(csv: "\(work)/out/\(month)/bieu06_by_unit.csv")
            #expect(check.problems == [], "seed \(seed)")
            if let previousPending {
                let keys = Set(previousPending.keys).union(check.carriedByKey.keys)
                for key in keys {
                    #expect(
                        (check.carriedByKey[key] ?? 0) == (previousPending[key] ?? 0),
                        "carried_in(\(month)) \(key) seed \(seed)")
                }
            }
            previousPending = check.pendingByKey
        }
        for file in files {
            let name = FilePath.lastComponent(of: file) + ".rejects.csv"
            #expect(
                try bytes(work + "/out/rejects/" + name) == bytes(work + "/oracle/rejects/" + name),
                "seed \(seed) \(name)")
        }
        // Every rejection reason of docs/contract.md occurs in these exports, but for the two guards that
        // need records of megabytes or personal data in a code (ReliabilityTests has both).
        var reasons = Set<String>()
        for file in files {
            let text = try String(
                contentsOfFile: work + "/out/rejects/" + FilePath.lastComponent(of: file) + ".rejects.csv",
                encoding: .utf8)
            for line in text.split(separator: "\r\n").dropFirst() {
                reasons.insert(String(line.split(separator: ",")[1]))
            }
        }
        #expect(
            reasons == Set(RejectReason.allCases.map(\.rawValue)).subtracting(["record_too_large", "personal_data"]))
    }

    @Test func yearlyPipelineReproducesTheCommittedIndices() throws {
        let work = TestPaths.temporaryFolder()
        let text = try String(contentsOfFile: root + "/Pipelines/yearly-index.json", encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"\(root)/")
            .replacingOccurrences(of: "\"\(root)/.reform/yearly.sqlite\"", with: "\"db/r.sqlite\"")
            .replacingOccurrences(of: "\"\(root)/Reports/rejects\"", with: "\"rejects\"")
            .replacingOccurrences(of: "\"\(root)/Reports\"", with: "\"out\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/yearly.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/yearly.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("year=2025 index766_units=30 sipas_units=30 par_units=30 delegation_measures=3"))
        for name in IndexStages.fileNames + ["indices.html", "indices.xlsx"] {
            #expect(try bytes(work + "/out/2025/" + name) == bytes(root + "/Reports/2025/" + name), "\(name)")
        }
    }

    /// The quarterly definition: Q1 under cut-off day 15, the official form banded by the unit lists,
    /// and the committed folder reproduced byte for byte.
    @Test func quarterlyPipelineReproducesTheCommittedForm() throws {
        let work = TestPaths.temporaryFolder()
        let text = try String(contentsOfFile: root + "/Pipelines/quarterly.json", encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"\(root)/")
            .replacingOccurrences(
                of: "\"calendars\": \"calendars\"", with: "\"calendars\": \"\(root)/Pipelines/calendars\""
            )
            .replacingOccurrences(of: "\"\(root)/.reform/quarterly.sqlite\"", with: "\"db/r.sqlite\"")
            .replacingOccurrences(of: "\"\(root)/Reports/rejects\"", with: "\"rejects\"")
            .replacingOccurrences(of: "\"\(root)/Reports\"", with: "\"out\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/quarterly.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/quarterly.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("period=2024-12-15_2025-03-14 units=30 fields=13 identity_violations=0 "))
        #expect(run.stderr.contains("period \"latest\" is 2025-Q1 (2024-12-15_2025-03-14)"))
        #expect(
            run.stdout.contains(
                "/2024-12-15_2025-03-14 units=31 dossiers=25 submitted=1 both=5 unmatched=1 "
                    + "identity_problems=1 differences=4 explained=1"), "\(run.stdout)")
        for name in ReportStage.fileNames + ConsolidateStage.fileNames {
            let path = "/2024-12-15_2025-03-14/" + name
            #expect(try bytes(work + "/out" + path) == bytes(root + "/Reports" + path), "\(name)")
        }
    }

    @Test func noPersonalDataLeavesTheInputFiles() throws {
        let work = TestPaths.temporaryFolder()
        let exports = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted()
            .map { root + "/SampleData/exports/" + $0 }
        var personal = Set<String>()
        for path in exports {
            var reader = try CSVReader(path: path)
            _ = try reader.nextRecord()
            let header = (0..<reader.fieldCount).map { TextKey.value(reader.field($0)) }
            let columns = header.indices.filter { DossierColumn.personalDataHeaders.contains(header[$0]) }
            #expect(!columns.isEmpty)
            while try reader.nextRecord() {
                for c in columns where c < reader.fieldCount { personal.insert(reader.string(c)) }
            }
            reader.close()
        }
        #expect(personal.count > 1000)
        let definition = work + "/p.json"
        try Data(
            """
            {"inputs": ["\(root)/SampleData/exports/*.csv"], "database": "db/r.sqlite", "rejects": "rejects", "output": "out"}
            """.utf8
        ).write(to: URL(fileURLWithPath: definition))
        let run = try ProcessRunner.run("reform", ["run", definition])
        #expect(run.status == 0, "\(run.stderr)")
        try Database(path: work + "/db/r.sqlite").checkpoint()
        var everything = Data((run.stdout + run.stderr).utf8)
        let enumerator = FileManager.default.enumerator(atPath: work)!
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: work + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                relative != "p.json"
            {
                everything += try bytes(work + "/" + relative)
            }
        }
        // Names are checked whole; phone, e-mail and ID numbers are unique enough to search alone.
        for value in personal where value.count >= 8 {
            #expect(everything.range(of: Data(value.utf8)) == nil, "personal value found in outputs")
        }
    }
}
