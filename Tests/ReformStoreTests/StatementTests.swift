import Foundation
import ReformTestSupport
import Testing

@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// Statements check what they are given.
@Suite struct StatementTests {
    @Test func theNumberOfValuesMustMatchTheParameters() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t(a, b)")
        let insert = try database.prepare("INSERT INTO t(a, b) VALUES (?1, ?2)")
        try insert.run([.int(1), .text("x")])
        #expect(throws: StatementArgumentError.self) { try insert.run([.int(2)]) }
        #expect(throws: StatementArgumentError.self) { try insert.run([.int(2), .int(3), .int(4)]) }
        // A parameter used twice counts once.
        let twice = try database.prepare("SELECT COUNT(*) FROM t WHERE a = ?1 OR b = ?1")
        #expect(try twice.forFirstRow([.int(1)]) == 1)
        #expect(try database.scalarInt("SELECT COUNT(*) FROM t") == 1)
    }

    @Test func rowsAreReadByColumnName() throws {
        let database = try Database(path: ":memory:")
        let statement = try database.prepare("SELECT 7 AS b, 'x' AS a, NULL AS c, 2 AS b")
        #expect(try statement.step())
        // By name, whatever the order; the first of two columns of the same name.
        #expect(statement.text("a") == "x" && statement.int("b") == 7 && statement.int64(statement.column("b")) == 7)
        #expect(statement.isNull("c") && statement.optionalInt("c") == nil && statement.text("c") == "")
        #expect(statement.optionalInt("b") == 7 && statement.optionalInt64("b") == 7)
    }

    @Test func aColumnTheSelectDoesNotHaveIsABug() async {
        await #expect(processExitsWith: .failure) {
            let database = try Database(path: ":memory:")
            let statement = try database.prepare("SELECT 1 AS a")
            _ = try statement.step()
            _ = statement.int("b")
        }
    }
}

/// Store writers that must change rows together refuse to run outside a transaction.
@Suite struct TransactionTests {
    @Test func writersOutsideATransactionStopAtOnce() async {
        await #expect(processExitsWith: .failure) {
            let database = try Schema.open(path: TestPaths.temporaryFolder("tx") + "/db.sqlite")
            _ = try BatchTable.insert(
                BatchTable.NewBatch(
                    kind: "dossiers", fileName: "x.csv", sha256: "0", bytes: 0, ingestedAt: "", encoding: "utf-8",
                    fingerprint: nil, sourcePath: "", rejectsFile: ""), in: database)
        }
    }

    @Test func writersInsideATransactionRun() throws {
        let database = try Schema.open(path: TestPaths.temporaryFolder("tx") + "/db.sqlite")
        let id = try database.transaction {
            try BatchTable.insert(
                BatchTable.NewBatch(
                    kind: "dossiers", fileName: "x.csv", sha256: "0", bytes: 0, ingestedAt: "", encoding: "utf-8",
                    fingerprint: nil, sourcePath: "", rejectsFile: ""), in: database)
        }
        #expect(id == 1 && !database.isInTransaction)
    }
}
