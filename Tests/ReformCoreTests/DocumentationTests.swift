import Foundation
import Testing

@testable import ReformCore

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
        sources += ["README.md", "Pipelines/calendars/README.md", "SampleData/README.md"]
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
}
