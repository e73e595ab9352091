import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// The contract and research notes travel with the code: every `docs/….md §N` reference in the
/// sources, tests and README names a section that exists.
@Suite struct DocumentationTests {
    /// Section numbers of a Markdown file's headings ("## 3. …" → 3, "### 3.1 …" → 3.1).
    func sections(_ path: String) throws -> Set<String> {
        let text = try String(contentsOfFile: TestPaths.root + "/" + path, encoding: .utf8)
        var found = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("#") {
            let words = line.drop { $0 == "#" }.split(separator: " ")
            guard let first = words.first else { continue }
            let number = first.hasSuffix(".") ? first.dropLast() : first
            if number.first?.isNumber == true { found.insert(String(number)) }
        }
        return found
    }

    func files(under folder: String, ending: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: TestPaths.root + "/" + folder)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(ending) { paths.append(folder + "/" + path) }
        }
        return paths
    }

    @Test func everyReferenceNamesAnExistingSection() throws {
        let documents = [
            "docs/contract.md": try sections("docs/contract.md"),
            "docs/research-notes.md": try sections("docs/research-notes.md"),
        ]
        #expect(documents["docs/contract.md"]!.isSuperset(of: ["2", "3.1", "7.2", "10"]))
        var sources = files(under: "Sources", ending: ".swift") + files(under: "Tests", ending: ".swift")
        sources += ["README.md", "docs/reference.md", "Pipelines/calendars/README.md", "SampleData/README.md"]
        var checked = 0
        for path in sources {
            let text = try String(contentsOfFile: TestPaths.root + "/" + path, encoding: .utf8)
            for (document, known) in documents {
                var rest = Substring(text)
                while let hit = rest.range(of: document) {
                    rest = rest[hit.upperBound...]
                    var tail = rest.drop { $0 == " " }
                    guard tail.first == "§" else { continue }
                    tail = tail.dropFirst()
                    let number = tail.prefix { $0.isNumber || $0 == "." }
                    let section = number.hasSuffix(".") ? number.dropLast() : number
                    #expect(
                        known.contains(String(section)), "\(path) cites \(document) §\(section), which does not exist")
                    checked += 1
                }
            }
            #expect(
                !text.contains("DOMAIN" + ".md") && !text.contains("RESEARCH" + "-NOTES"),
                "\(path) cites a file outside the repository")
        }
        #expect(checked > 30)
    }

    /// The commands of the ```sh blocks of a Markdown file, block by block.
    static func commandBlocks(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: TestPaths.root + "/" + path, encoding: .utf8)
        var blocks: [[String]] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line == "```sh" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!)
                current = nil
            } else if current != nil, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                current!.append(line)
            }
        }
        return blocks
    }

    /// Every command the README and the reference show in a ```sh block runs, in order, from a
    /// copy of the project folder (`swift run TOOL` as the built TOOL), and exits 0. Two are run
    /// elsewhere: `swift test` is this run, `Release/build.sh` is ReleaseBundleTests'.
    @Test(.requires(.executable("/usr/bin/sqlite3"))) func everyDocumentedCommandRuns() throws {
        let work = TestPaths.temporaryFolder()
        for folder in ["Pipelines", "SampleData"] {
            try FileManager.default.copyItem(atPath: TestPaths.root + "/" + folder, toPath: work + "/" + folder)
        }
        let prelude = """
            set -euo pipefail
            swift() {
              [ "$1" = run ] || { echo "not runnable here: swift $*" >&2; return 99; }
              shift; local tool=$1; shift; "\(ProcessRunner.binaries)/$tool" "$@"
            }

            """
        var commands = 0
        for document in ["README.md", "docs/reference.md"] {
            for block in try Self.commandBlocks(document) {
                let lines = block.map { line -> String in
                    let command = line.split(separator: "#", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces)
                    if command == "swift test" || command.hasPrefix("Release/build.sh ") { return ": \(command)" }
                    commands += 1
                    return command
                }
                let script = work + "/block.sh"
                try (prelude + lines.joined(separator: "\n") + "\n").write(
                    toFile: script, atomically: true, encoding: .utf8)
                let run = try ProcessRunner.runExecutable("/bin/bash", [script], in: work)
                #expect(run.status == 0, "\(document): \(lines.joined(separator: "; ")) → \(run.status): \(run.stderr)")
            }
        }
        #expect(commands >= 20, "only \(commands) documented commands")
        // What they wrote is what is committed.
        let committed = TestPaths.root + "/Reports/2025-03/bieu06_by_unit.csv"
        for written in ["Reports/2025-03/bieu06_by_unit.csv", ".reform/walk-reports/2025-03/bieu06_by_unit.csv"] {
            #expect(
                FileManager.default.contents(atPath: work + "/" + written)
                    == FileManager.default.contents(atPath: committed),
                "\(written)")
        }
        #expect(
            FileManager.default.contents(atPath: work + "/.reform/walk-reports/2024-12-15_2025-03-14/consolidated.html")
                != nil)
    }
}
