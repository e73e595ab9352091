import Foundation
import ReformTestSupport
import Testing

@testable import ReformCLI
@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformSupport

/// The release bundle as a server administrator gets it: `Release/build.sh` builds it, it is
/// unpacked into an empty folder and run with a bare environment and no Swift anywhere on the
/// PATH; its one executable needs no Swift library outside it; its systemd units and server
/// definition are valid; the same commit gives the same bytes.
@Suite(.serialized, .requires(.executable("/usr/bin/systemd-analyze"))) struct ReleaseBundleTests {
    /// Runs `arguments` under `env -i PATH=/usr/bin:/bin`: nothing from the developer's shell.
    static func bare(_ arguments: [String], in directory: String) throws -> ProcessRunner.Output {
        try ProcessRunner.runExecutable("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin"] + arguments, in: directory)
    }

    static func build(into folder: String) throws -> String {
        let built = try ProcessRunner.runExecutable("/bin/bash", [TestPaths.root + "/Release/build.sh", folder])
        #expect(built.status == 0, "Release/build.sh: \(built.stderr.suffix(3000))")
        return built.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }

    static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted()
    }

    @Test func theBundleRunsTheMonthlyJobWithoutSwift() throws {
        let work = TestPaths.temporaryFolder()
        let tarball = try Self.build(into: work + "/out")
        let commit = try ProcessRunner.runExecutable("/usr/bin/git", ["rev-parse", "--short=12", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let name = URL(fileURLWithPath: tarball).lastPathComponent
        #expect(name.hasPrefix("reformindex-") && name.hasSuffix("-linux-\(Self.machine).tar.gz"), "\(name)")
        #expect(name.contains(commit) || name.range(of: #"reformindex-\d+\.\d+"#, options: .regularExpression) != nil)

        // Unpacked anywhere.
        let unpacked = work + "/opt"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        #expect(try ProcessRunner.runExecutable("/bin/tar", ["-xzf", tarball, "-C", unpacked]).status == 0)
        let top = unpacked + "/" + String(name.dropLast(".tar.gz".count))
        let bin = top + "/bin"

        // One executable; every stage tool a link to it.
        #expect(FileManager.default.isExecutableFile(atPath: bin + "/reform"))
        for tool in ReformCommand.stageTools {
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: bin + "/" + tool.spec.name) == "reform")
        }
        for path in [
            "share/reformindex/Pipelines/monthly.json", "share/reformindex/Pipelines/calendars/vn-2025.csv",
            "share/reformindex/Pipelines/systemd/reformindex-monthly.timer",
            "share/reformindex/Pipelines/server/monthly.json",
            "share/doc/reformindex/README.md", "share/doc/reformindex/docs/contract.md",
            "share/doc/reformindex/docs/reference.md", "share/doc/reformindex/NOTICE.md",
        ] {
            #expect(FileManager.default.fileExists(atPath: top + "/" + path), "the bundle lacks \(path)")
        }

        // No Swift library outside the bundle (nor a missing one): only the system's.
        let libraries = try ProcessRunner.runExecutable("/usr/bin/ldd", [bin + "/reform"])
        #expect(libraries.status == 0)
        for line in libraries.stdout.split(separator: "\n") {
            let library = line.trimmingCharacters(in: .whitespaces)
            #expect(!library.contains("not found"), "\(library)")
            for swift in ["swift", "Foundation", "dispatch", "BlocksRuntime", "/opt/", "/usr/local/"] {
                #expect(!library.contains(swift), "bin/reform needs \(library)")
            }
        }

        // A bare environment has no Swift: the premise of the runs below.
        #expect(try Self.bare(["/bin/sh", "-c", "command -v swift"], in: work).status != 0)
        let version = try Self.bare([bin + "/reform", "--version"], in: work)
        #expect(version.status == 0 && version.stdout.contains(commit), "\(version.stdout)")
        let help = try Self.bare([bin + "/reform-ingest", "--help"], in: work)
        #expect(help.status == 0 && help.stdout == IngestTool.spec.usage + "\n")

        // The sample job, from another working directory, gives the committed figures.
        let share = top + "/share/reformindex"
        let run = try Self.bare([bin + "/reform", "run", share + "/Pipelines/monthly.json"], in: work)
        #expect(run.status == 0, "\(run.stderr)")
        let committed = TestPaths.root + "/Reports/2025-03"
        #expect(Self.files(under: share + "/Reports/2025-03") == Self.files(under: committed))
        for file in Self.files(under: committed) {
            #expect(
                FileManager.default.contents(atPath: share + "/Reports/2025-03/" + file)
                    == FileManager.default.contents(atPath: committed + "/" + file), "\(file) differs")
        }

        // The server definition, its paths moved under this folder, checks and runs on the sample exports.
        let server = work + "/srv"
        for folder in ["exports", "reference", "reports"] {
            try FileManager.default.createDirectory(atPath: server + "/" + folder, withIntermediateDirectories: true)
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: TestPaths.root + "/SampleData/exports") {
            try FileManager.default.copyItem(
                atPath: TestPaths.root + "/SampleData/exports/" + file, toPath: server + "/exports/" + file)
        }
        try FileManager.default.copyItem(
            atPath: TestPaths.root + "/SampleData/reference/procedures.csv",
            toPath: server + "/reference/procedures.csv")
        let template = try String(contentsOfFile: share + "/Pipelines/server/monthly.json", encoding: .utf8)
        let definition = work + "/monthly.json"
        try template.replacingOccurrences(of: "/opt/reformindex", with: top)
            .replacingOccurrences(of: "/srv/reformindex", with: server)
            .replacingOccurrences(of: "/var/lib/reformindex", with: work + "/var")
            .write(toFile: definition, atomically: true, encoding: .utf8)
        let check = try Self.bare([bin + "/reform", "check", definition], in: work)
        #expect(check.status == 0 && check.stdout.contains("nothing was written"), "\(check.stdout)\(check.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work + "/var"), "reform check wrote something")
        let served = try Self.bare([bin + "/reform", "run", definition], in: "/")
        #expect(served.status == 0, "\(served.stderr)")
        for file in ["bieu06_by_unit.csv", "bieu06_by_field.csv", "deadline_audit.csv", "processing_time.csv"] {
            #expect(
                FileManager.default.contents(atPath: server + "/reports/2025-03/" + file)
                    == FileManager.default.contents(atPath: committed + "/" + file), "server \(file) differs")
        }

        // The systemd units, pointed at this bundle, are valid; the timer fires on the 3rd at
        // 06:00 Vietnam time (23:00 UTC on the 2nd).
        let units = work + "/systemd"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        for unit in ["reformindex-monthly.service", "reformindex-monthly.timer"] {
            let text = try String(contentsOfFile: share + "/Pipelines/systemd/" + unit, encoding: .utf8)
            #expect(
                !unit.hasSuffix(".service")
                    || text.contains("ExecStart=/opt/reformindex/bin/reform run /etc/reformindex/monthly.json --wait "))
            try text.replacingOccurrences(of: "/opt/reformindex", with: top)
                .replacingOccurrences(of: "/etc/reformindex/monthly.json", with: definition)
                .write(toFile: units + "/" + unit, atomically: true, encoding: .utf8)
        }
        let verify = try ProcessRunner.runExecutable(
            "/usr/bin/systemd-analyze",
            ["verify", units + "/reformindex-monthly.service", units + "/reformindex-monthly.timer"])
        #expect(verify.status == 0 && verify.stderr.isEmpty, "\(verify.stderr)")
        let timer = try String(contentsOfFile: units + "/reformindex-monthly.timer", encoding: .utf8)
        let calendar = try #require(
            timer.split(separator: "\n").first { $0.hasPrefix("OnCalendar=") }.map { String($0.dropFirst(11)) })
        let elapses = try ProcessRunner.runExecutable(
            "/usr/bin/systemd-analyze", ["calendar", "--iterations=13", calendar], environment: ["TZ": "UTC"])
        let times = elapses.stdout.split(separator: "\n").filter { $0.contains("elapse:") || $0.contains("Iter.") }
        #expect(times.count == 13, "\(elapses.stdout)\(elapses.stderr)")
        for time in times { #expect(time.hasSuffix("-02 23:00:00 UTC"), "\(time)") }
    }

    @Test func theSameCommitGivesTheSameBundle() throws {
        let work = TestPaths.temporaryFolder()
        let first = try Self.build(into: work + "/a"), second = try Self.build(into: work + "/b")
        #expect(URL(fileURLWithPath: first).lastPathComponent == URL(fileURLWithPath: second).lastPathComponent)
        #expect(FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second))
        #expect((FileManager.default.contents(atPath: first)?.count ?? 0) > 1_000_000)
    }

    static var machine: String {
        var info = utsname()
        uname(&info)
        return withUnsafeBytes(of: &info.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
