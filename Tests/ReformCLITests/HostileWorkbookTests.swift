import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Workbooks and HTML tables shaped to exhaust time or memory by a trick of the format: each is
/// built here, read by the real executable under GNU time, and must cost about what its content
/// holds (docs/reference.md, "Workbooks and HTML: time and memory").
@Suite(.serialized) struct HostileWorkbookTests {
    static let header = ["Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Ngày tiếp nhận"]

    /// The parts of a one-sheet workbook around `sheet`, which writes the sheet's XML; `extra`
    /// adds entries after it (a second copy of a part, a shared-string table).
    static func writeWorkbook(
        _ path: String, sheetName: String = "Hồ sơ", sharedStrings: ((ZipWriter) throws -> Void)? = nil,
        styles: String? = nil,
        extra: ((ZipWriter) throws -> Void)? = nil, sheet: (ZipWriter) throws -> Void
    ) throws {
        let zip = try ZipWriter(path: path, level: 9)
        try zip.begin("[Content_Types].xml")
        try zip.write(
            """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        try zip.begin("xl/workbook.xml")
        try zip.write(
            """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(sheetName)" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        try zip.begin("xl/_rels/workbook.xml.rels")
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts = "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        if sharedStrings != nil {
            parts += "<Relationship Id=\"rId2\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        if styles != nil {
            parts += "<Relationship Id=\"rId3\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
        }
        try zip.write(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(parts)</Relationships>"
        )
        if let sharedStrings {
            try zip.begin("xl/sharedStrings.xml")
            try sharedStrings(zip)
        }
        if let styles {
            try zip.begin("xl/styles.xml")
            try zip.write(styles)
        }
        try zip.begin("xl/worksheets/sheet1.xml")
        try sheet(zip)
        try extra?(zip)
        try zip.commit()
    }

    static let sheetOpen = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    static let sheetClose = "</sheetData></worksheet>"

