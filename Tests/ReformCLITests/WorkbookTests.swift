import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Workbooks as input (docs/contract.md §8): what other tools write reads as the CSV of the same
/// records does, and every damaged or foreign file gets its own refusal.
@Suite struct WorkbookTests {
    let folder = TestPaths.temporaryFolder()

    static let exports = ["2025-01_vnpt", "2025-02_opencps", "2025-03_dvcqg"]

    /// Everything stored of each dossier, names resolved, and each rejection but its line.
    static func stored(_ database: String) throws -> [String] {
        let db = try Schema.openForReading(path: database)
        var rows: [String] = []
        let dossiers = try db.prepare(
            """
            SELECT d.dossier_id, p.code, u.code, COALESCE(f.name, ''), d.channel, d.status, d.apology,
                   d.received_at, COALESCE(d.due_at, -1), COALESCE(d.completed_at, -1),
                   COALESCE(d.returned_at, -1), d.online_payment, d.digitized, d.e_result, d.reused_data,
                   d.supplement_count, d.supplement_days, d.complaint, p.name, u.name
            FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN unit u ON u.id = d.unit_id
            LEFT JOIN field f ON f.id = d.field_id ORDER BY d.dossier_id
            """)
        try dossiers.forEachRow { row in rows.append(row.wholeRow.prefix(20).map { $0 ?? "" }.joined(separator: "|")) }
        let rejects = try db.prepare("SELECT reason, column_name, dossier_id FROM reject ORDER BY dossier_id, reason")
        try rejects.forEachRow { row in rows.append("reject " + row.wholeRow.map { $0 ?? "" }.joined(separator: "|")) }
        return rows
    }

    func ingest(_ path: String, into name: String, arguments: [String] = []) throws -> ProcessRunner.Output {
        try ProcessRunner.run("reform-ingest", ["--db", folder + "/\(name)/db.sqlite"] + arguments + [path])
    }

    @Test(
        "workbooks written by openpyxl, xlsxwriter and as HTML store what their CSV stores",
        .requires(.pythonModule("openpyxl"), .pythonModule("xlsxwriter")),
        arguments: ["openpyxl", "xlsxwriter", "html"])
    func otherToolsWorkbooks(style: String) throws {
        expectRequirements(.pythonModule("openpyxl"), .pythonModule("xlsxwriter"))
        for export in Self.exports {
            let twin = folder + "/\(export)_\(style).xlsx", kept = folder + "/\(export).csv"
            let made = try ProcessRunner.runExecutable(
                "/usr/bin/env",
                [
                    "python3", TestPaths.root + "/Tests/Oracle/workbook_twin.py", style,
                    TestPaths.root + "/SampleData/exports/\(export).csv", twin, kept,
                ])
            try #require(made.status == 0, "\(made.stderr)")
            let fromCSV = try ingest(kept, into: "\(export)-\(style)-csv")
            let fromWorkbook = try ingest(twin, into: "\(export)-\(style)-workbook")
            #expect(fromCSV.status == 0 && fromWorkbook.status == 0, "\(fromWorkbook.stderr)")
            // Same counts; the workbook's line adds what it skipped (title, numbering, total rows).
            let counts = { (line: String) in
                line.split(separator: " ").filter {
                    $0.hasPrefix("read=") || $0.hasPrefix("accepted=") || $0.hasPrefix("rejected=")
                }
            }
            #expect(counts(fromCSV.stdout) == counts(fromWorkbook.stdout))
            #expect(fromWorkbook.stdout.contains("skipped=\(["openpyxl": 2, "xlsxwriter": 0, "html": 1][style]!)"))
            let csvRows = try Self.stored(folder + "/\(export)-\(style)-csv/db.sqlite")
            let workbookRows = try Self.stored(folder + "/\(export)-\(style)-workbook/db.sqlite")
            #expect(csvRows.count > 900)
            #expect(csvRows == workbookRows)
        }
    }

