import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformReport
@testable import ReformSample
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Reporting periods and counting rules through the real executables (docs/contract.md §9):
/// ranges, named periods under both cut-off days and a year, each against the independent oracle
/// (Tests/Oracle/bieu06_oracle.py) byte for byte; every counting-rule combination; the chain
/// carried_in(P) = pending(P − 1) across adjacent periods; and the official workbook read back by
/// openpyxl and LibreOffice with every number equal to the CSVs'.
@Suite(.serialized) struct PeriodEndToEndTests {
    let root = TestPaths.root

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Mixed-spelling exports of 2024-10 … 2025-03 ingested into a fresh database.
    func sample(_ work: String, seed: Int) throws -> [String] {
        let made = try ProcessRunner.run(
            "reform-sample",
            [
                "--out", work + "/in", "--style", "mixed", "--seed", String(seed), "--from", "2024-10", "--to",
                "2025-03", "--per-month", "300",
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: work + "/in").sorted().map {
            work + "/in/" + $0
        }
        let ingest = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db.sqlite", "--rejects", work + "/rejects"] + files)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return files
    }

    func oracle(_ work: String, _ specs: [String], counting: String = "", files: [String]) throws {
        let run = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            ["python3", root + "/Tests/Oracle/bieu06_oracle.py", "--out", work, "--counting", counting]
                + specs.flatMap { ["--period", $0] } + files)
        try #require(run.status == 0, "\(run.stderr)")
    }

    /// The period arguments of a spec as the oracle takes it (`NAME@D`, `FIRST_LAST`).
    func arguments(_ spec: String) -> [String] {
        if spec.contains("_") {
            let days = spec.split(separator: "_").map(String.init)
            return ["--from", days[0], "--to", days[1]]
        }
        let parts = spec.split(separator: "@").map(String.init)
        return ["--period", parts[0]] + (parts.count == 2 ? ["--cutoff-day", parts[1]] : [])
    }

    /// The folder the spec's outputs go to.
    func label(_ spec: String) throws -> String {
        if spec.contains("_") { return try #require(ReportingPeriod(label: spec)).description }
        let parts = spec.split(separator: "@").map(String.init)
        return try #require(ReportingPeriod(name: parts[0], cutoffDay: parts.count == 2 ? Int(parts[1])! : 1))
            .description
    }

    func computeAndReport(_ work: String, _ spec: String, counting: String? = nil) throws -> String {
        let compute = try ProcessRunner.run(
            "reform-compute",
            ["--db", work + "/db.sqlite"] + arguments(spec) + (counting.map { ["--counting", $0] } ?? []))
        try #require(compute.status == 0, "\(spec): \(compute.stderr)")
        let report = try ProcessRunner.run(
            "reform-report", ["--db", work + "/db.sqlite", "--out", work + "/out"] + arguments(spec))
        try #require(report.status == 0, "\(spec): \(report.stderr)")
        return compute.stdout
    }

    static let specs = [
        "2025-01-15_2025-02-14", "2025-01-01_2025-01-14", "2025-Q1@15", "2024-Q4@15", "2024-Q4", "2025-02@15",
        "2025-H1", "2025-9M@15", "2024", "2025-03", "2025-02-01_2025-02-28", "2024-12-31_2024-12-31",
    ]

    @Test func rangesAndNamedPeriodsAgreeWithTheOracle() throws {
        let work = TestPaths.temporaryFolder()
        let files = try sample(work, seed: 31)
        try oracle(work + "/oracle", Self.specs, files: files)
        for spec in Self.specs {
            let line = try computeAndReport(work, spec)
            let folder = try label(spec)
            #expect(line.hasPrefix("period=\(folder) "), "\(spec): \(line)")
            for name in ["bieu06_by_unit.csv", "bieu06_by_field.csv"] {
                #expect(
                    try bytes("\(work)/out/\(folder)/\(name)") == bytes("\(work)/oracle/\(folder)/\(name)"),
                    "\(spec) \(name)")
                #expect(try Bieu06Identities.check(csv: "\(work)/out/\(folder)/\(name)").problems == [], "\(spec)")
            }
            let text = try String(contentsOfFile: "\(work)/out/\(folder)/bieu06_by_unit.csv", encoding: .utf8)
            #expect(text.contains("\r\n\(folder),"), "period cells of \(spec) are \(folder)")
        }
        // 2025-02-01 … 2025-02-28 is the month 2025-02; a range's folder is named by its days.
        #expect(try label("2025-02-01_2025-02-28") == "2025-02")
        #expect(FileManager.default.fileExists(atPath: work + "/out/2025-01-15_2025-02-14/bieu06.xlsx"))
    }

