import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformStore
@testable import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Every promise under careless and hostile use: no leak, no damage to others' files, no silent
/// loss, no wrong figure, no hang, and the exit code the README's table gives.
@Suite(.serialized) struct HostileUseTests {
    let root = TestPaths.root

    static let header = "Mã hồ sơ,Mã thủ tục,Tên thủ tục,Mã đơn vị,Ngày tiếp nhận,Chủ hồ sơ,Số điện thoại,Địa chỉ\n"

    /// A valid row; its personal data is what must never leave the file.
    static func row(_ id: String, name: String = "Nguyễn Văn An", phone: String = "0912345678") -> String {
        "\(id),P1,Cấp phép,001,02/01/2025,\(name),\(phone),\"Số 1, Phố Huế\"\n"
    }

    func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: FilePath.parent(of: path), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func ingest(_ database: String, _ files: [String], _ options: [String] = []) throws -> ProcessRunner.Output {
        try ProcessRunner.run("reform-ingest", ["--db", database] + options + files)
    }

    /// Every text a leak would show: the rejects files and the database (its file and every row).
    func everythingWritten(database: String, rejects: String) throws -> String {
        var text = ""
        for name in (try? FileManager.default.contentsOfDirectory(atPath: rejects)) ?? [] {
            text += try read(rejects + "/" + name)
        }
        let db = try Database(path: database, readOnly: true)
        for table in ["reject", "dossier", "unit", "procedure", "field", "batch"] {
            try db.prepare("SELECT * FROM \(table)").forEachRow { row in
                for value in row.wholeRow.prefix(12) { if let value { text += value + "|" } }
            }
        }
        return text
    }

    // MARK: privacy

