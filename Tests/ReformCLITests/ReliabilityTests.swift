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

#if canImport(Glibc)
    import Glibc
#endif

/// Crashes, full disks and overlapping runs: nothing lost, nothing half-written.
@Suite(.serialized) struct ReliabilityTests {
    let root = TestPaths.root

    /// A large export shared by the crash trials (generated once per test).
    func largeExport(in folder: String, rows: Int = 15000) throws -> String {
        let path = folder + "/large.csv"
        let made = try ProcessRunner.run(
            "reform-sample", ["--rows", String(rows), "--per-month", "6000", "--file", path])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    /// What an auditor can compare between two databases: every dossier, version, reject and batch count.
    func dump(_ path: String) throws -> [String] {
        let database = try Database(path: path)
        var lines: [String] = []
        for sql in [
            "SELECT * FROM dossier ORDER BY dossier_id",
            "SELECT * FROM dossier_version ORDER BY dossier_id, replaced_by_batch, replaced_by_line",
            "SELECT * FROM reject ORDER BY batch_id, line",
            "SELECT id, file_name, sha256, records_read, accepted, rejected, replaced, unchanged FROM batch ORDER BY id",
            "SELECT * FROM unit ORDER BY id", "SELECT * FROM procedure ORDER BY id",
        ] {
            let statement = try database.prepare(sql)
            try statement.forEachRow { row in
                let values = row.wholeRow.map { $0 ?? "∅" }
                lines.append(
                    (values + Array(repeating: "", count: max(0, 20 - values.count))).prefix(20).joined(separator: "|"))
            }
        }
        return lines
    }

    func integrityOK(_ path: String) throws -> Bool {
        try Database(path: path).scalarText("PRAGMA integrity_check") == "ok"
    }

    @Test func killedIngestLeavesEachFileWhollyInOrOut() throws {
        let work = TestPaths.temporaryFolder()
        let large = try largeExport(in: work)
        let small = root + "/SampleData/exports/2025-01_vnpt.csv"
        // Reference: uninterrupted.
        let reference = work + "/reference/r.sqlite"
        _ = try ProcessRunner.run("reform-ingest", ["--db", reference, small])
        let referenceBefore = try dump(reference)
        let full = try ProcessRunner.run("reform-ingest", ["--db", reference, large])
        #expect(full.status == 0)
        let referenceAfter = try dump(reference)
        var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970))
        var interrupted = 0
        for trial in 0..<20 {
            let folder = work + "/trial\(trial)"
            let database = folder + "/r.sqlite"
            _ = try ProcessRunner.run("reform-ingest", ["--db", database, small])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessRunner.binaries + "/reform-ingest")
            process.arguments = ["--db", database, large]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(random.int(20_000...900_000)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { interrupted += 1 }
            #expect(try integrityOK(database), "trial \(trial)")
            let state = try dump(database)
            #expect(state == referenceBefore || state == referenceAfter, "trial \(trial): a partly ingested file")
            let rejects = folder + "/rejects/large.csv.rejects.csv"
            // The rejects file is in place before the batch commits: a stored batch has its file.
            if state == referenceAfter {
                #expect(
                    FileManager.default.fileExists(atPath: rejects), "trial \(trial): the batch lost its rejects file")
            }
            if FileManager.default.fileExists(atPath: rejects) {
                #expect(
                    try Data(contentsOf: URL(fileURLWithPath: rejects))
                        == Data(contentsOf: URL(fileURLWithPath: work + "/reference/rejects/large.csv.rejects.csv")))
            }
            // The re-run finishes the job exactly as an uninterrupted run did.
            let again = try ProcessRunner.run("reform-ingest", ["--db", database, large])
            #expect(again.status == 0, "trial \(trial): \(again.stderr)")
            #expect(try dump(database) == referenceAfter, "trial \(trial): re-run differs")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/rejects").filter {
                $0.hasPrefix(".")
            }
            #expect(leftovers.isEmpty)
        }
        #expect(interrupted >= 10, "only \(interrupted) of 20 trials were killed mid-run; the file is too small")
    }

    @Test func killedReportLeavesOldOrNewFilesOnly() throws {
        let work = TestPaths.temporaryFolder()
        let database = work + "/db/r.sqlite"
        let exports = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted().map {
            root + "/SampleData/exports/" + $0
        }
        _ = try ProcessRunner.run(
            "reform-ingest", ["--db", database, "--kind", "procedures", root + "/SampleData/reference/procedures.csv"])
        _ = try ProcessRunner.run("reform-ingest", ["--db", database] + exports)
        _ = try ProcessRunner.run("reform-compute", ["--db", database, "--period", "2025-03"])
        // "Old" reports: a different month's content written under the 2025-03 names.
        let out = work + "/out"
        _ = try ProcessRunner.run("reform-compute", ["--db", database, "--period", "2025-02"])
        _ = try ProcessRunner.run("reform-report", ["--db", database, "--period", "2025-02", "--out", out])
        try? FileManager.default.removeItem(atPath: out + "/2025-03")
        try FileManager.default.copyItem(atPath: out + "/2025-02", toPath: out + "/2025-03")
        let old = try ReportStage.fileNames.map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/2025-03/\($0)")) }
        let new = try ReportStage.fileNames.map {
            try Data(contentsOf: URL(fileURLWithPath: "\(root)/Reports/2025-03/\($0)"))
        }
        var random = SeededRandom(seed: 99)
        for trial in 0..<20 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessRunner.binaries + "/reform-report")
            process.arguments = ["--db", database, "--period", "2025-03", "--out", out]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(random.int(0...40_000)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // The folder holds the old set or the new set, never new CSVs beside an old page.
            let now = try ReportStage.fileNames.map {
                try Data(contentsOf: URL(fileURLWithPath: "\(out)/2025-03/\($0)"))
            }
            #expect(now == old || now == new, "trial \(trial): the folder mixes old and new files")
        }
        let finished = try ProcessRunner.run("reform-report", ["--db", database, "--period", "2025-03", "--out", out])
        #expect(finished.status == 0)
        for (index, name) in ReportStage.fileNames.enumerated() {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/2025-03/\(name)")) == new[index])
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out + "/2025-03").sorted()
                == ReportStage.fileNames.sorted())
        // What killed runs staged is cleared by the next run.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") } == [])
    }

    /// Mounts a tmpfs of `kilobytes` at a new folder (the tests run as root, as CI does).
    func smallDisk(kilobytes: Int) throws -> String {
        let mountPoint = TestPaths.temporaryFolder("disk")
        let mounted = try ProcessRunner.runExecutable(
            "/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", mountPoint])
        #expect(mounted.status == 0, "cannot mount a tmpfs (the reliability tests need root): \(mounted.stderr)")
        return mountPoint
    }

    func unmount(_ path: String) {
        _ = try? ProcessRunner.runExecutable("/bin/umount", [path])
    }

    @Test(.requires(.root)) func fullDiskDuringIngestExits74AndKeepsTheDatabase() throws {
        expectRequirements(.root)
        let work = TestPaths.temporaryFolder()
        let large = try largeExport(in: work, rows: 20000)
        let disk = try smallDisk(kilobytes: 1536)
        defer { unmount(disk) }
        let database = disk + "/r.sqlite"
        let first = try ProcessRunner.run(
            "reform-ingest", ["--db", database, root + "/SampleData/exports/2025-01_vnpt.csv"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try dump(database)
        let full = try ProcessRunner.run("reform-ingest", ["--db", database, large])
        #expect(full.status == 74, "\(full.stdout) \(full.stderr)")
        #expect(full.stderr.contains("disk is full") || full.stderr.contains("No space left"), "\(full.stderr)")
        #expect(try integrityOK(database))
        #expect(try dump(database) == before)
    }

    @Test(.requires(.root)) func fullDiskDuringReportExits74AndKeepsEarlierReports() throws {
        expectRequirements(.root)
        let work = TestPaths.temporaryFolder()
        let database = work + "/db/r.sqlite"
        let exports = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted().map {
            root + "/SampleData/exports/" + $0
        }
        _ = try ProcessRunner.run(
            "reform-ingest", ["--db", database, "--kind", "procedures", root + "/SampleData/reference/procedures.csv"])
        _ = try ProcessRunner.run("reform-ingest", ["--db", database] + exports)
        _ = try ProcessRunner.run("reform-compute", ["--db", database, "--period", "2025-02"])
        _ = try ProcessRunner.run("reform-compute", ["--db", database, "--period", "2025-03"])
        let disk = try smallDisk(kilobytes: 256)
        defer { unmount(disk) }
        let earlier = try ProcessRunner.run("reform-report", ["--db", database, "--period", "2025-02", "--out", disk])
        #expect(earlier.status == 0)
        let saved = try ReportStage.fileNames.map {
            try Data(contentsOf: URL(fileURLWithPath: "\(disk)/2025-02/\($0)"))
        }
        // Fill the disk, leaving a few kilobytes: too little for the next month's report.
        let filler = try ProcessRunner.runExecutable(
            "/bin/sh",
            ["-c", "dd if=/dev/zero of=\(disk)/filler bs=1k count=100000 2>/dev/null; truncate -s -6k \(disk)/filler"])
        #expect(filler.status == 0)
        let report = try ProcessRunner.run("reform-report", ["--db", database, "--period", "2025-03", "--out", disk])
        #expect(report.status == 74, "\(report.stderr)")
        #expect(report.stderr.contains("No space left on device"))
        for (index, name) in ReportStage.fileNames.enumerated() {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(disk)/2025-02/\(name)")) == saved[index])
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: disk + "/2025-03")) ?? []
        #expect(left.allSatisfy { !$0.hasPrefix(".") }, "temporary files left: \(left)")
        #expect(
            left.allSatisfy { name in
                (try? Data(contentsOf: URL(fileURLWithPath: "\(disk)/2025-03/\(name)")))
                    == (try? Data(contentsOf: URL(fileURLWithPath: "\(root)/Reports/2025-03/\(name)")))
            }, "a partial report was left")
    }

    @Test func secondRunIsRefusedAtOnceAndTheFirstIsUnaffected() throws {
        let work = TestPaths.temporaryFolder()
        let large = try largeExport(in: work)
        let definition = work + "/p.json"
        try Data("{\"inputs\": [\"large.csv\"], \"database\": \"db/r.sqlite\", \"output\": \"out\"}".utf8).write(
            to: URL(fileURLWithPath: definition))
        let first = Process()
        first.executableURL = URL(fileURLWithPath: ProcessRunner.binaries + "/reform")
        first.arguments = ["run", definition]
        let output = Pipe()
        first.standardOutput = output
        try first.run()
        usleep(300_000)
        let start = Date()
        let second = try ProcessRunner.run("reform", ["run", definition])
        #expect(second.status == 75)
        #expect(Date().timeIntervalSince(start) < 3)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(printed.hasPrefix("file=large.csv read=15000 accepted=15000 rejected=0"))
        _ = large
    }
}

