import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// The layer rules: SQL text lives in the Store module only, only the Store links SQLite, and a
/// module imports only what Package.swift lets it (an upward import is a cycle the compiler
/// refuses; a sideways one compiles in SwiftPM unless checked — `.ci/run` builds with
/// `--explicit-target-dependency-import-check error`, and this suite checks it on every `swift test`).
@Suite struct ArchitectureTests {
    static let sql = try! NSRegularExpression(
        pattern:
            #"\b(SELECT|INSERT INTO|INSERT OR|DELETE FROM|CREATE TABLE|CREATE INDEX|ALTER TABLE|PRAGMA)\b|UPDATE [a-z_]+ SET|\.(prepare|execute|scalarInt|scalarText)\("#
    )

    /// Every Swift file of the library and the executables, as "Module/File.swift".
    static func sources() throws -> [String] {
        let root = TestPaths.root + "/Sources"
        var files: [String] = []
        for module in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            let folder = root + "/" + module
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where file.hasSuffix(".swift") {
                files.append(module + "/" + file)
            }
        }
        return files
    }

    func text(_ file: String) throws -> String {
        try String(contentsOfFile: TestPaths.root + "/Sources/" + file, encoding: .utf8)
    }

    @Test func sqlLivesInTheStore() throws {
        var holding = Set<String>()
        for file in try Self.sources() where !file.hasPrefix("ReformStore/") {
            let source = try text(file)
            if Self.sql.firstMatch(in: source, range: NSRange(source.startIndex..., in: source)) != nil {
                holding.insert(file)
            }
        }
        #expect(holding.isEmpty, "SQL outside the Store: \(holding.sorted())")
        // The pattern does find the Store's own SQL.
        let schema = try text("ReformStore/Schema.swift")
        #expect(Self.sql.firstMatch(in: schema, range: NSRange(schema.startIndex..., in: schema)) != nil)
    }

    /// The full Foundation links ICU's data into every statically linked executable (tens of
    /// megabytes each); the pipeline needs only FoundationEssentials.
    @Test func noModuleImportsTheFullFoundation() throws {
        for file in try Self.sources() {
            let imports = try text(file).split(separator: "\n").filter { $0.hasPrefix("import ") }
            #expect(!imports.contains("import Foundation"), "\(file) imports the full Foundation")
        }
    }

    @Test func onlyTheStoreLinksSQLite() throws {
        for file in try Self.sources() where !file.hasPrefix("ReformStore/") && !file.hasPrefix("CSQLite/") {
            #expect(!(try text(file)).contains("import CSQLite"), "\(file) imports SQLite")
        }
    }

    /// Each target's declared dependencies, read from Package.swift (`.target(name: "X", dependencies: [...])`).
    static func declaredDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOfFile: TestPaths.root + "/Package.swift", encoding: .utf8)
        let declaration = try NSRegularExpression(
            pattern:
                #"\.(?:target|testTarget|executableTarget|systemLibrary)\(\s*name: "(\w+)"(?:,\s*dependencies: \[([^\]]*)\])?"#
        )
        let quoted = try NSRegularExpression(pattern: #""(\w+)""#)
        var targets: [String: Set<String>] = [:]
        for match in declaration.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)) {
            let name = String(manifest[Range(match.range(at: 1), in: manifest)!])
            var dependencies = Set<String>()
            if let range = Range(match.range(at: 2), in: manifest) {
                let list = String(manifest[range])
                for item in quoted.matches(in: list, range: NSRange(list.startIndex..., in: list)) {
                    dependencies.insert(String(list[Range(item.range(at: 1), in: list)!]))
                }
            }
            targets[name] = dependencies
        }
        return targets
    }

    /// Every import of a module of this package names a module the importing target depends on
    /// (directly or through another): the layer order holds in Sources and in Tests.
    @Test func everyImportIsADeclaredDependency() throws {
        let declared = try Self.declaredDependencies()
        #expect(declared["ReformStore"] == ["CSQLite", "ReformSupport", "ReformModel"])
        func reachable(from target: String) -> Set<String> {
            var seen = Set<String>(), queue = Array(declared[target] ?? [])
            while let next = queue.popLast() {
                if seen.insert(next).inserted { queue += declared[next] ?? [] }
            }
            return seen
        }
        let importLine = try NSRegularExpression(
            pattern: #"^(?:@testable |@_exported )?import (\w+)$"#, options: .anchorsMatchLines)
        var checked = 0
        for folder in ["Sources", "Tests"] {
            let root = TestPaths.root + "/" + folder
            for target in try FileManager.default.contentsOfDirectory(atPath: root).sorted()
            where declared[target] != nil {
                let allowed = reachable(from: target)
                let files =
                    FileManager.default.enumerator(atPath: root + "/" + target)?.compactMap { $0 as? String } ?? []
                for file in files where file.hasSuffix(".swift") {
                    let source = try String(contentsOfFile: root + "/" + target + "/" + file, encoding: .utf8)
                    for match in importLine.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                        let module = String(source[Range(match.range(at: 1), in: source)!])
                        guard declared[module] != nil else { continue }
                        checked += 1
                        #expect(
                            allowed.contains(module),
                            "\(folder)/\(target)/\(file) imports \(module), which \(target) does not depend on")
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    /// Each target declares only what its files import: a dependency no file of the target imports
    /// is a layer the module claims to stand on and does not (and a test target's, a module it
    /// does not test). With `everyImportIsADeclaredDependency`, the graph in Package.swift is what
    /// the code uses.
    @Test func everyDeclaredDependencyIsImported() throws {
        let declared = try Self.declaredDependencies()
        let importLine = try NSRegularExpression(
            pattern: #"^(?:@testable |@_exported )?import (\w+)$"#, options: .anchorsMatchLines)
        var checked = 0
        for folder in ["Sources", "Tests"] {
            let root = TestPaths.root + "/" + folder
            for target in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
                guard let dependencies = declared[target], !dependencies.isEmpty else { continue }
                var imported = Set<String>()
                let files =
                    FileManager.default.enumerator(atPath: root + "/" + target)?.compactMap { $0 as? String } ?? []
                for file in files where file.hasSuffix(".swift") {
                    let source = try String(contentsOfFile: root + "/" + target + "/" + file, encoding: .utf8)
                    for match in importLine.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                        imported.insert(String(source[Range(match.range(at: 1), in: source)!]))
                    }
                }
                for dependency in dependencies.sorted() {
                    checked += 1
                    #expect(
                        imported.contains(dependency),
                        "\(target) declares \(dependency), which none of its files imports")
                }
            }
        }
        #expect(checked > 40)
        // No module re-exports others under one name: each file names the layers it stands on.
        #expect(declared["ReformCore"] == nil)
        #expect(declared["ReformSample"]?.contains("ReformPipeline") == false)
    }

    /// Each library module has its own test target (`ReformMetrics` → `ReformMetricsTests`) that
    /// depends on it.
    @Test func everyModuleHasItsTestTarget() throws {
        let declared = try Self.declaredDependencies()
        let modules = declared.keys.filter {
            $0.hasPrefix("Reform") && !$0.hasSuffix("Tests") && $0 != "ReformTestSupport"
        }
        #expect(modules.count >= 10)
        for module in modules.sorted() {
            #expect(declared[module + "Tests"]?.contains(module) == true, "\(module) has no test target of its own")
        }
    }
}
