import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
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

/// `reform check`: says what a run would do and writes nothing, whatever it is given.
@Suite struct PipelineCheckTests {
    /// A definition in a fresh folder with the sample catalogue and exports copied in.
    static func project(_ extra: String = "") throws -> (folder: String, definition: String) {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        for name in ["2025-01_vnpt.csv", "2025-02_opencps.csv"] {
            try FileManager.default.copyItem(
                atPath: TestPaths.root + "/SampleData/exports/" + name, toPath: folder + "/exports/" + name)
        }
        let definition = folder + "/job.json"
        try """
        {"catalogue": ["\(TestPaths.root)/SampleData/reference/procedures.csv"], "inputs": ["exports/*.csv"],
         "database": "db/reform.sqlite", "output": "out", "calendars": "\(TestPaths.root)/Pipelines/calendars"\(extra)}
        """.write(toFile: definition, atomically: true, encoding: .utf8)
        return (folder, definition)
    }

    static func listing(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func itPrintsThePlanAndWritesNothing() throws {
        let (folder, definition) = try Self.project(#", "period": "2025-Q1", "cutoff_day": 15, "history": 2"#)
        let before = Self.listing(folder)
        let check = try ProcessRunner.run("reform", ["check", definition])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(Self.listing(folder) == before, "reform check wrote something")
        let out = check.stdout
        #expect(out.contains("database: \(folder)/db/reform.sqlite (does not exist yet: a run creates it)"))
        #expect(
            out.contains("procedures   \(TestPaths.root)/SampleData/reference/procedures.csv  2,507 bytes, text, new"))
        #expect(out.contains("dossiers     \(folder)/exports/2025-01_vnpt.csv  294,786 bytes, text, new"))
        #expect(out.contains("period: 2025-Q1, 2024-12-15 to 2025-03-14"))
        #expect(out.contains("outputs: \(folder)/out/2024-12-15_2025-03-14/"))
        #expect(
            out.contains(
                "history: 2 earlier periods first, 2024-06-15_2024-09-14, 2024-09-15_2024-12-14 (each its own folder"))
        #expect(out.contains("home page: \(folder)/out/index.html (rewritten after the stages)"))
        for name in ReportStage.fileNames { #expect(out.contains("  \(name)\n")) }
        #expect(out.hasSuffix("nothing was written\n"))

        // After a run: the same files are "already ingested", a new one is "new", and the
        // database is not touched by the check.
        #expect(try ProcessRunner.run("reform", ["run", definition]).status == 0)
        try FileManager.default.copyItem(
            atPath: TestPaths.root + "/SampleData/exports/2025-03_dvcqg.csv",
            toPath: folder + "/exports/2025-03_dvcqg.csv")
        let database = folder + "/db/reform.sqlite"
        let stamp = try FileManager.default.attributesOfItem(atPath: database)[.modificationDate] as? Date
        let bytes = FileManager.default.contents(atPath: database)
        let again = try ProcessRunner.run("reform", ["check", definition, "--period", "latest"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("2025-01_vnpt.csv  294,786 bytes, text, already ingested (a run skips it)"))
        #expect(again.stdout.contains("2025-03_dvcqg.csv  337,940 bytes, text, new"))
        #expect(again.stdout.contains("(2 files ingested") == false && again.stdout.contains("(3 files ingested"))
        #expect(
            again.stdout.contains(
                "period: 2025-02 (2025-02-01 to 2025-02-28), the latest complete one in the data stored now (the new input may move it)"
            ))
        #expect(FileManager.default.contents(atPath: database) == bytes)
        #expect(try FileManager.default.attributesOfItem(atPath: database)[.modificationDate] as? Date == stamp)
    }

    @Test func aWrongDefinitionNamesTheKeyAndAMissingInputIs66() throws {
        let (_, misspelt) = try Self.project(#", "perod": "2025-03""#)
        let wrong = try ProcessRunner.run("reform", ["check", misspelt])
        #expect(wrong.status == 78 && wrong.stderr.contains("key \"perod\" is not a known key"), "\(wrong.stderr)")
        #expect(wrong.stdout.isEmpty)

        let (folder, definition) = try Self.project()
        try FileManager.default.removeItem(atPath: folder + "/exports")
        try FileManager.default.createDirectory(atPath: folder + "/exports", withIntermediateDirectories: true)
        let none = try ProcessRunner.run("reform", ["check", definition])
        #expect(
            none.status == 66 && none.stderr.contains("\(folder)/exports/*.csv (no file matches)"), "\(none.stderr)")
        #expect(none.stdout.contains("stages: ingest, compute, report"), "the plan is printed before the failure")

        // A FIFO among the inputs is named, not opened (a run would wait for a writer).
        #expect(mkfifo(folder + "/exports/pipe.csv", 0o644) == 0)
        let fifo = try ProcessRunner.run("reform", ["check", definition])
        #expect(fifo.status == 66 && fifo.stdout.contains("pipe.csv  refused: it is a FIFO"), "\(fifo.stdout)")
    }

    @Test(.requires(.executable("/usr/bin/sqlite3"))) func anotherApplicationsDatabaseIsRefusedUntouched() throws {
        let (folder, definition) = try Self.project()
        try FileManager.default.createDirectory(atPath: folder + "/db", withIntermediateDirectories: true)
        let database = folder + "/db/reform.sqlite"
        #expect(
            try ProcessRunner.runExecutable(
                "/usr/bin/sqlite3", [database, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);"]
            )
            .status == 0)
        let bytes = FileManager.default.contents(atPath: database)
        let check = try ProcessRunner.run("reform", ["check", definition])
        #expect(check.status == 73, "\(check.stderr)")
        #expect(FileManager.default.contents(atPath: database) == bytes)
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        // An empty file is what a run would make the database: the plan, not a refusal.
        try Data().write(to: URL(fileURLWithPath: database))
        let empty = try ProcessRunner.run("reform", ["check", definition])
        #expect(empty.status == 0 && empty.stdout.contains("(an empty file: a run makes it the database)"))
        #expect(FileManager.default.contents(atPath: database)?.isEmpty == true)
    }

    @Test func anOlderBuildsDatabaseIsNamedAndLeftAsItIs() throws {
        let (folder, definition) = try Self.project()
        try FileManager.default.createDirectory(atPath: folder + "/db", withIntermediateDirectories: true)
        let database = folder + "/db/reform.sqlite"
        do {
            let old = try Database(path: database)
            try old.execute(Schema.migrations[0].sql)
            try old.execute("PRAGMA user_version = 1")
        }
        let bytes = FileManager.default.contents(atPath: database)
        let check = try ProcessRunner.run("reform", ["check", definition])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout.contains(
                "(written by an older build (schema 1): a run upgrades it to \(Schema.currentVersion) first)"))
        #expect(check.stdout.contains("2025-01_vnpt.csv  294,786 bytes, text, new"))
        #expect(FileManager.default.contents(atPath: database) == bytes)
    }
}
