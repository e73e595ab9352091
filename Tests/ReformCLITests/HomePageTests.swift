import Foundation
import ReformTestSupport
import Testing

@testable import ReformModel
@testable import ReformPipeline
@testable import ReformReport
@testable import ReformSupport
@testable import ReformTabular

/// The reports' home page (`OUT/index.html`) as users meet it: after the sample jobs, after a stage
/// alone, beside files nobody expected, and over a folder somebody else owns.
@Suite(.serialized) struct HomePageTests {
    let root = TestPaths.root

    /// The `href` values of a page, percent-decoded.
    static func links(_ html: String) -> [String] {
        var found: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: "href=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            found.append(String(rest[..<end]).removingPercentEncoding ?? String(rest[..<end]))
            rest = rest[end...]
        }
        return found
    }

    /// Every plain file below `folder` (hidden entries left out), relative to it.
    static func files(below folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Checks the home page of `folder`: no dead link (files and `#anchors`), and every file below it linked.
    static func checkLinks(of folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        let links = links(html)
        #expect(!links.isEmpty, sourceLocation: sourceLocation)
        for link in links {
            if link.hasPrefix("#") {
                #expect(
                    html.contains("id=\"\(link.dropFirst())\""), "dead anchor \(link)", sourceLocation: sourceLocation)
            } else {
                // Raw, before decoding: a colon there would make a scheme of a file name.
                #expect(
                    !html.contains("href=\"\(link)\"") || !link.contains(":"), "\(link) is not a relative link",
                    sourceLocation: sourceLocation)
                #expect(
                    FileManager.default.fileExists(atPath: folder + "/" + link), "dead link \(link)",
                    sourceLocation: sourceLocation)
            }
        }
        let linked = Set(links)
        for file in files(below: folder) where file != "index.html" {
            #expect(linked.contains(file), "\(file) is not linked from the home page", sourceLocation: sourceLocation)
        }
    }

    /// The sample job `name` rewritten to work in `work` (database, outputs and rejects there).
    func definition(_ name: String, in work: String) throws -> String {
        let text = try String(contentsOfFile: root + "/Pipelines/\(name).json", encoding: .utf8)
            .replacingOccurrences(
                of: "\"calendars\": \"calendars\"", with: "\"calendars\": \"\(root)/Pipelines/calendars\""
            )
            .replacingOccurrences(of: "\"../.reform/", with: "\"\(work)/db/")
            .replacingOccurrences(of: "\"../Reports", with: "\"\(work)/out")
            .replacingOccurrences(of: "\"../", with: "\"\(root)/")
        let path = work + "/\(name).json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func committedHomePagesLinkEveryFileWithoutADeadLink() throws {
        try Self.checkLinks(of: root + "/Reports")
        try Self.checkLinks(of: root + "/Reports/audit")
        let html = try String(contentsOfFile: root + "/Reports/index.html", encoding: .utf8)
        for folder in [
            "2025-01", "2025-02", "2025-03", "2024-12-15_2025-03-14", "2025", "audit/current", "audit/legacy",
        ] {
            #expect(Self.links(html).contains { $0.hasPrefix(folder + "/") }, "\(folder)")
        }
    }

    /// `1093` → `1.093`, as the page groups thousands.
    static func grouped(_ value: Int) -> String {
        var digits = String(value), out = ""
        while digits.count > 3 {
            out = "." + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// `31.24` → `31,24`, `56.00` → `56`, `91.30` → `91,3` (the page's decimals).
    static func decimal(_ text: String) -> String { String(vietnamese(text).dropLast()) }

    /// Every figure the committed page shows beside a period, a year and a comparison is the figure
    /// its files give, recomputed here from the CSVs: the headline of each period (received, total,
    /// resolved, on-time rate over the summed units, pending overdue), each unit's yearly indices
    /// (the year's rows only: the 766 file also holds months and quarters), each comparison unit's
    /// month, and each input's rejected rows.
    @Test func everyFigureOfTheCommittedPageIsTheFilesFigure() throws {
        let reports = root + "/Reports"
        let html = try String(contentsOfFile: reports + "/index.html", encoding: .utf8)
        for folder in ["2025-01", "2025-02", "2025-03", "2024-12-15_2025-03-14"] {
            var sum: [String: Int] = [:]
            for row in try CSVReader.recordsByName(path: reports + "/\(folder)/bieu06_by_unit.csv") {
                for key in [
                    "new_online", "new_direct_postal", "total", "resolved", "early", "on_time", "late",
                    "pending_overdue",
                ] {
                    sum[key, default: 0] += Int(row[key]!)!
                }
            }
            let good = sum["early"]! + sum["on_time"]!, decided = good + sum["late"]!
            let rate = (good * 20000 + decided) / (2 * decided)
            let cells = [
                Self.grouped(sum["new_online"]! + sum["new_direct_postal"]!), Self.grouped(sum["total"]!),
                Self.grouped(sum["resolved"]!),
                Self.vietnamese("\(rate / 100).\(rate % 100 < 10 ? "0" : "")\(rate % 100)"),
                Self.grouped(sum["pending_overdue"]!),
            ].map { "<td class=\"n\">\($0)</td>" }.joined()
            let row = try #require(html.range(of: "<tr><td><a href=\"\(folder)/report.html\">"), "\(folder)")
            #expect(html[row.upperBound...].prefix(400).contains("</a></td>" + cells), "\(folder)")
        }
        var indices: [String: [String]] = [:]  // unit code → 766 / SIPAS / PAR cells
        for row in try CSVReader.recordsByName(path: reports + "/2025/index766_by_unit.csv")
        where row["period"] == "2025" && row["criterion"] == "total" {
            indices[row["unit_code"]!, default: ["—", "—", "—"]][0] =
                Self.decimal(row["score"]!) + "/" + Self.decimal(row["max_points"]!)
        }
        for row in try CSVReader.recordsByName(path: reports + "/2025/sipas_by_unit.csv")
        where row["element"] == "overall" {
            indices[row["unit_code"]!, default: ["—", "—", "—"]][1] = Self.vietnamese(row["index"]!)
        }
        for row in try CSVReader.recordsByName(path: reports + "/2025/par_index.csv") where row["field"] == "total" {
            indices[row["unit_code"]!, default: ["—", "—", "—"]][2] = Self.decimal(row["index"]!)
        }
        #expect(indices.count == 30)
        let section = try #require(html.range(of: "<section id=\"chi-so\">"))
        for (code, cells) in indices {
            let expected = cells.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>"
            let row = try #require(html[section.upperBound...].range(of: "<tr><td>\(code)</td>"), "\(code)")
            #expect(html[row.upperBound...].prefix(300).contains(expected), "\(code): \(expected)")
        }
        // The comparison of current units: each unit's months in order, a star on estimates.
        let audit = try String(contentsOfFile: reports + "/audit/index.html", encoding: .utf8)
        var months: [String: [(month: String, cell: String)]] = [:]
        for row in try CSVReader.recordsByName(path: reports + "/audit/current/comparison.csv") {
            let rate = row["rate"]!.isEmpty ? "—" : Self.vietnamese(row["rate"]!)
            let cell = rate + (row["estimate"] == "yes" ? "*" : "") + "<br>" + Self.grouped(Int(row["decided"]!)!)
            months[row["unit_code"]! + "</td><td>" + row["unit_name"]!, default: []].append((row["period"]!, cell))
        }
        #expect(months.count == 126)
        for (unit, cells) in months {
            let row = try #require(audit.range(of: "<tr><td>\(unit)</td>"), "\(unit)")
            let line = audit[row.upperBound...].prefix { $0 != "\n" }
            var from = line.startIndex
            for cell in cells.sorted(by: { $0.month < $1.month }) {
                let found = try #require(line[from...].range(of: ">\(cell.cell)</td>"), "\(unit) \(cell.month)")
                from = found.upperBound
            }
        }
        // Each input's rejected rows: the rejects file's records after its header.
        for name in try FileManager.default.contentsOfDirectory(atPath: reports + "/rejects") {
            let text = try String(contentsOfFile: reports + "/rejects/" + name, encoding: .utf8)
            let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
            #expect(html.contains("<a href=\"rejects/\(name)\">\(Self.grouped(rows)) dòng</a>"), "\(name)")
        }
    }

    /// One click: the first link of the page's main part is the latest official form itself.
    @Test func theLatestOfficialFormIsOneClickAway() throws {
        let html = try String(contentsOfFile: root + "/Reports/index.html", encoding: .utf8)
        let main = try #require(html.range(of: "<main>"))
        let first = try #require(Self.links(String(html[main.upperBound...])).first)
        #expect(first == "2025-03/bieu06.xlsx")
        #expect(html.contains("Biểu II.06a mới nhất"))
        #expect(FileManager.default.fileExists(atPath: root + "/Reports/" + first))
    }

    /// The monthly job's page holds each unit's three months as the month files give them, the
    /// province's rate from the summed counts, and orders units by their change, worst first.
    @Test func trendsFollowEveryUnitAcrossTheSampleMonths() throws {
        let work = TestPaths.temporaryFolder()
        let run = try ProcessRunner.run("reform", ["run", try definition("monthly", in: work)])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: work + "/out/index.html", encoding: .utf8)
        let trends = try #require(html.range(of: "<section id=\"xu-huong\">"))
        let section = String(html[trends.lowerBound...].prefix { _ in true })
        #expect(section.contains("<th>2025-01</th><th>2025-02</th><th>2025-03</th>"))
        var rates: [String: [String: String]] = [:]  // unit code → month → rate as the CSV has it
        var sums: [String: (good: Int, late: Int)] = [:]
        for month in ["2025-01", "2025-02", "2025-03"] {
            for row in try CSVReader.recordsByName(path: work + "/out/\(month)/bieu06_by_unit.csv") {
                rates[row["unit_code"]!, default: [:]][month] = row["on_time_rate"]!
                let good = Int(row["early"]!)! + Int(row["on_time"]!)!
                sums[month, default: (0, 0)].good += good
                sums[month, default: (0, 0)].late += Int(row["late"]!)!
            }
        }
        #expect(rates.count == 30)
        var changes: [(code: String, change: Double)] = []
        for (code, months) in rates {
            // The row of the unit: its three rates in Vietnamese format, in month order.
            let start = try #require(section.range(of: "<tr><td>\(code)</td>"), "unit \(code) has no trend row")
            let row = section[start.lowerBound...].prefix { $0 != "\n" }
            var from = row.startIndex
            for month in ["2025-01", "2025-02", "2025-03"] {
                let text = try #require(months[month])
                let shown = Self.vietnamese(text)
                let found = try #require(row[from...].range(of: ">\(shown)<br>"), "\(code) \(month): \(shown)")
                from = found.upperBound
            }
            changes.append((code, Double(months["2025-03"]!)! - Double(months["2025-01"]!)!))
        }
        // Province: (early + on time) / decided over the summed counts, rounded half up to hundredths.
        for month in ["2025-01", "2025-02", "2025-03"] {
            let sum = sums[month]!
            let hundredths = (sum.good * 20000 + (sum.good + sum.late)) / (2 * (sum.good + sum.late))
            let text = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
            #expect(section.contains(">\(Self.vietnamese(text))<br>"), "province \(month)")
        }
        let order = changes.sorted { $0.change != $1.change ? $0.change < $1.change : $0.code < $1.code }.map(\.code)
        var positions: [Int] = []
        for code in order {
            positions.append(section.range(of: "<tr><td>\(code)</td>")!.lowerBound.utf16Offset(in: section))
        }
        #expect(positions == positions.sorted(), "units are not ordered worst change first")
        // Run again: nothing changes; the quarterly job beside it adds its period, the months stay.
        let again = try ProcessRunner.run("reform", ["run", try definition("monthly", in: work)])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: work + "/out/index.html", encoding: .utf8) == html)
        let quarter = try ProcessRunner.run("reform", ["run", try definition("quarterly", in: work)])
        #expect(quarter.status == 0, "\(quarter.stderr)")
        let both = try String(contentsOfFile: work + "/out/index.html", encoding: .utf8)
        #expect(both.contains("2024-12-15_2025-03-14/report.html") && both.contains("2025-01/report.html"))
        try Self.checkLinks(of: work + "/out")
    }

    /// `92.11` as the page writes it: `92,11%`, trailing zeros dropped (`87.50` → `87,5%`, `100.00` → `100%`).
    static func vietnamese(_ text: String) -> String {
        var parts = text.split(separator: ".").map(String.init)
        while parts.count == 2 && parts[1].hasSuffix("0") { parts[1].removeLast() }
        if parts.count == 2 && parts[1].isEmpty { parts.removeLast() }
        return parts.joined(separator: ",") + "%"
    }

    /// A stage run alone keeps the page true: a report of a new month adds it; a file ingested
    /// after the compute makes the page warn that the period is stale.
    @Test func aStageAloneKeepsTheHomePageTrue() throws {
        let work = TestPaths.temporaryFolder()
        let db = work + "/r.sqlite"
        let exports = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted()
            .map { root + "/SampleData/exports/" + $0 }
        let ingest = try ProcessRunner.run(
            "reform-ingest", ["--db", db, "--rejects", work + "/out/rejects", exports[0], exports[1]])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/out/index.html"), "ingest made a home page")
        for month in ["2025-01"] {
            #expect(try ProcessRunner.run("reform-compute", ["--db", db, "--period", month]).status == 0)
            let report = try ProcessRunner.run(
                "reform-report", ["--db", db, "--period", month, "--out", work + "/out"])
            #expect(report.status == 0, "\(report.stderr)")
        }
        var html = try String(contentsOfFile: work + "/out/index.html", encoding: .utf8)
        #expect(html.contains("2025-01/bieu06.xlsx") && !html.contains("Cảnh báo"))
        try Self.checkLinks(of: work + "/out")
        // A third export after the compute: the page warns without any report being rerun.
        let late = try ProcessRunner.run("reform-ingest", ["--db", db, "--rejects", work + "/out/rejects", exports[2]])
        #expect(late.status == 0, "\(late.stderr)")
        html = try String(contentsOfFile: work + "/out/index.html", encoding: .utf8)
        #expect(
            html.contains(FilePath.lastComponent(of: exports[2]) + ".rejects.csv"), "the new rejects are not listed")
        #expect(!html.contains("cần tính lại"), "the page cannot know of staleness before a page says so")
        let stale = try ProcessRunner.run("reform-report", ["--db", db, "--period", "2025-01", "--out", work + "/out"])
        #expect(stale.status == 0)
        html = try String(contentsOfFile: work + "/out/index.html", encoding: .utf8)
        #expect(html.contains("cần tính lại"))
        #expect(html.contains("<p class=\"warn\">Cảnh báo: thư mục <a href=\"2025-01/\">2025-01</a>"))
    }

    /// A run whose later stage fails still leaves a home page listing what its earlier stages wrote
    /// (the stages leave the page to the run, which writes it once).
    @Test func aFailedRunStillListsWhatItWrote() throws {
        let work = TestPaths.temporaryFolder()
        let text = try String(contentsOfFile: try definition("monthly", in: work), encoding: .utf8)
            .replacingOccurrences(
                of: #""stages": ["ingest", "compute", "report"]"#,
                with: #""stages": ["ingest", "compute", "report", "report-indices"], "year": "2025""#)
        try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/failing.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/failing.json"])
        #expect(run.status == 66, "\(run.stderr)")
        #expect(run.stderr.contains("year 2025 has no computed indices"))
        let html = try String(contentsOfFile: work + "/out/index.html", encoding: .utf8)
        for month in ["2025-01", "2025-02", "2025-03"] { #expect(html.contains("\(month)/bieu06.xlsx"), "\(month)") }
        try Self.checkLinks(of: work + "/out")
    }

    /// Another application's index.html, or a FIFO of that name, is never written over (nor
    /// opened: a FIFO would block); the reports are still written.
    @Test func someoneElsesIndexIsNeverOverwritten() throws {
        let work = TestPaths.temporaryFolder()
        let db = work + "/r.sqlite"
        #expect(
            try ProcessRunner.run(
                "reform-ingest",
                ["--db", db, "--rejects", work + "/rejects", root + "/SampleData/exports/2025-01_vnpt.csv"]
            ).status == 0)
        #expect(try ProcessRunner.run("reform-compute", ["--db", db, "--period", "2025-01"]).status == 0)
        try FileManager.default.createDirectory(atPath: work + "/site", withIntermediateDirectories: true)
        let theirs = "<html><body>the department's own page</body></html>\n"
        try Data(theirs.utf8).write(to: URL(fileURLWithPath: work + "/site/index.html"))
        let report = try ProcessRunner.run(
            "reform-report", ["--db", db, "--period", "2025-01", "--out", work + "/site"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOfFile: work + "/site/index.html", encoding: .utf8) == theirs)
        #expect(report.stderr.contains("was not written by reform; the reports' home page is not written over it"))
        #expect(FileManager.default.fileExists(atPath: work + "/site/2025-01/bieu06.xlsx"))
        try FileManager.default.createDirectory(atPath: work + "/fifo", withIntermediateDirectories: true)
        #expect(mkfifo(work + "/fifo/index.html", 0o644) == 0)
        let fifo = try ProcessRunner.run("reform-report", ["--db", db, "--period", "2025-01", "--out", work + "/fifo"])
        #expect(fifo.status == 0, "\(fifo.stderr)")
        #expect(fifo.stderr.contains("was not written by reform"))
        var info = stat()
        #expect(lstat(work + "/fifo/index.html", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    /// Files left beside the reports with names a browser or HTML would misread are linked
    /// percent-encoded and shown escaped; a broken period folder is named, not fatal.
    @Test func oddNamesAndBrokenFoldersAreListedSafely() throws {
        let work = TestPaths.temporaryFolder()
        let out = work + "/out"
        try FileManager.default.createDirectory(atPath: out + "/2025-05", withIntermediateDirectories: true)
        for name in ["a b#?.txt", "<script>x.csv", "javascript:alert(1).txt", "ghi chú tháng 5.txt"] {
            try Data("note\n".utf8).write(to: URL(fileURLWithPath: out + "/" + name))
        }
        // A period folder whose files were cut short or are not CSV at all.
        try Data("key,value\nperiod,2025-05\n\"unterminated".utf8).write(
            to: URL(fileURLWithPath: out + "/2025-05/provenance.csv"))
        try Data("<p>x</p>".utf8).write(to: URL(fileURLWithPath: out + "/2025-05/report.html"))
        try Data([0xFF, 0xFE, 0x00, 0x01]).write(to: URL(fileURLWithPath: out + "/2025-05/bieu06_by_unit.csv"))
        try HomePageWriter.write(outputFolder: out, tool: "test")
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;x.csv"))
        #expect(html.contains("href=\"a%20b%23%3F.txt\""))
        #expect(html.contains("href=\"javascript%3Aalert%281%29.txt\""))
        #expect(html.contains("2025-05/provenance.csv"))
        // A unit table with a count no stage writes: named, never summed into the headline.
        try Data(
            "period,unit_code,unit_name,total,late\n2025-06,001,A,99999999999999999999,x\n2025-06,002,B,7,1\n".utf8
        ).write(to: URL(fileURLWithPath: out + "/2025-05/bieu06_by_unit.csv"))
        try Data("key,value\nperiod,2025-05\nperiod_name,2025-05\n".utf8).write(
            to: URL(fileURLWithPath: out + "/2025-05/provenance.csv"))
        try HomePageWriter.write(outputFolder: out, tool: "test")
        let hand = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(hand.contains("2025-05/bieu06_by_unit.csv: 2 count cells are no count; taken as 0"))
        #expect(hand.contains("<td class=\"n\">0</td><td class=\"n\">7</td>"))
        try Self.checkLinks(of: out)
        // Written again over the same folder: the same bytes.
        try HomePageWriter.write(outputFolder: out, tool: "test")
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == hand)
    }

    /// A wrong `--out` (a folder of thousands of entries) gives a page that says it stopped, not a walk of the disk.
    @Test func aHugeFolderIsListedInPart() throws {
        let out = TestPaths.temporaryFolder() + "/out"
        try FileManager.default.createDirectory(atPath: out + "/many", withIntermediateDirectories: true)
        for index in 0..<(OutputInventory.entryLimit + 10) {
            _ = FileManager.default.createFile(atPath: out + "/many/\(index).txt", contents: nil)
        }
        try HomePageWriter.write(outputFolder: out, tool: "test")
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.contains("trang chỉ liệt kê phần đầu"))
    }
}