    @Test func adjacentPeriodsChainAndABrokenChainIsNamed() throws {
        let work = TestPaths.temporaryFolder()
        _ = try sample(work, seed: 32)
        // Quarters under cut-off 15, then a range right after another of a different length.
        for spec in ["2024-Q4@15", "2025-Q1@15", "2025-01-01_2025-01-14", "2025-01-15_2025-02-14"] {
            let line = try computeAndReport(work, spec)
            #expect(line.contains(" identity_violations=0 "), "\(spec): \(line)")
        }
        let q4 = try Bieu06Identities.check(csv: work + "/out/2024-09-15_2024-12-14/bieu06_by_unit.csv")
        let q1 = try Bieu06Identities.check(csv: work + "/out/2024-12-15_2025-03-14/bieu06_by_unit.csv")
        for key in Set(q4.pendingByKey.keys).union(q1.carriedByKey.keys) {
            #expect((q1.carriedByKey[key] ?? 0) == (q4.pendingByKey[key] ?? 0), "unit \(key)")
        }
        // A re-export that rewrites a dossier of the stored quarter before shows as a broken chain
        // naming both periods.
        let database = try Database(path: work + "/db.sqlite")
        let id = try #require(
            try database.scalarText(
                """
                SELECT dossier_id FROM dossier WHERE status = 5 AND received_day < \(ReportingPeriod.day("2024-12-15")!)
                ORDER BY dossier_id LIMIT 1
                """))
        try database.execute(
            "UPDATE dossier SET received_day = \(ReportingPeriod.day("2024-12-20")!) WHERE dossier_id = '\(id)'")
        let line = try computeAndReport(work, "2025-Q1@15")
        #expect(!line.contains(" identity_violations=0 "), "\(line)")
        let page = try String(contentsOfFile: work + "/out/2024-12-15_2025-03-14/report.html", encoding: .utf8)
        #expect(page.contains("carried_in(2024-12-15_2025-03-14) = pending(2024-09-15_2024-12-14)"))
    }

    @Test func everyCountingRuleCombinationAgreesWithTheOracleAndKeepsTheIdentities() throws {
        let work = TestPaths.temporaryFolder()
        let files = try sample(work, seed: 33)
        let spec = "2025-Q1@15"
        let folder = try label(spec)
        var seen: Set<Data> = []
        for rules in CountingRules.all {
            let text = rules.settings.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            try oracle(work + "/oracle-\(seen.count)", [spec], counting: text, files: files)
            _ = try computeAndReport(work, spec, counting: text)
            for name in ["bieu06_by_unit.csv", "bieu06_by_field.csv"] {
                #expect(
                    try bytes("\(work)/out/\(folder)/\(name)")
                        == bytes("\(work)/oracle-\(seen.count)/\(folder)/\(name)"),
                    "\(rules) \(name)")
                #expect(try Bieu06Identities.check(csv: "\(work)/out/\(folder)/\(name)").problems == [], "\(rules)")
            }
            let page = try String(contentsOfFile: work + "/out/\(folder)/report.html", encoding: .utf8)
            #expect(page.contains("(\(rules.description))"), "the page names \(rules)")
            seen.insert(try bytes("\(work)/out/\(folder)/bieu06_by_unit.csv"))
        }
        // Each rule changes something on this sample: 32 combinations, 32 different tables.
        #expect(seen.count == 32)
    }

    @Test func eachRuleChangesOnlyWhatItNames() throws {
        let work = TestPaths.temporaryFolder()
        _ = try sample(work, seed: 34)
        let spec = "2025-Q1@15"
        let folder = try label(spec)
        func table(_ counting: String) throws -> [String: [String: Int]] {
            _ = try computeAndReport(work, spec, counting: counting)
            var reader = try CSVReader(path: "\(work)/out/\(folder)/bieu06_by_unit.csv")
            defer { reader.close() }
            _ = try reader.nextRecord()
            let header = (0..<reader.fieldCount).map { reader.string($0) }
            var rows: [String: [String: Int]] = [:]
            while try reader.nextRecord() {
                var row: [String: Int] = [:]
                for i in 3..<18 { row[header[i]] = Int(reader.string(i)) }
                rows[reader.string(1)] = row
            }
            return rows
        }
        let base = try table("")
        let changes: [(String, Set<String>)] = [
            ("withdrawn=on_time", ["resolved", "on_time", "withdrawn_rejected"]),
            ("no_due=on_time", ["on_time", "resolved_no_due", "pending_within", "pending_no_due"]),
            ("supplement_waiting=within", ["pending_within", "pending_overdue", "pending_no_due"]),
            ("compare=instant", ["on_time", "late", "late_with_apology"]),
        ]
        for (rule, allowed) in changes {
            let other = try table(rule)
            var changed: Set<String> = []
            for (unit, row) in base {
                for (column, value) in row where other[unit]?[column] != value { changed.insert(column) }
            }
            #expect(!changed.isEmpty, "\(rule) changed nothing")
            #expect(changed.isSubset(of: allowed), "\(rule) changed \(changed.subtracting(allowed))")
        }
    }

    @Test(
        "the official workbook read back by openpyxl and LibreOffice equals the CSVs",
        .requires(.pythonModule("openpyxl"), .executable("/usr/bin/soffice")))
    func workbookReadBack() throws {
        expectRequirements(.pythonModule("openpyxl"), .executable("/usr/bin/soffice"))
        let work = TestPaths.temporaryFolder()
        _ = try sample(work, seed: 35)
        // Unit lists give the unit sheet its bands.
        let lists = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/reference/units")
            .filter { $0.hasPrefix("hanoi_units_") }.sorted().map { root + "/SampleData/reference/units/" + $0 }
        let units = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db.sqlite", "--rejects", work + "/rejects", "--kind", "units"] + lists)
        try #require(units.status == 0, "\(units.stderr)")
        for (spec, counting) in [("2025-Q1@15", "withdrawn=on_time,no_due=on_time"), ("2025-01-15_2025-02-14", "")] {
            _ = try computeAndReport(work, spec, counting: counting)
            let folder = work + "/out/" + (try label(spec))
            let csvs = [folder + "/bieu06_by_unit.csv", folder + "/bieu06_by_field.csv"]
            let openpyxl = try ProcessRunner.runExecutable(
                "/usr/bin/env",
                ["python3", root + "/Tests/Oracle/check_form.py", "--xlsx", folder + "/bieu06.xlsx"] + csvs)
            #expect(openpyxl.status == 0, "\(spec): \(openpyxl.stderr)")
            #expect(openpyxl.stdout.contains("ok II.06a theo đơn vị"), "\(openpyxl.stdout)")
            let converted = work + "/lo-" + (try label(spec))
            let office = try ProcessRunner.runExecutable(
                "/usr/bin/soffice",
                [
                    "-env:UserInstallation=file://\(work)/lo-profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir",
                    converted, folder + "/bieu06.xlsx",
                ])
            #expect(office.status == 0, "\(office.stderr)")
            let checked = try ProcessRunner.runExecutable(
                "/usr/bin/env",
                ["python3", root + "/Tests/Oracle/check_form.py", "--libreoffice-csv", converted] + csvs)
            #expect(checked.status == 0, "\(spec): \(checked.stderr)")
            #expect(checked.stdout.split(separator: "\n").count == 2)
        }
        // Printed through LibreOffice: each sheet fits the width of one A4 landscape page.
        let pdf = try ProcessRunner.runExecutable(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=file://\(work)/lo-profile", "--headless", "--convert-to", "pdf", "--outdir",
                work + "/pdf", work + "/out/2024-12-15_2025-03-14/bieu06.xlsx",
            ])
        #expect(pdf.status == 0, "\(pdf.stderr)")
        let printed = try Data(contentsOf: URL(fileURLWithPath: work + "/pdf/bieu06.pdf"))
        #expect(printed.starts(with: Data("%PDF".utf8)))
        let text = String(decoding: printed, as: UTF8.self)
        let pages =
            text.components(separatedBy: "/Type/Page").count - 1
            - (text.components(separatedBy: "/Type/Pages").count - 1)
        #expect(pages == 2, "one page a sheet, not \(pages)")
        let widths = text.components(separatedBy: "/MediaBox[").dropFirst().compactMap { box -> (Double, Double)? in
            let numbers = box.prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
            return numbers.count == 4 ? (numbers[2] - numbers[0], numbers[3] - numbers[1]) : nil
        }
        #expect(!widths.isEmpty && widths.allSatisfy { $0.0 > $0.1 && abs($0.0 - 842) < 2 }, "A4 landscape: \(widths)")
        let sheet = try String(
            contentsOfFile: work + "/lo-2024-12-15_2025-03-14/bieu06-II.06a theo đơn vị.csv", encoding: .utf8)
        #expect(sheet.contains("Kỳ báo cáo: Quý I/2025 (Từ ngày 15/12/2024 đến ngày 14/03/2025)"))
        #expect(sheet.contains("\nI,\"Sở, ban, ngành và đơn vị cấp tỉnh\"") || sheet.contains("UBND cấp huyện"))
        #expect(sheet.contains("withdrawn=on_time no_due=on_time supplement_waiting=pending compare=date"))
    }

    @Test func theWorkbookIsTheSameBytesEveryTimeUnlessSourceDateEpochIsSet() throws {
        let work = TestPaths.temporaryFolder()
        _ = try sample(work, seed: 36)
        _ = try computeAndReport(work, "2025-Q1@15")
        let path = work + "/out/2024-12-15_2025-03-14/bieu06.xlsx"
        let first = try bytes(path)
        _ = try ProcessRunner.run(
            "reform-report",
            ["--db", work + "/db.sqlite", "--out", work + "/out", "--period", "2025-Q1", "--cutoff-day", "15"])
        #expect(try bytes(path) == first)
        let stamped = try ProcessRunner.run(
            "reform-report",
            ["--db", work + "/db.sqlite", "--out", work + "/stamped", "--period", "2025-Q1", "--cutoff-day", "15"],
            environment: ["SOURCE_DATE_EPOCH": "1735689600"])
        #expect(stamped.status == 0)
        let withTime = try bytes(work + "/stamped/2024-12-15_2025-03-14/bieu06.xlsx")
        #expect(withTime != first)
        #expect(withTime.range(of: Data("2025-01-01T00:00:00Z".utf8)) == nil, "the properties part is deflated")
        let stampedArchive = try ZipArchive(path: work + "/stamped/2024-12-15_2025-03-14/bieu06.xlsx")
        #expect(stampedArchive.entry("docProps/core.xml") != nil)
        #expect(try ZipArchive(path: path).entry("docProps/core.xml") == nil)
    }

    @Test func wrongPeriodsAndRulesAreUsageErrors() throws {
        let work = TestPaths.temporaryFolder()
        _ = try sample(work, seed: 37)
        for arguments in [
            ["--period", "2025-Q5"], ["--period", "2025-Q1", "--cutoff-day", "31"], ["--from", "2025-01-01"],
            ["--from", "2025-02-01", "--to", "2025-01-01"], ["--period", "2025-03", "--counting", "withdrawn=maybe"],
            ["--period", "2025-03", "--counting", "late=on_time"],
            ["--period", "2025-03", "--from", "2025-03-01", "--to", "2025-03-02"],
            // A repeated option would silently keep one value.
            ["--period", "2025-03", "--counting", "withdrawn=on_time", "--counting", "compare=instant"],
        ] {
            let run = try ProcessRunner.run("reform-compute", ["--db", work + "/db.sqlite"] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.isEmpty)
        }
        // Working days need the schedules: a named folder that is not there stops compute; the
        // default folder missing (run from elsewhere) is said.
        let noFolder = try ProcessRunner.run(
            "reform-compute", ["--db", work + "/db.sqlite", "--period", "2025-03", "--calendars", work + "/nope"])
        #expect(noFolder.status == 66 && noFolder.stderr.contains("no calendar folder at"), "\(noFolder.stderr)")
        let elsewhere = try ProcessRunner.run(
            "reform-compute", ["--db", work + "/db.sqlite", "--period", "2025-03"], in: work)
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stderr.contains("warning: no calendar folder at Pipelines/calendars"), "\(elsewhere.stderr)")
        let missing = try ProcessRunner.run(
            "reform-report", ["--db", work + "/db.sqlite", "--out", work + "/out", "--period", "2025-H1"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("--from 2025-01-01 --to 2025-06-30"), "\(missing.stderr)")
        let latest = try ProcessRunner.run(
            "reform-compute", ["--db", work + "/db.sqlite", "--period", "latest-quarter", "--cutoff-day", "15"])
        #expect(latest.status == 0)
        #expect(latest.stderr.contains("period \"latest\" is 2025-Q1 (2024-12-15_2025-03-14)"), "\(latest.stderr)")
    }
}