    @Test func aStrayQuoteNeverPutsTheNextColumnsIntoTheRejects() throws {
        let work = TestPaths.temporaryFolder()
        // The stray quote opens a field that a later quoted address closes: the broken record's
        // "id" is then names, phones and addresses.
        var text = Self.header + Self.row("A1")
        text += "\"A2,P1,Cấp phép,001,02/01/2025,Trần Thị Bích,0987654321,Hẻm 5\n"
        text += Self.row("A3", name: "Lê Văn Cường", phone: "0355512345")
        for n in 4...30 { text += Self.row("A\(n)") }
        try write(text, work + "/export.csv")
        let result = try ingest(work + "/db.sqlite", [work + "/export.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try everythingWritten(database: work + "/db.sqlite", rejects: work + "/rejects")
        for secret in ["Trần", "0987654321", "Lê Văn", "0355512345", "Nguyễn", "0912345678", "Phố Huế", "Hẻm"] {
            #expect(!written.contains(secret), "\(secret) left the input")
        }
        let rejects = try read(work + "/rejects/export.csv.rejects.csv")
        #expect(rejects.contains("3,field_count,,\r\n"), "\(rejects)")
    }

    /// Peak memory of a command in KiB, by GNU time (installed by .ci/run).
    func peakKiB(_ tool: String, _ arguments: [String]) throws -> (ProcessRunner.Output, Int) {
        let report = TestPaths.temporaryFolder("time") + "/peak"
        let output = try ProcessRunner.runExecutable(
            "/usr/bin/time", ["-f", "%M", "-o", report, ProcessRunner.binaries + "/" + tool] + arguments)
        let peak = Int(try read(report).split(separator: "\n").last.map(String.init) ?? "") ?? -1
        return (output, peak)
    }

    @Test(.requires(.executable("/usr/bin/time")))
    func anUnterminatedQuoteAtTheTopOfALargeExportCostsOneBoundedRecord() throws {
        expectRequirements(.executable("/usr/bin/time"))
        let work = TestPaths.temporaryFolder()
        let path = work + "/large.csv"
        // 60,000 rows with no quoted field, and a quote typed before the first dossier id: the
        // quoted "field" would run to the end of the file.
        var text = Self.header.replacingOccurrences(of: ",Địa chỉ", with: "")
        for n in 0..<60_000 {
            text += "\(n == 0 ? "\"" : "")H26-\(n),P1,Cấp phép xây dựng,001,02/01/2025,Nguyễn Văn An,0912345678\n"
        }
        try write(text, path)
        let (result, peak) = try peakKiB("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(peak > 0 && peak < 256 * 1024, "peak memory \(peak) KiB")
        // One record of 2 MiB is lost (counted), the rest of the file is read.
        let rejects = try read(work + "/rejects/large.csv.rejects.csv")
        #expect(rejects.contains("\r\n2,record_too_large,,\r\n"), "\(rejects.prefix(300))")
        #expect(rejects.utf8.count < 64 * 1024)
        let accepted = Int(result.stdout.split(separator: " ").first { $0.hasPrefix("accepted=") }!.dropFirst(9))!
        #expect(accepted > 30_000 && result.stdout.contains("rejected=1 "), "\(result.stdout)")
    }

    @Test(.requires(.executable("/usr/bin/time"))) func aLineWithoutEndIsReadInBoundedMemory() throws {
        expectRequirements(.executable("/usr/bin/time"))
        let work = TestPaths.temporaryFolder()
        let path = work + "/noend.csv"
        let handle = FileManager.default.createFile(atPath: path, contents: Data((Self.header + Self.row("A1")).utf8))
        #expect(handle)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.seekToEnd()
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<120 { try file.write(contentsOf: block) }  // 120 MiB without a line feed
        try file.close()
        let (result, peak) = try peakKiB("reform-ingest", ["--db", work + "/db.sqlite", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read=2 accepted=1 rejected=1"), "\(result.stdout)")
        #expect(peak > 0 && peak < 128 * 1024, "peak memory \(peak) KiB")
        #expect(try read(work + "/rejects/noend.csv.rejects.csv").contains("3,record_too_large,,"))
    }

    @Test func whatIsNotARegularFileIsRefusedAtOnce() throws {
        let work = TestPaths.temporaryFolder()
        let fifo = work + "/pipe.csv"
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(atPath: work + "/folder.csv", withIntermediateDirectories: true)
        try write(Self.header + Self.row("A1"), work + "/good.csv")
        let start = Date()
        let result = try ingest(
            work + "/db.sqlite", ["/dev/zero", fifo, work + "/folder.csv", work + "/missing.csv", work + "/good.csv"])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("/dev/zero: refused: it is a character device"))
        #expect(result.stderr.contains("pipe.csv: refused: it is a FIFO (named pipe)"))
        #expect(result.stderr.contains("folder.csv: refused: it is a directory"))
        #expect(result.stderr.contains("missing.csv: cannot read it: No such file or directory"))
        // The good file was still read, and the lock is free again.
        #expect(result.stdout.contains("file=good.csv read=1 accepted=1"))
        #expect(try ingest(work + "/db.sqlite", [work + "/good.csv"]).status == 0)
    }

    @Test func personalDataInNamesIsMaskedAndInCodesRefused() throws {
        let work = TestPaths.temporaryFolder()
        var text = Self.header
        text += "A1,P9,Cấp phép (hỏi anh Nam 0912.345.678 hoặc nam@example.vn),001,02/01/2025,x,y,z\n"
        text += "A2,P1,Cấp phép,0987654321,02/01/2025,x,y,z\n"  // a phone typed as the unit code
        text += "0355512345,P1,Cấp phép,001,02/01/2025,x,y,z\n"  // and as the dossier id
        text += Self.row("A4")
        try write(text, work + "/export.csv")
        let result = try ingest(work + "/db.sqlite", [work + "/export.csv"])
        #expect(result.stdout.contains("read=4 accepted=2 rejected=2"), "\(result.stdout) \(result.stderr)")
        let written = try everythingWritten(database: work + "/db.sqlite", rejects: work + "/rejects")
        for secret in ["0912.345.678", "nam@example.vn", "0987654321", "0355512345"] {
            #expect(!written.contains(secret), "\(secret) was stored or written")
        }
        let db = try Database(path: work + "/db.sqlite", readOnly: true)
        #expect(
            try db.scalarText("SELECT name FROM procedure WHERE code = 'P9'") == "Cấp phép (hỏi anh Nam *** hoặc ***)")
        let rejects = try read(work + "/rejects/export.csv.rejects.csv")
        #expect(rejects.contains("3,personal_data,Mã đơn vị,A2") && rejects.contains("4,personal_data,Mã hồ sơ,\r\n"))
    }

    // MARK: other applications' files

    @Test func anotherApplicationsDatabaseIsNeverChanged() throws {
        let work = TestPaths.temporaryFolder()
        let other = work + "/contacts.sqlite"
        do {
            let database = try Database(path: other)  // written as another program would
            try database.execute(
                "PRAGMA journal_mode=DELETE; CREATE TABLE contacts(name, phone); INSERT INTO contacts VALUES ('a', 'b')"
            )
        }
        let before = try bytes(other)
        try write(Self.header + Self.row("A1"), work + "/export.csv")
        try write(
            #"{"inputs": ["export.csv"], "database": "contacts.sqlite", "output": "out", "period": "2025-01"}"#,
            work + "/job.json")
        let runs: [(String, [String])] = [
            ("reform-ingest", ["--db", other, work + "/export.csv"]),
            ("reform-compute", ["--db", other, "--period", "2025-01"]),
            ("reform-report", ["--db", other, "--period", "2025-01", "--out", work + "/out"]),
            ("reform-compare", ["--db", other, "--from", "2025-01", "--to", "2025-02", "--out", work + "/out"]),
            ("reform", ["run", work + "/job.json"]),
        ]
        for (tool, arguments) in runs {
            let result = try ProcessRunner.run(tool, arguments)
            #expect(result.status == 73, "\(tool): \(result.stderr)")
            #expect(result.stderr.contains("is not a ReformIndex database"), "\(tool): \(result.stderr)")
            #expect(try bytes(other) == before, "\(tool) changed the file")
            #expect(!FileManager.default.fileExists(atPath: other + "-wal"), "\(tool) switched it to WAL")
        }
    }

    @Test func anEmptyFileIsNoDatabaseForReadersAndANewOneForWriters() throws {
        let work = TestPaths.temporaryFolder()
        let empty = work + "/empty.sqlite"
        _ = FileManager.default.createFile(atPath: empty, contents: nil)
        let report = try ProcessRunner.run(
            "reform-report", ["--db", empty, "--period", "2025-01", "--out", work + "/o"])
        #expect(report.status == 66 && report.stderr.contains("ingest first"), "\(report.stderr)")
        let compare = try ProcessRunner.run(
            "reform-compare", ["--db", empty, "--from", "2025-01", "--to", "2025-01", "--out", work + "/o"])
        #expect(compare.status == 66, "\(compare.stderr)")
        #expect(try bytes(empty).isEmpty)
        try write(Self.header + Self.row("A1"), work + "/export.csv")
        #expect(try ingest(empty, [work + "/export.csv"]).status == 0)
        #expect(try Database(path: empty, readOnly: true).scalarInt("PRAGMA application_id") == Schema.applicationID)
    }

    @Test(.requires(.root, .executable("/usr/bin/sqlite3")))
    func aFinishedDatabaseIsOneFileThatReadOnlyMediaCanReport() throws {
        expectRequirements(.root, .executable("/usr/bin/sqlite3"))
        let work = TestPaths.temporaryFolder()
        let exports = try FileManager.default.contentsOfDirectory(atPath: root + "/SampleData/exports").sorted().map {
            root + "/SampleData/exports/" + $0
        }
        let database = work + "/db/r.sqlite"
        #expect(try ingest(database, exports).status == 0)
        #expect(try ProcessRunner.run("reform-compute", ["--db", database, "--period", "2025-03"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        let mode = try ProcessRunner.runExecutable("/usr/bin/sqlite3", ["-readonly", database, "PRAGMA journal_mode"])
        #expect(mode.stdout == "delete\n", "\(mode.stdout) \(mode.stderr)")
        // Archived on read-only media: a read-only bind mount of the folder.
        let archive = TestPaths.temporaryFolder("archive")
        #expect(try ProcessRunner.runExecutable("/bin/mount", ["--bind", work + "/db", archive]).status == 0)
        defer { _ = try? ProcessRunner.runExecutable("/bin/umount", [archive]) }
        #expect(try ProcessRunner.runExecutable("/bin/mount", ["-o", "remount,ro,bind", archive]).status == 0)
        let report = try ProcessRunner.run(
            "reform-report", ["--db", archive + "/r.sqlite", "--period", "2025-03", "--out", work + "/out"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            try bytes(work + "/out/2025-03/bieu06_by_unit.csv") == bytes(root + "/Reports/2025-03/bieu06_by_unit.csv"))
        // A writer on read-only media is told so.
        let write = try ingest(archive + "/r.sqlite", [exports[0]])
        #expect(write.status == 73, "\(write.stderr)")
    }

    // MARK: silent loss

    @Test func anExportGivenAsACatalogueIsRefusedAndTheCatalogueKept() throws {
        let work = TestPaths.temporaryFolder()
        let database = work + "/db.sqlite"
        let catalogue = root + "/SampleData/reference/procedures.csv"
        #expect(try ingest(database, [catalogue], ["--kind", "procedures"]).status == 0)
        let timesSQL = "SELECT COUNT(*) FROM procedure WHERE statutory_time IS NOT NULL"
        let times = try Database(path: database, readOnly: true).scalarInt(timesSQL)
        let export = root + "/SampleData/exports/2025-01_vnpt.csv"
        let wrong = try ingest(database, [export], ["--kind", "procedures"])
        #expect(wrong.status == 65 && wrong.stderr.contains("is a dossier export"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("--kind dossiers"))
        #expect(try Database(path: database, readOnly: true).scalarInt(timesSQL) == times)
        #expect(try ingest(database, [export]).status == 0)  // the right ingest still works
        // A catalogue without the time columns leaves the stored times alone.
        try write("Mã thủ tục,Tên thủ tục\n1.001612.000.00.00.H26,Tên mới\n", work + "/names.csv")
        #expect(try ingest(database, [work + "/names.csv"], ["--kind", "procedures"]).status == 0)
        #expect(try Database(path: database, readOnly: true).scalarInt(timesSQL) == times)
    }

    @Test func aWindows1258FileIsRefusedAndItsRemedyWorks() throws {
        let work = TestPaths.temporaryFolder()
        // An ASCII header, Vietnamese values in Windows-1258 ("Cấp phép" has bytes above 0x7F).
        var bytes = Array("dossier_id,procedure_code,procedure_name,unit_code,received_at\n".utf8)
        for n in 1...5 {
            bytes += Array("A\(n),P1,C".utf8) + [0xE2, 0xF2, 0x70] + Array(" ph".utf8) + [0xEA, 0xEC, 0x70]
            bytes += Array(",001,02/01/2025\n".utf8)
        }
        try write(bytes, work + "/legacy.csv")
        let refused = try ingest(work + "/db.sqlite", [work + "/legacy.csv"])
        #expect(refused.status == 65, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains("all 5 of its records were rejected (invalid_utf8 5 (first at line 2))"))
        #expect(refused.stderr.contains("--encoding cp1258"))
        let converted = try ingest(work + "/db.sqlite", [work + "/legacy.csv"], ["--encoding", "cp1258"])
        #expect(converted.status == 0 && converted.stdout.contains("accepted=5"), "\(converted.stderr)")
    }

    @Test func aBatchThatAcceptedNothingIsReadAgain() throws {
        let work = TestPaths.temporaryFolder()
        let database = work + "/db.sqlite"
        try write(Self.header + Self.row("A1"), work + "/export.csv")
        // What an older build stored for a file it rejected whole, row by row.
        #expect(try ingest(database, [work + "/other.csv"]).status == 66)
        let digest = try SHA256.hexDigest(ofFile: work + "/export.csv")
        do {
            let db = try Schema.open(path: database)
            try db.prepare(
                "INSERT INTO batch(kind, file_name, sha256, bytes, ingested_at, records_read, rejected) VALUES ('dossiers', 'export.csv', ?, 1, 'x', 1, 1)"
            ).run([.text(digest)])
        }
        let again = try ingest(database, [work + "/export.csv"])
        #expect(again.stdout.contains("read=1 accepted=1"), "\(again.stdout) \(again.stderr)")
        #expect(try Database(path: database, readOnly: true).scalarInt("SELECT COUNT(*) FROM batch") == 1)
        // A batch that accepted rows is not read twice; the note names it.
        let third = try ingest(database, [work + "/export.csv"])
        #expect(
            third.stdout.contains("already ingested")
                && third.stderr.contains("already ingested as batch 2 (dossiers, utf-8"))
    }

    @Test func twoInputsOfOneNameKeepTheirOwnRejects() throws {
        let work = TestPaths.temporaryFolder()
        try write(Self.header + Self.row("A1") + "B1,P1,x,001,bad,x,y,z\n", work + "/a/export.csv")
        try write(Self.header + Self.row("A2") + "B2,P1,x,001,02/01/2025,x,y\n", work + "/b/export.csv")
        let result = try ingest(work + "/db.sqlite", [work + "/a/export.csv", work + "/b/export.csv"])
        #expect(result.status == 0)
        #expect(try read(work + "/rejects/export.csv.rejects.csv").contains("3,bad_date,Ngày tiếp nhận,B1"))
        #expect(try read(work + "/rejects/export.csv.2.rejects.csv").contains("3,field_count,,B2"))
        let names = try Database(path: work + "/db.sqlite", readOnly: true).scalarText(
            "SELECT group_concat(rejects_file, ' ') FROM batch")
        #expect(names == "export.csv.rejects.csv export.csv.2.rejects.csv")
    }

    @Test func crOnlyLineEndsAndEndlessBadInputAreRefusedWhole() throws {
        let work = TestPaths.temporaryFolder()
        try write(
            (Self.header + Self.row("A1") + Self.row("A2")).replacingOccurrences(of: "\n", with: "\r"),
            work + "/mac.csv")
        let mac = try ingest(work + "/db.sqlite", [work + "/mac.csv"])
        #expect(mac.status == 65 && mac.stderr.contains("carriage return alone"), "\(mac.stderr)")
        // 20 MB of commas: refused, and its rejects never written out.
        let commas = Self.header + String(repeating: ",,,\n", count: 5_000_000)
        try write(commas, work + "/commas.csv")
        let bad = try ingest(work + "/db.sqlite", [work + "/commas.csv"])
        #expect(bad.status == 65 && bad.stderr.contains("all 5000000 of its records were rejected"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/rejects/commas.csv.rejects.csv"))
        // A file mostly bad still goes in; its rejects file lists 100,000 rows and counts the rest.
        let mostlyBad = Self.header + Self.row("A1") + String(repeating: ",,,\n", count: 100_007)
        try write(mostlyBad, work + "/mostly.csv")
        let mostly = try ingest(work + "/db.sqlite", [work + "/mostly.csv"])
        #expect(mostly.status == 0 && mostly.stdout.contains("read=100008 accepted=1 rejected=100007"))
        let lines = try read(work + "/rejects/mostly.csv.rejects.csv").split(separator: "\r\n")
        #expect(lines.count == 1 + 100_000 + 1)
        #expect(lines.last == ",more_not_listed,7,")
    }

    // MARK: wrong figures

    @Test func aYearTypedAs2205IsABadDateAndLatestSaysWhatDecidedIt() throws {
        let work = TestPaths.temporaryFolder()
        var text = "Mã hồ sơ,Mã thủ tục,Mã đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n"
        text += "A1,P1,001,03/03/2025,10/03/2025,07/03/2025\n"
        text += "A2,P1,001,04/03/2025,11/03/2025,07/03/2205\n"  // a typing slip
        text += "A3,P1,001,05/04/2025,12/04/2026,\n"  // an appointment a year ahead is possible
        try write(text, work + "/exports/2025-04.csv")
        try write(
            #"{"inputs": ["exports/*.csv"], "database": "db/r.sqlite", "output": "out"}"#, work + "/job.json")
        let run = try ProcessRunner.run("reform", ["run", work + "/job.json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try read(work + "/db/rejects/2025-04.csv.rejects.csv").contains("3,bad_date,Ngày có kết quả,A2"))
        #expect(run.stdout.contains("report=") && run.stdout.contains("/out/2025-03"), "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "period \"latest\" is 2025-03: the latest date in the database is 2025-04-05, the receipt of dossier A3 (2025-04.csv line 4)"
            ), "\(run.stderr)")
    }

    // MARK: hangs and crashes

    @Test func hugeTimesAndSettingsAreRefusedNotWalked() throws {
        let work = TestPaths.temporaryFolder()
        let database = work + "/db.sqlite"
        try write(
            "Mã thủ tục,Thời hạn giải quyết,Đơn vị tính\nP1,20250301,ngày làm việc\nP2,5,ngày làm việc\nP3,9223372036854775807,giờ\n",
            work + "/catalogue.csv")
        let catalogue = try ingest(database, [work + "/catalogue.csv"], ["--kind", "procedures"])
        #expect(catalogue.stdout.contains("read=3 accepted=1 rejected=2"), "\(catalogue.stdout)")
        #expect(try read(work + "/rejects/catalogue.csv.rejects.csv").contains("2,bad_value,Thời hạn giải quyết,P1"))
        // A time stored by an older build: compute refuses it at once instead of walking for minutes.
        try write(Self.header + Self.row("A1"), work + "/export.csv")
        #expect(try ingest(database, [work + "/export.csv"]).status == 0)
        do {
            let db = try Schema.open(path: database)
            try db.execute(
                "UPDATE procedure SET statutory_time = 20250301, time_unit = 'working_days' WHERE code = 'P1'")
        }
        let start = Date()
        let compute = try ProcessRunner.run("reform-compute", ["--db", database, "--period", "2025-01"])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(compute.status == 65 && compute.stderr.contains("outside the calendar's years"), "\(compute.stderr)")
        #expect(compute.stderr.split(separator: "\n").count == 1)
        // Settings and waits beyond reason.
        try write(
            #"{"inputs": ["export.csv"], "database": "db.sqlite", "output": "o", "indices": {"766": {"3.3": {"max": 1e308}}}}"#,
            work + "/job.json")
        let settings = try ProcessRunner.run("reform", ["run", work + "/job.json"])
        #expect(
            settings.status == 78 && settings.stderr.contains("must be a number from 0 to 10000"), "\(settings.stderr)")
        let wait = try ProcessRunner.run("reform", ["run", work + "/job.json", "--wait", "1000000000000000000"])
        #expect(wait.status == 64, "\(wait.stderr)")
    }

    @Test func aTrapEndsInOneLineAndExit70AtOnce() throws {
        let work = TestPaths.temporaryFolder()
        try write(#"{"inputs": ["x.csv"], "database": "db/r.sqlite", "output": "o"}"#, work + "/job.json")
        // Hold the lock so the run waits, then stop it the way a failed check would.
        let lock = try RunLock(databasePath: work + "/db/r.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.binaries + "/reform")
        process.arguments = ["run", work + "/job.json", "--wait", "60"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        usleep(500_000)
        let start = Date()
        kill(process.processIdentifier, SIGILL)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(process.terminationStatus == 70)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.hasPrefix("reform: internal error:") && message.split(separator: "\n").count == 1, "\(message)")
        _ = lock
    }

    // MARK: exit codes

    @Test(.requires(.executable("/usr/bin/python3"))) func aBusyDatabaseIs75ACorruptOne65() throws {
        expectRequirements(.executable("/usr/bin/python3"))
        let work = TestPaths.temporaryFolder()
        let database = work + "/db.sqlite"
        try write(Self.header + Self.row("A1"), work + "/export.csv")
        try write(Self.header + Self.row("A2"), work + "/export2.csv")
        #expect(try ingest(database, [work + "/export.csv"]).status == 0)
        // Another process holds a write transaction for 8 s (longer than the 5 s busy timeout).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            "import sqlite3,time; c=sqlite3.connect('\(database)', isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(8)",
        ]
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        _ = ready.fileHandleForReading.availableData  // "held"
        let busy = try ingest(database, [work + "/export2.csv"])
        holder.waitUntilExit()
        #expect(busy.status == 75, "\(busy.stderr)")
        #expect(busy.stderr.contains("another process is using the database"))
        #expect(busy.stderr.split(separator: "\n").count == 1)
        // A damaged file.
        var damaged = Array("SQLite format 3\u{0}".utf8)
        damaged += [UInt8](repeating: 0xA5, count: 8192)
        try write(damaged, work + "/damaged.sqlite")
        let corrupt = try ProcessRunner.run(
            "reform-report", ["--db", work + "/damaged.sqlite", "--period", "2025-01", "--out", work + "/o"])
        #expect(corrupt.status == 65, "\(corrupt.stderr)")
        #expect(!corrupt.stderr.contains("SELECT") && corrupt.stderr.split(separator: "\n").count == 1)
    }

    @Test(.requires(.root)) func aCompletelyFullDiskIs74() throws {
        expectRequirements(.root)
        let disk = TestPaths.temporaryFolder("disk")
        #expect(
            try ProcessRunner.runExecutable("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", disk]).status == 0
        )
        defer { _ = try? ProcessRunner.runExecutable("/bin/umount", [disk]) }
        _ = try ProcessRunner.runExecutable(
            "/bin/sh", ["-c", "dd if=/dev/zero of=\(disk)/filler bs=1k count=1000 2>/dev/null"])
        let work = TestPaths.temporaryFolder()
        try write(Self.header + Self.row("A1"), work + "/export.csv")
        let result = try ingest(disk + "/db/r.sqlite", [work + "/export.csv"])
        #expect(result.status == 74, "\(result.stderr)")
    }

    @Test func badNamesFailAloneAndPrintEscaped() throws {
        let work = TestPaths.temporaryFolder()
        let long = String(repeating: "báo_cáo_", count: 24) + ".csv"  // 244 bytes
        let newline = "a\nfile=forged.csv"
        for name in [long, newline, "plain.csv"] {
            try write(Self.header + Self.row("A-" + String(name.utf8.count)), work + "/" + name)
        }
        // A name holding the byte 0xE9 (é in Windows-1258), which no Swift string can hold.
        let raw = Array(work.utf8) + Array("/2025-01_".utf8) + [0xE9] + Array(".csv".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer {
            open(
                UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT | O_TRUNC,
                0o644)
        }
        #expect(fd >= 0)
        let content = Array((Self.header + Self.row("A-legacy")).utf8)
        _ = content.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let result = try ProcessRunner.runExecutable(
            "/bin/sh",
            ["-c", "\"\(ProcessRunner.binaries)/reform-ingest\" --db \"\(work)/db.sqlite\" \"\(work)\"/*.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines.contains("file=a\\nfile=forged.csv read=1 accepted=1 rejected=0 replaced=0 unchanged=0"))
        #expect(lines.contains("file=2025-01_\\xE9.csv read=1 accepted=1 rejected=0 replaced=0 unchanged=0"))
        #expect(
            lines.contains {
                $0.hasPrefix("file=báo_cáo_") && $0.hasSuffix("read=1 accepted=1 rejected=0 replaced=0 unchanged=0")
            })
        let rejects = try FileManager.default.contentsOfDirectory(atPath: work + "/rejects")
        #expect(rejects.count == 4 && rejects.allSatisfy { $0.utf8.count <= 255 }, "\(rejects)")
    }

    @Test func definitionsMustBeStrictJSONAndOutputsAreNeverInputs() throws {
        let work = TestPaths.temporaryFolder()
        for (json, message) in [
            (
                #"{"inputs": ["a.csv"], "database": "d", "output": "o", "output": "p"}"#,
                "line 1: the key \"output\" appears twice"
            ),
            ("{\"inputs\": [\"a.csv\",],\n \"database\": \"d\"}", "line 1: a comma before ]"),
            (
                "{\"inputs\": [\"a.csv\"], // the exports\n \"database\": \"d\"}",
                "line 1: a comma before } or a key not in quotes"
            ),
        ] {
            try write(json, work + "/job.json")
            let result = try ProcessRunner.run("reform", ["run", work + "/job.json"])
            #expect(result.status == 78 && result.stderr.contains(message), "\(result.stderr)")
        }
        // The rejects folder inside the exports folder: its files are outputs, never read back.
        try write(Self.header + Self.row("A1") + "B1,P1,x,001,bad,x,y,z\n", work + "/exports/2025-01.csv")
        try write(
            #"{"inputs": ["exports/*"], "database": "db/r.sqlite", "rejects": "exports/rejects", "output": "out", "stages": ["ingest"]}"#,
            work + "/job.json")
        #expect(try ProcessRunner.run("reform", ["run", work + "/job.json"]).status == 0)
        try write(Self.header + Self.row("A2"), work + "/exports/2025-02.csv")
        let again = try ProcessRunner.run("reform", ["run", work + "/job.json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("rejects"), "\(again.stdout)")
        #expect(again.stdout.contains("file=2025-02.csv read=1 accepted=1"))
    }

    @Test func latestOnAnEmptyStoreIs66() throws {
        let work = TestPaths.temporaryFolder()
        try write("Mã hồ sơ,Mã thủ tục,Mã đơn vị,Ngày tiếp nhận\n", work + "/header-only.csv")
        try write(#"{"inputs": ["header-only.csv"], "database": "db/r.sqlite", "output": "out"}"#, work + "/job.json")
        let result = try ProcessRunner.run("reform", ["run", work + "/job.json"])
        #expect(result.status == 66 && result.stderr.contains("holds no dossier"), "\(result.stderr)")
    }
}

/// Reports list their rows in one total order, whatever the hash seeds of a run.
@Suite struct StableOrderTests {
    @Test func aReusedCodeWithoutAMergeMapGivesTwoRowsInOneOrder() throws {
        let work = TestPaths.temporaryFolder()
        func write(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/" + name))
        }
        // New communes reuse old commune codes: 00004 was Phường Trúc Bạch, is Phường Ba Đình.
        try write(
            "level,code,name,parent_code,type\ncommune,00004,Phường Trúc Bạch,001,Phường\n", "units_2024-01-01.csv")
        try write("level,code,name,parent_code,type\ncommune,00004,Phường Ba Đình,01,Phường\n", "units_2025-07-01.csv")
        var text = "Mã hồ sơ,Mã thủ tục,Mã đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n"
        for n in 0..<6 { text += "OLD-\(n),P1,00004,2\(n)/06/2025,1\(n)/07/2025,0\(n + 1)/07/2025\n" }
        for n in 0..<6 { text += "NEW-\(n),P1,00004,0\(n + 1)/07/2025,2\(n)/07/2025,1\(n)/07/2025\n" }
        try write(text, "2025-07.csv")
        let database = work + "/db.sqlite"
        for list in ["units_2024-01-01.csv", "units_2025-07-01.csv"] {
            #expect(
                try ProcessRunner.run("reform-ingest", ["--db", database, "--kind", "units", work + "/" + list]).status
                    == 0)
        }
        #expect(try ProcessRunner.run("reform-ingest", ["--db", database, work + "/2025-07.csv"]).status == 0)
        var outputs = Set<Data>()
        for run in 0..<6 {
            let out = work + "/out\(run)"
            let result = try ProcessRunner.run(
                "reform-compare", ["--db", database, "--from", "2025-07", "--to", "2025-07", "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.insert(try Data(contentsOf: URL(fileURLWithPath: out + "/comparison.csv")))
        }
        #expect(outputs.count == 1, "six runs gave \(outputs.count) different files")
        let lines = String(decoding: outputs.first!, as: UTF8.self).split(separator: "\r\n").dropFirst()
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("2025-07,00004,Phường Trúc Bạch (trước sắp xếp),6,6,") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("2025-07,00004,Phường Ba Đình,6,6,") == true, "\(lines)")
    }
}
