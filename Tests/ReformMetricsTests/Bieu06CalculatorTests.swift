import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Biểu 06 on hand-made dossiers placed on every boundary of the month (March 2025).
@Suite struct Bieu06CalculatorTests {
    let folder = TestPaths.temporaryFolder()

    /// Ingests `rows` (after a canonical header) and returns the database.
    func database(_ rows: [String]) throws -> Database {
        let path = folder + "/in-\(UUID().uuidString.prefix(6)).csv"
        let header =
            "dossier_id,procedure_code,field,unit_code,unit_name,channel,received_at,due_at,completed_at,returned_at,status,apology"
        try Data(([header] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let database = try Schema.open(path: folder + "/db.sqlite")
        let summary = try DossierIngester(database: database, rejectsFolder: folder + "/rejects").ingest(path: path)
        #expect(summary.rejected == 0)
        return database
    }

    func row(_ rows: [String], month: String = "2025-03", by dimension: Bieu06Dimension = .unit) throws -> [Bieu06Row] {
        try Bieu06Calculator(database: try database(rows)).rows(for: ReportingPeriod(label: month)!, by: dimension)
    }

    /// `add` sums every count the declaration names.
    @Test func addSumsEveryCount() {
        var row = Bieu06Row(key: "u", name: "")
        for (offset, column) in Bieu06Column.allCases.enumerated() { row[column] = offset + 1 }
        var sum = row
        sum.add(row)
        #expect(Bieu06Column.allCases.map { sum[$0] } == (1...Bieu06Column.allCases.count).map { 2 * $0 })
    }

    @Test func everyColumnOnItsBoundaries() throws {
        let rows = try row([
            // carried in: received in February, still pending at 1 March, due inside March → resolved late.
            "c1,P,F,001,Ba Đình,direct,2025-02-27,2025-03-05,2025-03-06,,resolved,Có",
            // carried in, ended exactly on 1 March (not before P) → resolved in March, early.
            "c2,P,F,001,Ba Đình,direct,2025-02-20,2025-03-03,2025-03-01 08:00,,,",
            // ended on 28 February → not in March at all.
            "gone,P,F,001,Ba Đình,direct,2025-02-20,2025-03-03,2025-02-28 23:59,,,",
            // received on 1 March 00:00 online, resolved on its due date → on time.
            "n1,P,F,001,Ba Đình,Trực tuyến,01/03/2025 00:00,10/03/2025,10/03/2025 16:00,,,",
            // received 31 March 23:59 by post, pending, due 1 April → pending within.
            "n2,P,F,001,Ba Đình,BCCI,31/03/2025 23:59,01/04/2025,,,,",
            // received in March, pending, due 31 March → overdue; the apology flag does not matter while pending.
            "n3,P,F,001,Ba Đình,2,2025-03-10,2025-03-31,,,Đang xử lý,x",
            // completed on 1 April → still pending at the end of March, with a due date in April → within.
            "n4,P,F,001,Ba Đình,1,2025-03-20,2025-04-02,2025-04-01,,,",
            // received on 1 April → not in March.
            "later,P,F,001,Ba Đình,1,2025-04-01,2025-04-10,,,,",
            // withdrawn in March; rejected in April (pending at March's end, no due).
            "w1,P,F,001,Ba Đình,1,2025-03-03,2025-03-20,,2025-03-04,Rút hồ sơ,",
            "w2,P,F,001,Ba Đình,1,2025-03-03,,,2025-04-04,Từ chối,",
            // resolved without due date; not accepted (in no column).
            "nd,P,,001,Ba Đình,1,2025-03-03,,2025-03-05,,9,",
            "na,P,F,001,Ba Đình,2,2025-03-03,,,,Mới đăng ký,",
            // Time zones: 2025-02-28T17:30Z is 1 March 00:30 in Vietnam → a new March receipt.
            "tz,P,F,002,Hoàn Kiếm,online,2025-02-28T17:30:00Z,2025-03-04,2025-03-04T01:00:00+07:00,,,",
        ])
        #expect(rows.map(\.key) == ["001", "002"])
        let u = rows[0]
        #expect(u.name == "Ba Đình")
        #expect([u[.newOnline], u[.newDirectPostal], u[.carriedIn], u[.total]] as [Int] == [2, 5, 2, 9])
        #expect(
            [u[.resolved], u[.early], u[.onTime], u[.late], u[.resolvedNoDue], u[.lateWithApology]] as [Int] == [
                4, 1, 1, 1, 1, 1,
            ])
        #expect(u[.withdrawnRejected] == 1)
        #expect([u[.pending], u[.pendingWithin], u[.pendingOverdue], u[.pendingNoDue]] as [Int] == [4, 2, 1, 1])
        #expect([u[.notAccepted], u[.noDue]] as [Int] == [1, 2])
        #expect(u.onTimeRateHundredths == 6667)
        #expect(u.brokenIdentities().isEmpty)
        let tz = rows[1]
        #expect([tz[.newOnline], tz[.carriedIn], tz[.onTime]] as [Int] == [1, 0, 1])
    }

    @Test func fieldsGroupWithAnEmptyFieldRowFirst() throws {
        let rows = try row(
            [
                "a,P,Đất đai,001,,1,2025-03-03,,,,,", "b,P,,001,,1,2025-03-03,,,,,",
                "c,P,Chứng thực,002,,1,2025-03-03,,,,,",
            ], by: .field)
        #expect(rows.map(\.key) == ["", "Chứng thực", "Đất đai"])
    }

    @Test func headerOnlyDataGivesNoRowsAndNoRate() throws {
        #expect(try row([]).isEmpty)
        var empty = Bieu06Row(key: "x", name: "")
        empty[.total] = 3
        empty[.pending] = 3
        empty[.pendingNoDue] = 3
        empty[.carriedIn] = 3
        #expect(empty.onTimeRateHundredths == nil)
    }

    @Test func identitiesReportWhatDoesNotAddUp() {
        var broken = Bieu06Row(key: "001", name: "")
        broken[.total] = 5
        broken[.newOnline] = 5
        broken[.resolved] = 2
        broken[.early] = 1
        broken[.pending] = 2
        broken[.pendingWithin] = 2
        #expect(
            broken.brokenIdentities().map(\.identity) == [
                "total = resolved + withdrawn_rejected + pending",
                "resolved = early + on_time + late + resolved_no_due",
            ])
    }