/// A database upgraded from before supplement-waiting statuses were kept says so when the rule
/// that needs them is used.
@Suite struct WaitingFlagUpgradeTests {
    @Test func computeWarnsAboutDossiersStoredWithoutTheWaitingFlag() throws {
        let work = TestPaths.temporaryFolder()
        let files = try PeriodEndToEndTests().sample(work, seed: 38)
        #expect(!files.isEmpty)
        let fresh = try ProcessRunner.run(
            "reform-compute",
            ["--db", work + "/db.sqlite", "--period", "2025-02", "--counting", "supplement_waiting=within"])
        #expect(fresh.status == 0 && !fresh.stderr.contains("warning"), "\(fresh.stderr)")
        // As if every batch had been stored by the build before schema version 10.
        let database = try Database(path: work + "/db.sqlite")
        try database.execute(
            "UPDATE upgrade_note SET last_batch_id = (SELECT MAX(id) FROM batch) WHERE name = 'waiting_supplement'")
        let old = try ProcessRunner.run(
            "reform-compute",
            ["--db", work + "/db.sqlite", "--period", "2025-02", "--counting", "supplement_waiting=within"])
        #expect(old.status == 0)
        #expect(old.stderr.contains("pending dossiers were stored by a ReformIndex that did not keep"), "\(old.stderr)")
        let defaults = try ProcessRunner.run("reform-compute", ["--db", work + "/db.sqlite", "--period", "2025-02"])
        #expect(!defaults.stderr.contains("warning"), "the default rules do not need the flag")
    }