    /// A row of inline-string cells from column A.
    static func row(_ number: Int, _ cells: [String]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            xml += "<c r=\"\(XLSXWriter.columnName(index))\(number)\" t=\"inlineStr\"><is><t>\(cell)</t></is></c>"
        }
        return xml + "</row>"
    }

    static func dossier(_ n: Int) -> [String] { ["H-\(n)", "P1", "Cấp phép", "001", "02/01/2025"] }

    /// Runs `tool` under GNU time: the output, the seconds it took and its peak memory in MiB.
    func measured(_ tool: String, _ arguments: [String]) throws -> (ProcessRunner.Output, Double, Int) {
        let report = TestPaths.temporaryFolder("time") + "/report"
        let output = try ProcessRunner.runExecutable(
            "/usr/bin/time", ["-f", "%e %M", "-o", report, ProcessRunner.binaries + "/" + tool] + arguments)
        let line =
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)), as: UTF8.self)
            .split(separator: "\n").last.map { $0.split(separator: " ") } ?? []
        let seconds = line.first.flatMap { Double($0) } ?? .infinity
        let kib = line.dropFirst().first.flatMap { Int($0) } ?? .max
        return (output, seconds, kib / 1024)
    }

    func count(_ key: String, in stdout: String) -> Int? {
        stdout.split(separator: " ").first { $0.hasPrefix(key + "=") }.flatMap { Int($0.dropFirst(key.count + 1)) }
    }

    // MARK: time and memory follow the content

    @Test(.requires(.executable("/usr/bin/time")))
    func commentsAndLongTagsAreScannedOnce() throws {
        expectRequirements(.executable("/usr/bin/time"))
        let work = TestPaths.temporaryFolder()
        let path = work + "/comments.xlsx"
        // Four 40 MiB comments and one start tag with a 40 MiB attribute between six rows: the
        // read-ahead refills hundreds of times inside each.
        // Text repeating every 16 KiB deflates about a hundred times, as the hostile file did,
        // under the ratio that refuses a ZIP bomb. The comments are full of "-" and the attribute
        // of ">": each a place where a scan must look whether its token ends.
        func block(_ alphabet: String) -> [UInt8] {
            let letters = Array(alphabet.utf8)
            var state: UInt32 = 7
            let pattern: [UInt8] = (0..<(1 << 14)).map { _ in
                state = state &* 1_103_515_245 &+ 12_345
                return letters[Int((state >> 16) % UInt32(letters.count))]
            }
            return Array([[UInt8]](repeating: pattern, count: 64).joined())
        }
        let dashes = block("abcdefghijklmnopqrstuvwxyz---")
        let brackets = block("abcdefghijklmnopqrstuvwxyz>>>")
        try Self.writeWorkbook(path) { zip in
            try zip.write(Self.sheetOpen + Self.row(1, Self.header))
            for n in 2...5 {
                try zip.write(Self.row(n, Self.dossier(n)) + "<!-- ")
                for _ in 0..<40 { try zip.write(dashes) }
                try zip.write(" -->")
            }
            try zip.write("<row r=\"6\" spans=\"")
            for _ in 0..<40 { try zip.write(brackets) }
            try zip.write("\"><c r=\"A6\" t=\"inlineStr\"><is><t>H-6</t></is></c></row>")
            try zip.write(Self.row(7, Self.dossier(7)) + Self.sheetClose)
        }
        let (result, seconds, mib) = try measured("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(count("accepted", in: result.stdout) == 5, "\(result.stdout)")
        // Read once, 200 MiB of XML is a second or two; scanned again on each refill, minutes.
        #expect(seconds < 20, "\(seconds) s")
        #expect(mib < 256, "\(mib) MiB")
    }

    @Test(.requires(.executable("/usr/bin/time")))
    func sparseRowsCostTheCellsTheyHold() throws {
        expectRequirements(.executable("/usr/bin/time"))
        let work = TestPaths.temporaryFolder()
        let path = work + "/sparse.xlsx"
        // 100,000 rows each with its cells in A…E and one more in column XFD, the header included.
        try Self.writeWorkbook(path) { zip in
            func xfd(_ number: Int, _ text: String) -> String {
                "<c r=\"XFD\(number)\" t=\"inlineStr\"><is><t>\(text)</t></is></c></row>"
            }
            try zip.write(Self.sheetOpen + Self.row(1, Self.header).dropLast(6) + xfd(1, "Ghi chú"))
            var chunk = ""
            for n in 2...100_001 {
                chunk += Self.row(n, Self.dossier(n)).dropLast(6) + xfd(n, "x")
                if chunk.utf8.count > 1 << 20 {
                    try zip.write(chunk)
                    chunk = ""
                }
            }
            try zip.write(chunk + Self.sheetClose)
        }
        let (result, seconds, mib) = try measured("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(count("accepted", in: result.stdout) == 100_000, "\(result.stdout)")
        #expect(seconds < 30, "\(seconds) s")
        #expect(mib < 256, "\(mib) MiB")
        // Text beyond the header's last column still makes a row wider than its header.
        let wide = work + "/wide.xlsx"
        try Self.writeWorkbook(wide) { zip in
            try zip.write(Self.sheetOpen + Self.row(1, Self.header) + Self.row(2, Self.dossier(2)))
            try zip.write(
                Self.row(3, Self.dossier(3)).dropLast(6)
                    + "<c r=\"XFD3\" t=\"inlineStr\"><is><t>x</t></is></c></row>" + Self.sheetClose)
        }
        let narrow = try ProcessRunner.run("reform-ingest", ["--db", work + "/wide.sqlite", wide])
        #expect(narrow.status == 0, "\(narrow.stderr)")
        #expect(narrow.stdout.contains("accepted=1 ") && narrow.stdout.contains("rejected=1 "), "\(narrow.stdout)")
    }

    @Test(.requires(.executable("/usr/bin/time")))
    func aCountlessSharedStringTableIsBoundedByItsCount() throws {
        expectRequirements(.executable("/usr/bin/time"))
        let work = TestPaths.temporaryFolder()
        let path = work + "/strings.xlsx"
        // 17 million empty strings: no text, only their count (spaces between them vary, so that
        // the part deflates under the ratio that refuses a ZIP bomb).
        var state: UInt32 = 11
        let pattern = [UInt8](
            (0..<3_000).map { _ -> String in
                state = state &* 1_103_515_245 &+ 12_345
                return "<si/>" + ["", " ", "\n", "\t"][Int((state >> 16) % 4)]
            }.joined().utf8.prefix(1 << 14))
        let empties = Array([[UInt8]](repeating: pattern, count: 64).joined())
        try Self.writeWorkbook(
            path,
            sharedStrings: { zip in
                try zip.write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
                // 110 MiB of them: just over the count the table holds.
                for _ in 0..<110 { try zip.write(empties) }
                try zip.write("</sst>")
            }
        ) { zip in
            try zip.write(Self.sheetOpen + Self.row(1, Self.header) + Self.row(2, Self.dossier(2)) + Self.sheetClose)
        }
        let (result, _, mib) = try measured("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("xl/sharedStrings.xml"), "\(result.stderr)")
        #expect(mib < 384, "\(mib) MiB")
    }

    @Test(.requires(.executable("/usr/bin/time")))
    func spansOverEmptyRowsAreBoundedByWhatTheRowsHold() throws {
        expectRequirements(.executable("/usr/bin/time"))
        let work = TestPaths.temporaryFolder()
        let path = work + "/spans.xls"
        var html = "<html><body><table><tr>" + Self.header.map { "<th>\($0)</th>" }.joined() + "</tr>"
        html += "<tr><td>H-1</td><td>P1</td><td>Cấp phép</td><td>001</td><td>02/01/2025</td>"
        html += String(repeating: "<td rowspan=1048000 colspan=1000></td>", count: 16) + "</tr>"
        html += String(repeating: "<tr></tr>", count: 40_000) + "</table></body></html>"
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        let (result, seconds, mib) = try measured("reform-ingest", ["--db", work + "/db.sqlite", path])
        // Either read (the empty rows skipped) or refused as a bomb: never a minute.
        #expect(result.status == 0 || result.status == 65, "\(result.stderr)")
        #expect(seconds < 10, "\(seconds) s")
        #expect(mib < 256, "\(mib) MiB")
        // One span far to the right over as many empty rows: one cell a row, read through.
        var far = "<html><body><table><tr>" + Self.header.map { "<th>\($0)</th>" }.joined() + "</tr>"
        far += "<tr><td>H-1</td><td>P1</td><td>Cấp phép</td><td>001</td><td>02/01/2025</td>"
        far += "<td colspan=16000></td><td rowspan=1048000></td></tr>"
        far += String(repeating: "<tr></tr>", count: 40_000) + "</table></body></html>"
        try Data(far.utf8).write(to: URL(fileURLWithPath: work + "/far.xls"))
        let (farResult, farSeconds, _) = try measured(
            "reform-ingest", ["--db", work + "/far.sqlite", work + "/far.xls"])
        #expect(farResult.status == 0, "\(farResult.stderr)")
        #expect(farSeconds < 10, "\(farSeconds) s")
    }

    @Test func anArchiveWithTwoEntriesOfOneNameIsRefused() throws {
        let work = TestPaths.temporaryFolder()
        let path = work + "/twice.xlsx"
        try Self.writeWorkbook(
            path,
            extra: { zip in
                try zip.begin("xl/worksheets/sheet1.xml")
                try zip.write(
                    Self.sheetOpen + Self.row(1, Self.header) + Self.row(2, Self.dossier(9)) + Self.sheetClose)
            }
        ) { zip in
            try zip.write(Self.sheetOpen + Self.row(1, Self.header) + Self.row(2, Self.dossier(2)) + Self.sheetClose)
        }
        let result = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr.contains("xl/worksheets/sheet1.xml") && result.stderr.contains("twice"), "\(result.stderr)")
    }

    // MARK: what the workbook says of itself

    @Test func totalRowsWithTheirCountAreSkippedAndCounted() throws {
        let work = TestPaths.temporaryFolder()
        let path = work + "/totals.xlsx"
        try Self.writeWorkbook(path) { zip in
            var xml = Self.sheetOpen + Self.row(1, Self.header)
            for n in 2...4 { xml += Self.row(n, Self.dossier(n)) }
            xml += Self.row(5, ["Tổng cộng: 6914 hồ sơ"]) + Self.row(6, ["", "Tổng số: 120"])
            xml += Self.row(7, ["Tổng cộng 3"]) + Self.row(8, ["Tổng hợp 5", "P1", "Cấp phép", "001", "02/01/2025"])
            try zip.write(xml + Self.sheetClose)
        }
        let run = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(run.status == 0, "\(run.stderr)")
        // "Tổng hợp 5" is a dossier id that happens to start like a label: read as a dossier.
        #expect(run.stdout.contains("accepted=4 rejected=0 ") && run.stdout.contains("skipped=3"), "\(run.stdout)")
    }

    @Test func aSheetOrFileNamedAfterAPersonIsMaskedWhereverItIsShown() throws {
        let work = TestPaths.temporaryFolder()
        let secret = "0912345678"
        let path = work + "/Nguyễn Văn An \(secret).xlsx"
        try Self.writeWorkbook(path, sheetName: "Nguyễn Văn An \(secret)") { zip in
            try zip.write(Self.sheetOpen + Self.row(1, Self.header) + Self.row(2, Self.dossier(2)) + Self.sheetClose)
        }
        let db = work + "/db.sqlite"
        let run = try ProcessRunner.run("reform-ingest", ["--db", db, path])
        #expect(run.status == 0, "\(run.stderr)")
        let stored = try Database(path: db, readOnly: true)
        #expect(try stored.scalarInt("SELECT COUNT(*) FROM batch WHERE sheet LIKE '%\(secret)%'") == 0)
        for (tool, options) in [("reform-compute", []), ("reform-report", ["--out", work + "/out"])] {
            let step = try ProcessRunner.run(tool, ["--db", db, "--period", "2025-01"] + options)
            #expect(step.status == 0, "\(tool): \(step.stderr)")
        }
        for name in ["report.html", "provenance.csv"] {
            let text = try String(contentsOfFile: work + "/out/2025-01/" + name, encoding: .utf8)
            #expect(!text.contains(secret), "\(name)")
            #expect(text.contains("Nguyễn Văn An ***"), "\(name)")
        }
        // A sheet without the table: the message names the sheet, masked.
        let bare = work + "/bare.xlsx"
        try Self.writeWorkbook(bare, sheetName: "Trần Thị Bích \(secret)") { zip in
            try zip.write(Self.sheetOpen + Self.row(1, ["Ghi chú"]) + Self.sheetClose)
        }
        let refused = try ProcessRunner.run("reform-ingest", ["--db", db, bare])
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("Trần Thị Bích ***") && !refused.stderr.contains(secret), "\(refused.stderr)")
    }

    // MARK: encodings of HTML pages

    /// An HTML export whose header's first cell, "Mã hồ sơ", is in `bytes`, with `meta` in its head.
    static func page(meta: String, idHeader: [UInt8]) -> [UInt8] {
        var bytes = Array("<html><head>\(meta)</head><body><table><tr><th>".utf8) + idHeader
        bytes += Array(
            "</th><th>procedure_code</th><th>procedure_name</th><th>unit_code</th><th>received_at</th></tr>".utf8)
        for n in 1...3 {
            bytes += Array("<tr><td>H-\(n)</td><td>P1</td><td>C</td><td>001</td><td>02/01/2025</td></tr>".utf8)
        }
        return bytes + Array("</table></body></html>".utf8)
    }

    /// "Mã hồ sơ" in Windows-1258: base letters with combining tone marks.
    static let idHeaderCP1258: [UInt8] = [0x4D, 0x61, 0xDE, 0x20, 0x68, 0xF4, 0xCC, 0x20, 0x73, 0xF5]

    @Test(arguments: [("", "declares no charset"), ("<meta charset=\"utf-8\">", "although its <meta> says so")])
    func aPageThatIsNotUTF8IsToldSoAndEncodingOverridesItsDeclaration(meta: String, said: String) throws {
        let work = TestPaths.temporaryFolder()
        let path = work + "/legacy.xls"
        try Data(Self.page(meta: meta, idHeader: Self.idHeaderCP1258)).write(to: URL(fileURLWithPath: path))
        let refused = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("not UTF-8") && refused.stderr.contains(said), "\(refused.stderr)")
        #expect(refused.stderr.contains("--encoding cp1258"), "\(refused.stderr)")
        let read = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db.sqlite", "--encoding", "cp1258", path])
        #expect(read.status == 0 && read.stdout.contains("accepted=3 "), "\(read.stdout) \(read.stderr)")
    }

    @Test func aUTF16PageIsReadWithOrWithoutSayingSo() throws {
        let work = TestPaths.temporaryFolder()
        let path = work + "/unicode.xls"
        let text = String(decoding: Self.page(meta: "", idHeader: Array("Mã hồ sơ".utf8)), as: UTF8.self)
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: URL(fileURLWithPath: path))
        for options in [[], ["--encoding", "utf-16"]] {
            let run = try ProcessRunner.run(
                "reform-ingest", ["--db", work + "/db\(options.count).sqlite"] + options + [path])
            #expect(run.status == 0 && run.stdout.contains("accepted=3 "), "\(options): \(run.stdout) \(run.stderr)")
        }
    }

    @Test func aCodeStoredAsANumberReadsAsTheWorkbookShowsIt() throws {
        let work = TestPaths.temporaryFolder()
        let path = work + "/codes.xlsx"
        // Style 1 shows numbers as "000"; the unit code 1 is stored as the number 1.
        let styles = """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="1"><numFmt numFmtId="164" formatCode="000"/></numFmts>\
            <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>
            """
        try Self.writeWorkbook(path, styles: styles) { zip in
            var xml = Self.sheetOpen + Self.row(1, Self.header)
            for n in 2...3 {
                xml +=
                    "<row r=\"\(n)\"><c r=\"A\(n)\" t=\"inlineStr\"><is><t>H-\(n)</t></is></c>"
                    + "<c r=\"B\(n)\" t=\"inlineStr\"><is><t>P1</t></is></c>"
                    + "<c r=\"C\(n)\" t=\"inlineStr\"><is><t>Cấp phép</t></is></c>"
                    + "<c r=\"D\(n)\" s=\"1\"><v>1</v></c>"
                    + "<c r=\"E\(n)\" t=\"inlineStr\"><is><t>02/01/2025</t></is></c></row>"
            }
            try zip.write(xml + Self.sheetClose)
        }
        let db = work + "/db.sqlite"
        let run = try ProcessRunner.run("reform-ingest", ["--db", db, path])
        #expect(run.status == 0 && run.stdout.contains("accepted=2 "), "\(run.stdout) \(run.stderr)")
        let stored = try Database(path: db, readOnly: true)
        #expect(try stored.scalarInt("SELECT COUNT(*) FROM unit WHERE code = '001'") == 1)
        #expect(try stored.scalarInt("SELECT COUNT(*) FROM unit WHERE code = '1'") == 0)
        #expect(ExcelNumber.zeroPaddedWidth("00000") == 5 && ExcelNumber.zeroPaddedWidth("000;-000") == 3)
        #expect(ExcelNumber.zeroPaddedWidth("0") == nil && ExcelNumber.zeroPaddedWidth("0.00") == nil)
    }

    @Test func anEmptyArchiveAndOneOfManyPartsAreRefusedForWhatTheyAre() throws {
        let work = TestPaths.temporaryFolder()
        let empty = work + "/empty.xlsx"
        // The end record alone: a ZIP of nothing.
        try Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)).write(to: URL(fileURLWithPath: empty))
        let nothing = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", empty])
        #expect(nothing.status == 65 && nothing.stderr.contains("(it holds nothing)"), "\(nothing.stderr)")
        let many = work + "/many.xlsx"
        let zip = try ZipWriter(path: many)
        for n in 0..<65_535 { try zip.begin("p\(n)") }
        try zip.commit()
        let refused = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", many])
        #expect(refused.status == 65 && refused.stderr.contains("over 65,535 parts"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("4 GiB"))
    }
}
