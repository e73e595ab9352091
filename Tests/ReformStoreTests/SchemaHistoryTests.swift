import Foundation
import ReformTestSupport
import Testing

@testable import ReformStore
@testable import ReformSupport

/// The schema's history is append-only and its result is written down: each migration keeps the
/// fingerprint it was released with (`Tests/Fixtures/schema-history.txt`), and a fresh database's
/// schema equals `docs/schema.sql`, the snapshot a reader of the repository can open.
@Suite struct SchemaHistoryTests {
    static func fingerprint(_ migration: Migration) -> String {
        var hash = SHA256()
        hash.update(Array(migration.sql.utf8))
        return hash.finalizeHex()
    }

    /// `N name sha256` of each migration, as the history file writes them.
    static var lines: [String] {
        Schema.migrations.enumerated().map { "\($0.offset + 1) \($0.element.name) \(fingerprint($0.element))" }
    }

    @Test func releasedMigrationsAreNeverEdited() throws {
        let recorded = try String(contentsOfFile: TestPaths.fixtures + "/schema-history.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        for (index, line) in recorded.enumerated() {
            #expect(
                index < Self.lines.count && Self.lines[index] == line,
                "migration \(index + 1) changed; a released migration is never edited — append a new one")
        }
        // A new migration is appended to the history with its fingerprint.
        #expect(
            recorded.count == Self.lines.count,
            "append to Tests/Fixtures/schema-history.txt:\n\(Self.lines.dropFirst(recorded.count).joined(separator: "\n"))"
        )
        #expect(Set(Schema.migrations.map(\.name)).count == Schema.migrations.count)
    }

    @Test func aFreshDatabaseHasTheSchemaOfTheSnapshot() throws {
        let folder = TestPaths.temporaryFolder()
        let database = try Schema.open(path: folder + "/db.sqlite")
        let actual = try Schema.snapshot(of: database)
        let committed = try String(contentsOfFile: TestPaths.root + "/docs/schema.sql", encoding: .utf8)
        if actual != committed { try actual.write(toFile: folder + "/schema.sql", atomically: true, encoding: .utf8) }
        #expect(
            actual == committed,
            "the schema differs from docs/schema.sql; if the change is intended: cp \(folder)/schema.sql docs/schema.sql"
        )
    }

    /// An upgraded database ends with the same schema as a fresh one, whatever version it started from.
    @Test(arguments: [1, 5, 11]) func anUpgradeEndsWhereAFreshDatabaseStarts(from version: Int) throws {
        let folder = TestPaths.temporaryFolder()
        do {
            let old = try Database(path: folder + "/old.sqlite")
            for migration in Schema.migrations.prefix(version) { try old.execute(migration.sql) }
            try old.execute("PRAGMA user_version = \(version); PRAGMA application_id = \(Schema.applicationID)")
        }
        let upgraded = try Schema.open(path: folder + "/old.sqlite")
        let fresh = try Schema.open(path: folder + "/fresh.sqlite")
        #expect(try Schema.snapshot(of: upgraded) == Schema.snapshot(of: fresh))
    }
}
