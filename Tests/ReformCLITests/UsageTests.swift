import Foundation
import ReformTestSupport
import Testing

@testable import ReformCLI
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformSupport

/// Every tool's help is generated from the options it declares, and the test holds the help
/// against what the tool accepts: each option the help names is accepted, each option accepted is
/// in the help, and the prose names no option the tool does not take.
@Suite struct UsageTests {
    /// Every tool: the stage tools as their executables, the subcommands through `reform`.
    static let tools: [(name: String, command: [String], spec: ToolSpec)] =
        ReformCommand.stageTools.map { ($0.spec.name, [$0.spec.name], $0.spec) }
        + ReformCommand.subcommandOrder.map { ("reform " + $0, ["reform", $0], ReformCommand.subcommands[$0]!.spec) }

    static func run(_ command: [String], _ arguments: [String]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(command[0], Array(command.dropFirst()) + arguments)
    }

    /// `--name` mentions in `text`, leaving out those that follow another tool's name
    /// ("reform-ingest --kind report" in compare's help is ingest's option).
    static func mentionedOptions(_ text: String) throws -> Set<String> {
        let others = try NSRegularExpression(pattern: #"reform-[a-z]+( --[a-z-]+( [A-Za-z|.-]+)?)+"#)
        let cleaned = others.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        let option = try NSRegularExpression(pattern: #"(?<![A-Za-z0-9-])--([a-z][a-z-]*)"#)
        return Set(
            option.matches(in: cleaned, range: NSRange(cleaned.startIndex..., in: cleaned)).map {
                String(cleaned[Range($0.range(at: 1), in: cleaned)!])
            })
    }

    @Test(arguments: tools.map(\.name))
    func helpIsGeneratedAndMatchesWhatTheToolAccepts(name: String) throws {
        let (_, command, spec) = Self.tools.first { $0.name == name }!
        let help = try Self.run(command, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout == spec.usage + "\n", "\(name) --help is not its declared usage")
        if command[0] == "reform" {
            #expect(try ProcessRunner.run("reform", ["help", command[1]]).stdout == spec.usage + "\n")
        }
        let declared = Set(spec.options.map(\.name.rawValue))
        #expect(!declared.isEmpty)
        let mentioned = try Self.mentionedOptions(help.stdout).subtracting(["help"])
        #expect(
            mentioned.subtracting(declared).isEmpty,
            "\(name) --help names undeclared \(mentioned.subtracting(declared))")
        #expect(declared.subtracting(mentioned).isEmpty, "\(name) --help omits \(declared.subtracting(mentioned))")
        if spec.listsExitCodes { #expect(help.stdout.contains(ExitStatus.summary.split(separator: "\n")[0])) }
        // Each declared option is accepted: one with a value asks for it, a switch is taken.
        for option in spec.options {
            let outcome = try Self.run(
                command, ["--\(option.name.rawValue)"] + (option.value == nil ? ["--no-such-option"] : []))
            #expect(outcome.status == 64, "\(name) --\(option.name.rawValue): \(outcome.stderr)")
            if option.value != nil {
                #expect(
                    outcome.stderr.contains("option --\(option.name.rawValue) needs a value"),
                    "\(name): \(outcome.stderr)")
            } else {
                #expect(outcome.stderr.contains("unknown option --no-such-option"), "\(name): \(outcome.stderr)")
            }
        }
        // An option the tool does not take is a usage error naming it.
        let wrong = try Self.run(command, ["--no-such-option", "x"])
        #expect(wrong.status == 64 && wrong.stderr.contains("no-such-option"), "\(name): \(wrong.stderr)")
    }

    @Test func overviewListsEveryCommandAndToolWithTheVersion() throws {
        let overview = try ProcessRunner.run("reform", ["help"])
        #expect(overview.status == 0 && overview.stdout == ReformCommand.overview + "\n")
        for (name, _, spec) in Self.tools {
            let shown = name.hasPrefix("reform ") ? String(name.dropFirst(7)) : name
            #expect(overview.stdout.contains("  \(shown) "), "reform help lacks \(shown)")
            #expect(overview.stdout.contains(spec.summary))
        }
        #expect(try ProcessRunner.run("reform", []).status == 64)
        let version = try ProcessRunner.run("reform", ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("reformindex \(BuildInfo.version) (commit \(BuildInfo.commit)), SQLite 3."))
        #expect(try ProcessRunner.run("reform", ["--version", "x"]).status == 64)
        #expect(try ProcessRunner.run("reform", ["help", "no-such-tool"]).status == 64)
        // Each stage tool runs as a subcommand too.
        #expect(try ProcessRunner.run("reform", ["ingest", "--help"]).stdout == IngestTool.spec.usage + "\n")
    }

    @Test func theReformExecutableIsEveryStageToolUnderItsName() throws {
        let folder = TestPaths.temporaryFolder()
        for tool in ReformCommand.stageTools {
            let link = folder + "/" + tool.spec.name
            try FileManager.default.createSymbolicLink(
                atPath: link, withDestinationPath: ProcessRunner.binaries + "/reform")
            let help = try ProcessRunner.runExecutable(link, ["--help"])
            #expect(help.status == 0 && help.stdout == tool.spec.usage + "\n", "\(tool.spec.name)")
            let wrong = try ProcessRunner.runExecutable(link, ["--no-such-option"])
            #expect(
                wrong.status == 64 && wrong.stderr.hasPrefix("\(tool.spec.name): unknown option"), "\(wrong.stderr)")
        }
    }

    @Test func reportHelpListsEveryFileItWrites() throws {
        let help = try ProcessRunner.run("reform-report", ["--help"]).stdout
        for name in ReportStage.fileNames + IndexStages.fileNames + ["indices.html", "indices.xlsx"] {
            #expect(help.contains(name), "reform-report --help does not list \(name)")
        }
    }
}