    /// Dossiers stored before the online mode and extensions were kept (schema version 16) are
    /// counted as neither, and compute says how many of the period's.
    @Test func computeWarnsAboutDossiersStoredWithoutTheOnlineModeOrExtensions() throws {
        let work = TestPaths.temporaryFolder()
        _ = try PeriodEndToEndTests().sample(work, seed: 39)
        let fresh = try ProcessRunner.run("reform-compute", ["--db", work + "/db.sqlite", "--period", "2025-02"])
        #expect(fresh.status == 0 && !fresh.stderr.contains("warning"), "\(fresh.stderr)")
        let database = try Database(path: work + "/db.sqlite")
        try database.execute(
            "UPDATE upgrade_note SET last_batch_id = (SELECT MIN(id) FROM batch) WHERE name = 'online_mode_and_extension'"
        )
        let firstBatch = try database.scalarInt(
            """
            SELECT COUNT(*) FROM dossier WHERE batch_id = (SELECT MIN(id) FROM batch)
                AND received_day < \(ReportingPeriod.day("2025-03-01")!)
                AND (end_day IS NULL OR end_day >= \(ReportingPeriod.day("2025-02-01")!))
            """)
        let old = try ProcessRunner.run("reform-compute", ["--db", work + "/db.sqlite", "--period", "2025-02"])
        #expect(old.status == 0)
        #expect(
            old.stderr.contains(
                "warning: \(firstBatch ?? -1) dossiers of the period were stored by a ReformIndex that did not keep "
                    + "the online mode"), "\(old.stderr)")
    }
}