/// Schema versions: older databases are migrated, newer ones refused.
@Suite struct SchemaTests {
    @Test func versionOneDatabaseIsMigrated() throws {
        let path = TestPaths.temporaryFolder() + "/old.sqlite"
        do {
            let old = try Database(path: path)
            try old.execute(Schema.migrations[0].sql)
            try old.execute("PRAGMA user_version = 1")
            try old.execute(
                "INSERT INTO batch(kind, file_name, sha256, bytes, ingested_at) VALUES ('dossiers', 'a.csv', 'abc', 1, 'x')"
            )
        }
        let migrated = try Schema.open(path: path)
        #expect(try migrated.scalarInt("PRAGMA user_version") == Int64(Schema.currentVersion))
        #expect(try migrated.scalarText("SELECT file_name || ' ' || encoding FROM batch") == "a.csv utf-8")
    }

    @Test func newerDatabaseIsRefusedWithAClearMessage() throws {
        let folder = TestPaths.temporaryFolder()
        do {
            // A newer build of ReformIndex: our application id, a higher version.
            let newer = try Database(path: folder + "/new.sqlite")
            try newer.execute("PRAGMA user_version = 99; PRAGMA application_id = \(Schema.applicationID)")
        }
        #expect(throws: SchemaError.self) { try Schema.open(path: folder + "/new.sqlite") }
        let result = try ProcessRunner.run("reform-compute", ["--db", folder + "/new.sqlite", "--period", "2025-01"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("schema version 99, newer than this build supports"))
    }
}

/// Hostile and unusual files, each with its defined outcome.
@Suite struct HostileInputTests {
    let folder = TestPaths.temporaryFolder()

