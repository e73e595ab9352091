import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformStore
@testable import ReformSupport

/// Exit codes and messages of the executables, as cron and scripts see them.
@Suite(.serialized) struct CommandLineTests {
    let work = TestPaths.temporaryFolder()
    let sample = TestPaths.root + "/SampleData/exports/2025-01_vnpt.csv"

    func write(_ name: String, _ text: String) throws -> String {
        let path = work + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func usageErrorsExit64AndSayWhatToDo() throws {
        let missing = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("no input FILE given") && missing.stderr.contains("usage: reform-ingest"))
        let period = try ProcessRunner.run("reform-compute", ["--db", work + "/db.sqlite", "--period", "03/2025"])
        #expect(period.status == 64)
        #expect(period.stderr.contains("--period must be YYYY-MM"))
        #expect(try ProcessRunner.run("reform-report", ["--bogus"]).status == 64)
        #expect(try ProcessRunner.run("reform", ["frobnicate"]).status == 64)
        let help = try ProcessRunner.run("reform-report", ["--help"])
        #expect(help.status == 0 && help.stdout.contains("usage: reform-report"))
    }

    /// A reference list with a header and nothing under it is bad data (65), said with its path;
    /// an option the tool does not take, even one another tool does, is a usage error (64).
    @Test func anEmptyReferenceListAndAnotherToolsOptionAreRefused() throws {
        let units = work + "/units.csv"
        try AtomicFile.write("code,name,type\n", to: units)
        let empty = try ProcessRunner.run("reform-sample", ["--out", work + "/sample", "--units", units])
        #expect(empty.status == 65 && empty.stderr.contains(units) && empty.stderr.contains("must not be empty"))
        #expect(!FileManager.default.fileExists(atPath: work + "/sample/exports"))
        let year = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", "--year", "2025", units])
        #expect(year.status == 64 && year.stderr.contains("unknown option --year"), "\(year.stderr)")
        // --period is reform-ingest's only for published scores.
        let period = try ProcessRunner.run(
            "reform-ingest", ["--db", work + "/db.sqlite", "--period", "2025-03", units])
        #expect(period.status == 64 && period.stderr.contains("--period goes with --kind published-766"))
    }