/// The yearly indices and the auditors' comparison as workbooks: a sheet per CSV, read back by
/// openpyxl with every value equal to the CSV's and every number a number cell.
@Suite struct OutputWorkbookTests {
    @Test(.requires(.pythonModule("openpyxl")))
    func committedWorkbooksHoldTheirCSVs() throws {
        expectRequirements(.pythonModule("openpyxl"))
        let root = TestPaths.root
        let sets: [(String, [String])] = [
            ("Reports/2025/indices.xlsx", IndexStages.fileNames.map { "Reports/2025/" + $0 }),
            (
                "Reports/audit/current/comparison.xlsx",
                ["comparison.csv", "audit.csv"].map { "Reports/audit/current/" + $0 }
            ),
            (
                "Reports/audit/legacy/comparison.xlsx",
                ["comparison.csv", "audit.csv"].map { "Reports/audit/legacy/" + $0 }
            ),
        ]
        for (workbook, csvs) in sets {
            let run = try ProcessRunner.runExecutable(
                "/usr/bin/env",
                ["python3", root + "/Tests/Oracle/check_sheets.py", root + "/" + workbook]
                    + csvs.map { root + "/" + $0 })
            #expect(run.status == 0, "\(workbook): \(run.stderr)")
            #expect(run.stdout.split(separator: "\n").count == csvs.count, "\(run.stdout)")
        }
    }

    @Test func plainNumbersOnlyBecomeNumberCells() {
        for text in ["0", "12", "-3", "96.50", "-0.25"] { #expect(OutputTable.isPlainNumber(text), "\(text)") }
        for text in ["", "-", "1.", ".5", "1e5", "2025-01", "1,234", " 1", "0x10", "١٢"] {
            #expect(!OutputTable.isPlainNumber(text), "\(text)")
        }
    }
}