    func ingest(_ name: String, _ bytes: [UInt8], encoding: InputEncoding = .utf8) throws -> IngestSummary {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let database = try Schema.open(path: folder + "/db.sqlite")
        return try DossierIngester(database: database, rejectsFolder: folder + "/rejects", encoding: encoding).ingest(
            path: path)
    }

    static let header = "Mã hồ sơ,Mã thủ tục,Mã đơn vị,Ngày tiếp nhận,Chủ hồ sơ\r\n"

    @Test func oneMebibyteFieldIsAccepted() throws {
        let big = String(repeating: "Nguyễn, \"Văn\"\n", count: 1 << 20 / 16)
        let text =
            Self.header
            + "A,P,001,02/01/2025,\"\(big.replacingOccurrences(of: "\"", with: "\"\""))\"\r\nB,P,001,03/01/2025,x\r\n"
        let summary = try ingest("big.csv", Array(text.utf8))
        #expect(summary.line == "file=big.csv read=2 accepted=2 rejected=0 replaced=0 unchanged=0")
    }

    @Test func duplicateColumnNames() throws {
        #expect(throws: IngestRefusal.duplicateColumn(column: .dossierID, first: "Mã hồ sơ", second: "Mã hồ sơ")) {
            try ingest(
                "dup.csv", Array("Mã hồ sơ,Mã hồ sơ,Mã thủ tục,Mã đơn vị,Ngày tiếp nhận\nA,A,P,001,02/01/2025\n".utf8))
        }
        // Repeated unknown columns are ignored like any unknown column.
        let summary = try ingest(
            "dup-unknown.csv",
            Array("Mã hồ sơ,Ghi chú,Mã thủ tục,Ghi chú,Mã đơn vị,Ngày tiếp nhận\nA,x,P,y,001,02/01/2025\n".utf8))
        #expect(summary.accepted == 1)
    }

    @Test func spacesAroundValuesAndBlankLines() throws {
        let summary = try ingest(
            "spaces.csv", Array((Self.header + "\r\n  A  , P ,\t001\t, 02/01/2025 ,x\r\n\r\n\r\n").utf8))
        #expect(summary.line == "file=spaces.csv read=1 accepted=1 rejected=0 replaced=0 unchanged=0")
        let database = try Database(path: folder + "/db.sqlite")
        #expect(
            try database.scalarText(
                "SELECT dossier_id || '|' || (SELECT code FROM unit WHERE id = unit_id) FROM dossier") == "A|001")
    }

    /// Encodes NFC text the way Windows-1258 tools write it: vowel shapes precomposed (ô, ơ, ă, â,
    /// ê, ư, đ), tone marks as separate combining bytes.
    static func windows1258(_ text: String) -> [UInt8] {
        var reverse: [UInt32: UInt8] = [:]
        for (index, scalar) in InputEncoding.windows1258High.enumerated() where scalar != 0xFFFD {
            reverse[scalar] = UInt8(0x80 + index)
        }
        let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
        func byte(_ scalar: Unicode.Scalar) -> UInt8 {
            scalar.value < 0x80 ? UInt8(scalar.value) : reverse[scalar.value]!
        }
        var out: [UInt8] = []
        for character in text {
            let scalars = Array(String(character).unicodeScalars)
            if scalars.count == 1, scalars[0].value < 0x80 || reverse[scalars[0].value] != nil {
                out.append(byte(scalars[0]))
                continue
            }
            let parts = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            var base = String.UnicodeScalarView()
            base.append(contentsOf: parts.filter { !tones.contains($0.value) })
            out += String(base).precomposedStringWithCanonicalMapping.unicodeScalars.map(byte)
            out += parts.filter { tones.contains($0.value) }.map(byte)
        }
        return out
    }

    @Test func windows1258AndUTF16AreConvertedWhenAsked() throws {
        let text =
            "Mã hồ sơ,Mã thủ tục,Mã đơn vị,Đơn vị,Ngày tiếp nhận\r\nA,P,001,Quận Hoàn Kiếm,02/01/2025\r\n"
            + "B,P,002,Huyện Ứng Hòa,03/01/2025,x\r\n"
        let legacy = Self.windows1258(text)
        #expect(legacy.count < Array(text.utf8).count)
        #expect(throws: IngestRefusal.notUTF8(line: 1)) { try ingest("legacy.csv", legacy) }
        let converted = try ingest("legacy.csv", legacy, encoding: .windows1258)
        #expect(converted.line == "file=legacy.csv read=2 accepted=1 rejected=1 replaced=0 unchanged=0")
        let database = try Database(path: folder + "/db.sqlite")
        // Stored in NFC, byte for byte the same as the precomposed spelling.
        #expect(try database.scalarText("SELECT name FROM unit WHERE code = '001'") == "Quận Hoàn Kiếm")
        let tab = "Mã hồ sơ\tMã thủ tục\tMã đơn vị\tĐơn vị\tNgày tiếp nhận\r\nA\tP\t001\tQuận Hoàn Kiếm\t02/01/2025\r\n"
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in tab.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(throws: IngestRefusal.utf16) { try ingest("unicode.txt", utf16) }
        let fromUTF16 = try ingest("unicode.txt", utf16, encoding: .utf16)
        #expect(fromUTF16.line == "file=unicode.txt read=1 accepted=1 rejected=0 replaced=0 unchanged=1")
    }

    @Test func transcoderHandlesSplitUnitsSurrogatesAndUndefinedBytes() {
        var transcoder = Transcoder(.utf16)
        var out: [UInt8] = []
        let bytes: [UInt8] = [0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE, 0x41]  // BOM, 😀 as a surrogate pair, half a unit
        for byte in bytes { [byte].withUnsafeBufferPointer { transcoder.convert($0, into: &out) } }
        #expect(out == Array("😀".utf8))
        transcoder.finish(into: &out)
        #expect(out.last == 0xFF)  // the odd trailing byte is invalid, so its record is rejected
        var big = Transcoder(.utf16)
        var fromBig: [UInt8] = []
        [0xFE, 0xFF, 0x1E, 0xA1].withUnsafeBufferPointer { big.convert($0, into: &fromBig) }
        #expect(fromBig == Array("ạ".utf8))
        var legacy = Transcoder(.windows1258)
        var fromLegacy: [UInt8] = []
        [0xD0, 0xF0, 0xDD, 0xFD, 0xD5, 0xF5, 0xC3, 0xE3, 0x81].withUnsafeBufferPointer {
            legacy.convert($0, into: &fromLegacy)
        }
        #expect(fromLegacy == Array("ĐđƯưƠơĂă".utf8) + [0xFF])
    }

    @Test func headerOnlyFileReportsNoValue() throws {
        let work = TestPaths.temporaryFolder()
        let path = work + "/empty-month.csv"
        try Data(Self.header.utf8).write(to: URL(fileURLWithPath: path))
        let definition = work + "/p.json"
        try Data(
            "{\"inputs\": [\"empty-month.csv\"], \"database\": \"db/r.sqlite\", \"output\": \"out\", \"period\": \"2025-03\"}"
                .utf8
        )
        .write(to: URL(fileURLWithPath: definition))
        let run = try ProcessRunner.run("reform", ["run", definition])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("file=empty-month.csv read=0 accepted=0 rejected=0"))
        let csv = try String(contentsOfFile: work + "/out/2025-03/bieu06_by_unit.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 1)
        let page = try String(contentsOfFile: work + "/out/2025-03/report.html", encoding: .utf8)
        #expect(page.contains("<div class=\"v\">—</div><div class=\"l\">Tỷ lệ đúng và trước hạn</div>"))
        let body = try #require(page.components(separatedBy: "<body>").last)
        #expect(!body.contains("0%") && !body.contains("100%") && !body.contains("0,"))
        // Without a period there is nothing to call the latest month: said plainly.
        let latest = try ProcessRunner.run("reform", ["run", definition, "--period", "2025-04"])
        #expect(latest.status == 0)
    }
}

