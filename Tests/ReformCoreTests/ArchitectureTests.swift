import Foundation
import Testing

@testable import ReformCore

/// The layer rules the compiler cannot state: SQL text lives in the Store module only, and only the
/// Store links SQLite. (Which module may import which is Package.swift's: an import that breaks a
/// layer does not compile.)
@Suite struct ArchitectureTests {
    /// Files of other modules that still hold SQL, to be moved into the Store; the list may only
    /// shrink (a file listed here without SQL fails too, so it is kept exact).
    static let awaitingTheStore: Set<String> = [
        "ReformMetrics/DelegationCoverage.swift", "ReformMetrics/IntegrityAudit.swift",
        "ReformMetrics/UnitComparison.swift", "ReformMetrics/UnitCrosswalk.swift",
        "ReformMetrics/YearlyIndices+SIPAS.swift", "ReformMetrics/YearlyIndices.swift",
    ]

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
        #expect(
            holding.subtracting(Self.awaitingTheStore).isEmpty,
            "SQL outside the Store: \(holding.subtracting(Self.awaitingTheStore).sorted())")
        #expect(
            Self.awaitingTheStore.subtracting(holding).isEmpty,
            "no SQL left, take it off the list: \(Self.awaitingTheStore.subtracting(holding).sorted())")
        // The pattern does find the Store's own SQL.
        let schema = try text("ReformStore/Schema.swift")
        #expect(Self.sql.firstMatch(in: schema, range: NSRange(schema.startIndex..., in: schema)) != nil)
    }

    @Test func onlyTheStoreLinksSQLite() throws {
        for file in try Self.sources() where !file.hasPrefix("ReformStore/") && !file.hasPrefix("CSQLite/") {
            #expect(!(try text(file)).contains("import CSQLite"), "\(file) imports SQLite")
        }
    }
}
