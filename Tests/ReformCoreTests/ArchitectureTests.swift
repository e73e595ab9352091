import Foundation
import Testing

@testable import ReformCore

/// The layer rules the compiler cannot state: SQL text lives in the Store module only, and only the
/// Store links SQLite. (Which module may import which is Package.swift's: an import that breaks a
/// layer does not compile.)
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
}