/// Data never becomes markup in HTML or a formula in CSV, whatever the export holds.
@Suite struct OutputSafetyTests {
    @Test func hostileNamesStayText() throws {
        let work = TestPaths.temporaryFolder()
        let rows = [
            "Mã hồ sơ,Mã thủ tục,Tên thủ tục,Lĩnh vực,Mã đơn vị,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả",
            "A,P1,@SUM(A1),=HYPERLINK(\"http://evil\";\"x\"),<b>001,\"<script>alert('x')</script> & Co\",02/03/2025,10/03/2025,05/03/2025",
            "B,P2,x,-2+3,+002,\"\tTab \"\"quoted\"\"\",02/03/2025,10/03/2025,12/03/2025",
        ]
        try Data(rows.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: work + "/in.csv"))
        try Data(
            "{\"inputs\": [\"in.csv\"], \"database\": \"db/r.sqlite\", \"output\": \"out\", \"period\": \"2025-03\"}"
                .utf8
        )
        .write(to: URL(fileURLWithPath: work + "/p.json"))
        let run = try ProcessRunner.run("reform", ["run", work + "/p.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let units = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: work + "/out/2025-03/bieu06_by_unit.csv")).dropFirst(3),
            as: UTF8.self)
        let lines = units.components(separatedBy: "\r\n")
        // Ingest trims the TAB (values are trimmed); the code's "+" is guarded, the quotes doubled.
        #expect(lines[1].hasPrefix("2025-03,'+002,\"Tab \"\"quoted\"\"\",0,1,"))
        #expect(lines[2].hasPrefix("2025-03,<b>001,<script>alert('x')</script> & Co,0,1,"))
        let fields = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: work + "/out/2025-03/bieu06_by_field.csv")).dropFirst(
                3), as: UTF8.self)
        #expect(fields.contains("\r\n'-2+3,") == false && fields.contains("2025-03,'-2+3,0,1,"))
        #expect(fields.contains("2025-03,\"'=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\",0,1,"))
        let page = try String(contentsOfFile: work + "/out/2025-03/report.html", encoding: .utf8)
        #expect(!page.contains("<script>") && !page.contains("<b>001"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(page.contains("&lt;b&gt;001"))
    }
}

