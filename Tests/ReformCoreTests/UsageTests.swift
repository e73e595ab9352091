import Foundation
import Testing

@testable import ReformCore

/// Every tool's help names every option it accepts and the exit codes, so the usage texts cannot
/// drift from what the tools do.
@Suite struct UsageTests {
    /// The options and switches a tool's source declares to `Arguments` (the literal arrays).
    static func declaredOptions(_ tool: String) throws -> Set<String> {
        let source = try String(contentsOfFile: TestPaths.root + "/Sources/\(tool)/main.swift", encoding: .utf8)
        var names = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"(?:options|switches):\s*\[([^\]]*)\]"#)
        for match in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            let list = String(source[Range(match.range(at: 1), in: source)!])
            for word in list.split(separator: ",") {
                let name = word.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: ["\""])
                if !name.isEmpty { names.insert(name) }
            }
        }
        return names
    }

    @Test(arguments: [
        "reform-ingest", "reform-compute", "reform-report", "reform-compare", "reform-consolidate", "reform-sample",
        "reform",
    ])
    func helpNamesEveryOptionAndTheExitCodes(tool: String) throws {
        let options = try Self.declaredOptions(tool)
        #expect(!options.isEmpty)
        let help = try ProcessRunner.run(tool, ["--help"])
        #expect(help.status == 0)
        for option in options {
            #expect(help.stdout.contains("--\(option)"), "\(tool) --help does not mention --\(option)")
        }
        if tool != "reform-sample" {
            #expect(help.stdout.contains(ExitStatus.summary), "\(tool) --help lacks the exit codes")
        }
        // An option the tool does not take is a usage error naming it.
        let wrong = try ProcessRunner.run(tool, ["--no-such-option", "x"])
        #expect(wrong.status == 64 && wrong.stderr.contains("no-such-option"), "\(tool): \(wrong.stderr)")
    }

    @Test func reportHelpListsEveryFileItWrites() throws {
        let help = try ProcessRunner.run("reform-report", ["--help"]).stdout
        for name in ReportStage.fileNames + IndexStages.fileNames + ["indices.html", "indices.xlsx"] {
            #expect(help.contains(name), "reform-report --help does not list \(name)")
        }
    }
}