    @Test func latestCompleteMonthIsTheOneBeforeTheNewestEvent() throws {
        let database = try database(["a,P,,001,,1,2025-03-30,,2025-04-02,,,"])
        #expect(try Bieu06Calculator(database: database).latestCompletePeriod() == ReportingPeriod(label: "2025-03"))
    }
}

/// carried_in(P) = pending(P − 1), checked on rows held in memory.
@Suite struct Bieu06ChainTests {
    static func row(_ key: String, carriedIn: Int = 0, pending: Int = 0) -> Bieu06Row {
        var row = Bieu06Row(key: key, name: "")
        row[.carriedIn] = carriedIn
        row[.pending] = pending
        return row
    }

    @Test func eachBreakIsReportedWithBothSides() {
        let previous = [Self.row("001", pending: 4), Self.row("002", pending: 2), Self.row("003", pending: 0)]
        let now = [Self.row("001", carriedIn: 4), Self.row("002", carriedIn: 3), Self.row("004", carriedIn: 1)]
        let found = Bieu06Chain.violations(rows: now, previous: previous, identity: "chain")
        #expect(
            found == [
                IdentityViolation(key: "002", identity: "chain", left: 3, right: 2),
                IdentityViolation(key: "004", identity: "chain", left: 1, right: 0),
            ])
        // A unit whose pending dossiers vanished: no row now, pending before.
        let vanished = Bieu06Chain.violations(rows: [], previous: previous, identity: "chain")
        #expect(vanished.map(\.key) == ["001", "002"] && vanished.map(\.right) == [4, 2])
        #expect(
            Bieu06Chain.violations(
                rows: now.prefix(1).map { $0 }, previous: previous.prefix(1).map { $0 }, identity: "c"
            ).isEmpty)
    }
}