/// Identical inputs give identical bytes; SOURCE_DATE_EPOCH sets the only timestamp.
@Suite struct ReproducibilityTests {
    @Test func twoRunsInDifferentPlacesGiveIdenticalOutputs() throws {
        let root = TestPaths.root
        var outputs: [[Data]] = []
        for _ in 0..<2 {
            let work = TestPaths.temporaryFolder()
            let definition = work + "/p.json"
            try Data(
                "{\"inputs\": [\"\(root)/SampleData/exports/*.csv\"], \"database\": \"db/r.sqlite\", \"output\": \"out\"}"
                    .utf8
            ).write(to: URL(fileURLWithPath: definition))
            let run = try ProcessRunner.run(
                "reform", ["run", definition], environment: ["SOURCE_DATE_EPOCH": "1743642000"])
            #expect(run.status == 0)
            outputs.append(
                try ReportStage.fileNames.map {
                    try Data(contentsOf: URL(fileURLWithPath: "\(work)/out/2025-03/\($0)"))
                })
        }
        #expect(outputs[0] == outputs[1])
        let page = String(decoding: outputs[0][ReportStage.fileNames.firstIndex(of: "report.html")!], as: UTF8.self)
        #expect(page.contains("Lập lúc 2025-04-03 08:00 (UTC+7)"))
    }
}