    @Test(
        "a workbook LibreOffice converted from the CSV stores what the CSV stores",
        .requires(.executable("/usr/bin/soffice")))
    func libreOfficeWorkbook() throws {
        expectRequirements(.executable("/usr/bin/soffice"))
        let export = Self.exports[0]
        let source = folder + "/\(export).csv"
        try FileManager.default.copyItem(
            atPath: TestPaths.root + "/SampleData/exports/\(export).csv", toPath: source)
        let converted = try ProcessRunner.runExecutable(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=file://\(folder)/lo-profile", "--headless", "--convert-to", "xlsx",
                // CSV import: comma, UTF-8 (76), first line 1, every column text (2) so codes keep
                // their leading zeros and dates their text.
                "--infilter=CSV:44,34,76,1,\((1...30).map { "\($0)/2" }.joined(separator: "/"))",
                "--outdir", folder, source,
            ])
        try #require(converted.status == 0, "\(converted.stderr)")
        let fromCSV = try ingest(source, into: "csv")
        let fromWorkbook = try ingest(folder + "/\(export).xlsx", into: "workbook")
        #expect(fromCSV.status == 0 && fromWorkbook.status == 0, "\(fromWorkbook.stderr)")
        #expect(try Self.stored(folder + "/csv/db.sqlite") == Self.stored(folder + "/workbook/db.sqlite"))
    }

    /// The hand-made workbooks of Tests/Oracle/hostile_workbooks.py (standard library only),
    /// made once for all tests (the ZIP bomb takes seconds to write).
    static let handMadeFolder: Result<String, ProcessFailure> = {
        let folder = TestPaths.temporaryFolder("handMade")
        guard
            let made = try? ProcessRunner.runExecutable(
                "/usr/bin/env", ["python3", TestPaths.root + "/Tests/Oracle/hostile_workbooks.py", folder])
        else { return .failure(ProcessFailure(message: "python3 did not run")) }
        return made.status == 0 ? .success(folder) : .failure(ProcessFailure(message: made.stderr))
    }()

    struct ProcessFailure: Error {
        let message: String
    }

    func handMade() throws -> String {
        try Self.handMadeFolder.get()
    }

    @Test func spreadsheetMLCornersReadAsTheCellsShow() throws {
        let made = try handMade()
        for name in ["corners.xlsx", "stored.xlsx"] {
            let workbook = try XLSXWorkbook(path: made + "/" + name)
            #expect(workbook.sheets.map(\.name) == ["Ghi chú", "Hồ sơ"])
            #expect(workbook.date1904)
            #expect(try workbook.sheet(nil).name == "Ghi chú")
            #expect(try workbook.sheet("2").name == "Hồ sơ")
            #expect(try workbook.sheet("hồ sơ").name == "Hồ sơ")
            #expect(throws: WorkbookError.noSuchSheet(requested: "3", available: ["Ghi chú", "Hồ sơ"])) {
                try workbook.sheet("3")
            }
            // The first sheet holds no table: the message lists the sheets to choose from.
            #expect {
                _ = try TableInput.open(
                    path: made + "/" + name, format: .ooxml, encoding: .utf8, sheet: nil,
                    requirement: InputFile.dossierHeader)
            } throws: { error in
                "\(error)".contains("the workbook's sheets are \"Ghi chú\", \"Hồ sơ\" (--sheet takes a name")
            }
            let reader = try workbook.open(try workbook.sheet("Hồ sơ"))
            var row = GridRow()
            var rows: [[String]] = []
            while try reader.nextRow(&row) { rows.append([String(row.number)] + (0..<row.count).map(row.string)) }
            #expect(
                rows == [
                    ["2", "", "Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận", "Trạng thái"],
                    // A formula's text, a number under a quoted "ngày" format, a 1904 date cell.
                    ["3", "", "H-1", "P1", "7", "2024-01-01 12:00:00", "10"],
                    // An escaped shared string, a number with an exponent, a boolean, an error.
                    ["4", "", "A_x0041_&B", "1.001612E+3", "TRUE", "2024-01-02 00:00:00", "#N/A"],
                    // A row without r, cells without r: they follow on.
                    ["5", "", "H-3", "P", "8", "20240103"],
                ])
            #expect(try reader.merges() == [CellRange(reference: "B7:C7")!])
        }
    }

    @Test(arguments: [
        ("truncated.xlsx", "truncated"), ("document.xlsx", "not an Excel workbook"),
        ("no-sheet.xlsx", "no worksheet"), ("missing-part.xlsx", "lacks its part xl/worksheets/data.xml"),
        ("doctype.xlsx", "declares a DTD"), ("bad-string-index.xlsx", "shared string 99"),
        ("crc.xlsx", "CRC-32"), ("bomb.xlsx", "ZIP bomb"), ("zip-encrypted.xlsx", "encrypted"),
        // A compound-file signature and nothing a compound file needs: damaged, with the reason.
        ("legacy.xls", "legacy Excel (.xls) file is damaged (sector sizes"), ("password.xlsx", "password-protected"),
        ("spreadsheet2003.xls", "Excel 2003 XML Spreadsheet"), ("empty-table.xls", "no table row"),
    ])
    func damagedAndForeignFilesAreRefusedWithTheirCause(file: String, cause: String) throws {
        let made = try handMade()
        for kind in ["dossiers", "procedures", "units"] {
            var path = made + "/" + file
            if kind == "units" {
                // A unit list's name ends with the day it took effect.
                let suffix = file.hasSuffix(".xls") ? ".xls" : ".xlsx"
                try FileManager.default.createDirectory(atPath: made + "/\(file).d", withIntermediateDirectories: true)
                path = made + "/\(file).d/hanoi_units_2025-07-01" + suffix
                try FileManager.default.copyItem(atPath: made + "/" + file, toPath: path)
            }
            let database = folder + "/\(kind)/db.sqlite"
            // The damaged parts are in the workbook's second sheet.
            let sheet = file.hasSuffix(".xlsx") ? ["--sheet", "2"] : []
            let result = try ProcessRunner.run("reform-ingest", ["--db", database, "--kind", kind] + sheet + [path])
            #expect(result.status == 65, "\(kind) \(file): \(result.stderr)")
            #expect(result.stderr.contains(cause), "\(kind) \(file): \(result.stderr)")
            #expect(!result.stderr.contains("UTF-16"))
            #expect(result.stdout.isEmpty)
            let db = try Schema.openForReading(path: database)
            #expect(try db.scalarInt("SELECT COUNT(*) FROM batch") == 0)
        }
    }

    @Test(arguments: ["amplify.xlsx", "span-bomb.xls"])
    func textRepeatedFarBeyondTheFileIsRefused(file: String) throws {
        let made = try handMade()
        let arguments = ["--db", folder + "/db.sqlite"] + (file.hasSuffix(".xlsx") ? ["--sheet", "2"] : [])
        let result = try ProcessRunner.runExecutable(
            "/usr/bin/time",
            ["-f", "maxrss=%M", ProcessRunner.binaries + "/reform-ingest"] + arguments + [made + "/" + file])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("possible decompression bomb"), "\(result.stderr)")
        let kilobytes = result.stderr.split(separator: "\n").last { $0.hasPrefix("maxrss=") }.flatMap {
            Int($0.dropFirst(7))
        }
        #expect((kilobytes ?? .max) < 512 << 10, "\(result.stderr)")
    }

    @Test func aZipBombUnderTheRatioStreamsInBoundedMemory() throws {
        // 40 MiB of whitespace at a ratio under the limit: read through, not held (GNU time measures).
        let made = folder + "/slow-bomb.xlsx"
        let built = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import zipfile, random
                random.seed(7)
                parts = {}
                exec(open("\(TestPaths.root)/Tests/Oracle/hostile_workbooks.py").read().split("PARTS = {")[0])
                with zipfile.ZipFile("\(made)", "w", zipfile.ZIP_DEFLATED) as z:
                    for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                                       ("xl/workbook.xml", WORKBOOK.replace('r:id="rId9"', 'r:id="rId2"')),
                                       ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/styles.xml", STYLES),
                                       ("xl/strings.xml", STRINGS)]:
                        z.writestr(name, text)
                    with z.open("xl/worksheets/data.xml", "w") as w:
                        w.write(DATA.split("</x:sheetData>")[0].encode())
                        noise = bytes(random.choice(b" \\t\\n") for _ in range(1 << 16))
                        for _ in range(640):
                            w.write(noise)
                        w.write(b"</x:sheetData></x:worksheet>")
                """,
                folder + "/unused",
            ])
        try #require(built.status == 0, "\(built.stderr)")
        let result = try ProcessRunner.runExecutable(
            "/usr/bin/time",
            ["-f", "maxrss=%M", ProcessRunner.binaries + "/reform-ingest", "--db", folder + "/db.sqlite", made])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read=3"))
        let kilobytes = result.stderr.split(separator: "\n").last { $0.hasPrefix("maxrss=") }.flatMap {
            Int($0.dropFirst(7))
        }
        #expect((kilobytes ?? .max) < 128 << 10, "\(result.stderr)")
    }

    /// Writes the workbook twin of `source` with reform-sample.
    func twin(_ source: String, _ target: String, layout: String) throws {
        let result = try ProcessRunner.run("reform-sample", ["--twin", source, "--file", target, "--layout", layout])
        try #require(result.status == 0, "\(result.stderr)")
    }

    @Test func everyKindOfInputReadsWorkbooks() throws {
        let root = TestPaths.root
        // The yearly indices from workbooks only: catalogue, questions, survey and PAR scores as
        // titled .xlsx, the exports as the committed twins.
        var keys: [String: String] = [:]
        for (key, name) in [
            ("catalogue", "catalogue"), ("questions", "questions"), ("survey", "survey"), ("par_scores", "par_scores"),
        ] {
            try twin(root + "/SampleData/indices/\(name).csv", folder + "/indices/\(name).xlsx", layout: "titled")
            keys[key] = folder + "/indices/\(name).xlsx"
        }
        var yearly = try String(contentsOfFile: root + "/Pipelines/yearly-index.json", encoding: .utf8)
        for (key, path) in keys {
            yearly = yearly.replacingOccurrences(
                of: "\"\(key)\": [\"../SampleData/indices/\(key == "par_scores" ? "par_scores" : key).csv\"]",
                with: "\"\(key)\": [\"\(path)\"]")
        }
        yearly = yearly.replacingOccurrences(
            of: "\"../SampleData/exports/*.csv\"", with: "\"\(root)/SampleData/workbooks/*\""
        )
        .replacingOccurrences(of: "\"../SampleData/reference/", with: "\"\(root)/SampleData/reference/")
        .replacingOccurrences(of: "\"../.reform/yearly.sqlite\"", with: "\"db/yearly.sqlite\"")
        .replacingOccurrences(of: "\"../Reports/rejects\"", with: "\"rejects\"")
        .replacingOccurrences(of: "\"../Reports\"", with: "\"out\"")
        #expect(!yearly.contains("SampleData/indices"), "every index input is a workbook")
        try Data(yearly.utf8).write(to: URL(fileURLWithPath: folder + "/yearly.json"))
        let run = try ProcessRunner.run("reform", ["run", folder + "/yearly.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("file=catalogue.xlsx read=1895 accepted=1895"), "\(run.stdout)")
        for name in IndexStages.fileNames {
            let ours = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/2025/" + name))
            #expect(ours == (try Data(contentsOf: URL(fileURLWithPath: root + "/Reports/2025/" + name))), "\(name)")
        }
        // The auditors' comparison with the dated unit lists and the merge map as workbooks (their
        // names still end with the day they took effect).
        let units = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/reference/units")
            .filter { $0.hasSuffix(".csv") }
        for name in units {
            try twin(
                root + "/SampleData/reference/units/" + name,
                folder + "/units/" + name.replacingOccurrences(of: ".csv", with: ".xlsx"), layout: "plain")
        }
        let audit = try String(contentsOfFile: root + "/Pipelines/audit.json", encoding: .utf8)
            .replacingOccurrences(
                of: "\"../SampleData/reference/units/hanoi_units_*.csv\"", with: "\"units/hanoi_units_*\""
            )
            .replacingOccurrences(
                of: "\"../SampleData/reference/units/hanoi_merge_map_*.csv\"", with: "\"units/hanoi_merge_map_*\""
            )
            .replacingOccurrences(of: "\"../SampleData/", with: "\"\(root)/SampleData/")
            .replacingOccurrences(of: "\"../.reform/audit.sqlite\"", with: "\"db/audit.sqlite\"")
            .replacingOccurrences(of: "\"../Reports/audit/rejects\"", with: "\"audit-rejects\"")
            .replacingOccurrences(of: "\"../Reports/audit\"", with: "\"audit\"")
        try Data(audit.utf8).write(to: URL(fileURLWithPath: folder + "/audit.json"))
        let compare = try ProcessRunner.run("reform", ["run", folder + "/audit.json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("file=hanoi_merge_map_2025-07-01.xlsx"), "\(compare.stdout)")
        for view in ["current", "legacy"] {
            for name in ["comparison.csv", "audit.csv"] {
                let ours = try Data(contentsOf: URL(fileURLWithPath: folder + "/audit/\(view)/" + name))
                let committed = try Data(contentsOf: URL(fileURLWithPath: root + "/Reports/audit/\(view)/" + name))
                #expect(ours == committed, "\(view)/\(name)")
            }
        }
    }
}
