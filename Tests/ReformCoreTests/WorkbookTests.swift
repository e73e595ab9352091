import Foundation
import Testing

@testable import ReformCore

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
        try dossiers.forEachRow { row in rows.append((0..<20).map { row.text($0) }.joined(separator: "|")) }
        let rejects = try db.prepare("SELECT reason, column_name, dossier_id FROM reject ORDER BY dossier_id, reason")
        try rejects.forEachRow { row in rows.append("reject " + (0..<3).map { row.text($0) }.joined(separator: "|")) }
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
}