    /// `reform benchmark hash` prints the digest ingest stores (as `sha256sum` computes it), with
    /// and without the SHA instructions, and says which it used.
    @Test func benchmarkHashPrintsTheFilesDigest() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [sample]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: sample)[.size] as? Int)
        for (flags, instructions) in [
            ([], SHA256.hardwareAvailable ? "sha" : "portable"), (["--portable"], "portable"),
        ] {
            let result = try ProcessRunner.run("reform", ["benchmark", "hash", sample] + flags)
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("sha256=\(expected) bytes=\(size) seconds="))
            #expect(result.stdout.contains("instructions=\(instructions)"))
        }
    }

    @Test func missingInputExits66AndTheOtherFilesAreStillIngested() throws {
        let result = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", work + "/nope.csv", sample])
        #expect(result.status == 66)
        #expect(result.stderr.contains("nope.csv") && result.stderr.contains("No such file"))
        #expect(result.stdout.hasPrefix("file=2025-01_vnpt.csv read=904 accepted=900 rejected=4"))
        let report = try ProcessRunner.run(
            "reform-report", ["--db", work + "/db.sqlite", "--period", "2025-01", "--out", work + "/out"])
        #expect(report.status == 66)
        #expect(report.stderr.contains("has not been computed; run reform-compute"))
    }

    @Test func refusedFileExits65NamingTheColumnAndItsAliases() throws {
        let bad = try write("no-unit.csv", "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận\nA,P,02/01/2025\n")
        let result = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", bad])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "no-unit.csv: refused: required column unit_code is missing; the header must have one of: \"unit_code\", "
                    + "\"Mã đơn vị\", \"Mã cơ quan thụ lý\", \"Mã đơn vị giải quyết\""))
        let database = try Database(path: work + "/db.sqlite")
        #expect(try database.scalarInt("SELECT COUNT(*) FROM batch") == 0)
        let cp1258 = work + "/legacy.csv"
        try Data([0x4D, 0xE3, 0x20, 0x68, 0xD2, 0x20, 0x73, 0xF5, 0x0A]).write(to: URL(fileURLWithPath: cp1258))
        let legacy = try ProcessRunner.run("reform-ingest", ["--db", work + "/db.sqlite", cp1258])
        #expect(legacy.status == 65)
        #expect(legacy.stderr.contains("Windows-1258"))
    }

    @Test func secondRunWhileOneHoldsTheLockExits75() throws {
        let definition = try write(
            "p.json", "{\"inputs\": [\"\(sample)\"], \"database\": \"db/r.sqlite\", \"output\": \"out\"}")
        let lock = try RunLock(databasePath: work + "/db/r.sqlite")
        let start = Date()
        let blocked = try ProcessRunner.run("reform", ["run", definition])
        #expect(blocked.status == 75)
        #expect(blocked.stderr.contains("another reform run is using this database"))
        #expect(Date().timeIntervalSince(start) < 5)
        let stage = try ProcessRunner.run("reform-ingest", ["--db", work + "/db/r.sqlite", sample])
        #expect(stage.status == 75)
        withExtendedLifetime(lock) {}
        _ = consume lock
        let free = try ProcessRunner.run("reform", ["run", definition])
        #expect(free.status == 0, "\(free.stderr)")
        #expect(free.stdout.contains("report=\(work)/out/2025-01"))
    }

    @Test func waitOptionWaitsForTheLock() throws {
        let definition = try write(
            "p.json",
            "{\"inputs\": [\"\(sample)\"], \"database\": \"db/r.sqlite\", \"output\": \"out\", \"period\": \"2025-01\"}"
        )
        let holder = try ProcessRunner.runExecutable(
            "/bin/sh",
            [
                "-c",
                "flock \(work)/db/.reform.lock sleep 1 & sleep 0.3; \(ProcessRunner.binaries)/reform run \(definition) --wait 10",
            ],
            in: work)
        #expect(holder.status == 0, "\(holder.stderr)")
    }

    @Test(arguments: [
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"perod\": \"2025-01\"}",
            "key \"perod\" is not a known key"
        ),
        ("{\"database\": \"d\", \"output\": \"o\"}", "key \"inputs\" is missing"),
        ("{\"inputs\": \"a.csv\", \"database\": \"d\", \"output\": \"o\"}", "key \"inputs\" must be a non-empty list"),
        ("{\"inputs\": [\"a.csv\"], \"output\": \"o\"}", "key \"database\" is missing"),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"period\": \"March\"}",
            "key \"period\" must be"
        ),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"stages\": [\"ingest\", \"publish\"]}",
            "unknown stage \"publish\""
        ),
        ("[1, 2]", "is not a JSON object"),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"history\": 24}",
            "key \"history\" must be a whole number of earlier periods to report too, from 0 to 23"
        ),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"history\": -1}",
            "key \"history\" must be"
        ),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"history\": true}",
            "key \"history\" must be"
        ),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"history\": \"2\"}",
            "key \"history\" must be"
        ),
        (
            "{\"inputs\": [\"a.csv\"], \"database\": \"d\", \"output\": \"o\", \"history\": 2.5}",
            "key \"history\" must be"
        ),
    ])
    func badDefinitionExits78NamingTheKey(json: String, message: String) throws {
        let definition = try write("bad-\(abs(json.hashValue)).json", json)
        let result = try ProcessRunner.run("reform", ["run", definition])
        #expect(result.status == 78)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func globWithoutMatchesExits66() throws {
        let definition = try write(
            "g.json", "{\"inputs\": [\"nothing/*.csv\"], \"database\": \"db/r.sqlite\", \"output\": \"out\"}")
        let result = try ProcessRunner.run("reform", ["run", definition])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no input file matches"))
    }
}
