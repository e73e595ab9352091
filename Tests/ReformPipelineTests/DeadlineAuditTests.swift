import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformReport
@testable import ReformSample
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

@Suite struct DeadlineAuditTests {
    /// Generates exports in-process, ingests the catalogue and the exports, computes each month and
    /// returns the flagged dossiers with the generator's planted ones.
    func run(style: String, seed: UInt64) throws -> (found: Set<String>, planted: Set<String>, database: Database) {
        let folder = TestPaths.temporaryFolder("audit\(style)")
        var generator = try SampleGenerator(
            unitsPath: TestPaths.root + "/SampleData/reference/hanoi_districts_2024-11-01.csv",
            proceduresPath: TestPaths.root + "/SampleData/reference/procedures.csv", seed: seed,
            calendarFolder: TestPaths.root + "/Pipelines/calendars")
        let months = [Month("2025-01")!, Month("2025-02")!, Month("2025-03")!]
        let files = try generator.monthlyExports(months: months, perMonth: 600, style: style)
        let database = try Schema.open(path: folder + "/db.sqlite")
        _ = try ProcedureCatalogueIngester(database: database, rejectsFolder: folder + "/rejects")
            .ingest(path: TestPaths.root + "/SampleData/reference/procedures.csv")
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            _ = try DossierIngester(database: database, rejectsFolder: folder + "/rejects").ingest(
                path: folder + "/" + name)
        }
        for month in months {
            _ = try ComputeStage.run(
                database: database, period: ReportingPeriod(month: month), settings: TestPaths.settings)
        }
        var found = Set<String>()
        try database.prepare("SELECT finding, dossier_id FROM deadline_finding").forEachRow {
            found.insert("\($0.text("finding")) \($0.text("dossier_id"))")
        }
        let planted = Set(
            generator.plantedAppointments.map { "\($0.later ? "appointment_later" : "appointment_earlier") \($0.id)" })
        return (found, planted, database)
    }

    @Test func findsEveryPlantedAppointmentAndNothingElse() throws {
        let result = try run(style: "vendor", seed: 31337)
        #expect(result.planted.count == 12)
        #expect(result.found == result.planted)
    }

    /// Compute reads the month once from both ends of the key order on two threads that meet in
    /// the middle; whatever the chunk size and however the threads interleave, the counts and the
    /// audit equal a single scan of each (findings in key order included).
    @Test func scanFromBothEndsEqualsSingleScans() throws {
        let database = try run(style: "vendor", seed: 31337).database
        let month = ReportingPeriod(label: "2025-03")!
        let calculator = Bieu06Calculator(database: database)
        let tables = try calculator.tables(for: [month, month.previous])
        let audit = try DeadlineAudit(database: database, period: month, settings: TestPaths.settings)
        #expect(!audit.findings.isEmpty)
        func sortedDays(_ audit: DeadlineAudit) -> [String: [Int]] { audit.processing.mapValues { $0.days.sorted() } }
        for rowsPerClaim in [1, 7, 64, 1024] {
            for _ in 0..<3 {
                let scan = try PeriodScan(period: month, settings: TestPaths.settings, rowsPerClaim: rowsPerClaim)
                    .run(database: database)
                #expect(try calculator.tables(from: scan.counts) == tables, "\(rowsPerClaim) rows a claim")
                #expect(scan.audit.units == audit.units)
                #expect(scan.audit.findings == audit.findings)
                #expect(sortedDays(scan.audit) == sortedDays(audit))
                #expect(scan.audit.ruleSetsUsed == audit.ruleSetsUsed)
            }
        }
    }

    @Test func cleanExportsRaiseNothing() throws {
        let result = try run(style: "mixed", seed: 4242)
        #expect(result.planted.isEmpty)
        #expect(result.found.isEmpty)
        #expect(try result.database.scalarInt("SELECT SUM(checked) FROM deadline_audit") ?? 0 > 1000)
    }

    @Test func hiddenLatenessLowersTheStatutoryRate() throws {
        let folder = TestPaths.temporaryFolder()
        let database = try Schema.open(path: folder + "/db.sqlite")
        try Data("procedure_code,procedure_name,statutory_time,time_unit\nP3,Ba ngày,3,ngày làm việc\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/catalogue.csv"))
        _ = try ProcedureCatalogueIngester(database: database, rejectsFolder: folder + "/rejects").ingest(
            path: folder + "/catalogue.csv")
        // Received Monday 3 March 2025: the statute allows until Thursday 6 March.
        // A: appointment 6/3, done 6/3 (on time both ways). B: appointment set to 12/3, done 10/3
        // (on time by the appointment, late by the statute). C: appointment 5/3, done 7/3 (late both).
        try Data(
            """
            dossier_id,procedure_code,unit_code,received_at,due_at,completed_at
            A,P3,001,2025-03-03 09:00,2025-03-06,2025-03-06 10:00
            B,P3,001,2025-03-03 09:00,2025-03-12,2025-03-10 10:00
            C,P3,001,2025-03-03 09:00,2025-03-05,2025-03-07 10:00

            """.utf8
        ).write(to: URL(fileURLWithPath: folder + "/d.csv"))
        _ = try DossierIngester(database: database, rejectsFolder: folder + "/rejects").ingest(path: folder + "/d.csv")
        let result = try ComputeStage.run(
            database: database, period: ReportingPeriod(label: "2025-03")!, settings: TestPaths.settings)
        #expect([result.appointmentsLater, result.appointmentsEarlier] as [Int] == [1, 1])
        let units = try #require(
            try Bieu06Table(database: database).rows(period: ReportingPeriod(label: "2025-03")!, dimension: .unit))
        let report = try DeadlineResults(database: database, period: ReportingPeriod(label: "2025-03")!, bieu06: units)
        let row = try #require(report.units.first)
        #expect([row.received, row.checked, row.matches, row.later, row.earlier] as [Int] == [3, 3, 1, 1, 1])
        #expect(row.laterExamples == ["B"])
        #expect(row.reportedRate == 6667)  // A and B on time by their appointments, C late
        #expect(row.statutoryRate == 3333)  // only A by the statute
        // Working days from receipt: A 3, B 5 (Tue–Fri, Mon), C 4 → mean 4, median 4, p90 5.
        let time = try #require(report.times.first)
        #expect([time.resolved, time.meanHundredths, time.medianHundredths, time.p90] as [Int] == [3, 400, 400, 5])
        let csv = String(
            decoding: DeadlineReport.times(report, period: ReportingPeriod(label: "2025-03")!).csv.dropFirst(3),
            as: UTF8.self)
        #expect(csv.contains("2025-03,001,,P3,Ba ngày,3,4.00,4.00,5,3,working_days\r\n"))
    }

    /// Means and medians of stored times, worked out in memory: half-up from the exact sum, and an
    /// even count's median halfway between its middle two.
    @Test func processingTimeLinesFromStoredCounts() {
        func line(total: Int, resolved: Int, medianTwice: Int) -> DeadlineResults.TimeLine {
            DeadlineResults.line(
                DeadlineTables.ProcessingTime(
                    unitCode: "001", unitName: "", procedureCode: "P", procedureName: "", resolved: resolved,
                    totalDays: total, medianTwice: medianTwice, p90: 0, statutoryTime: "", timeUnit: ""))
        }
        #expect(line(total: 1, resolved: 8, medianTwice: 0).meanHundredths == 13)  // 0.125 → 0.13
        #expect(line(total: 3, resolved: 2, medianTwice: 3).meanHundredths == 150)
        #expect(line(total: 3, resolved: 2, medianTwice: 3).medianHundredths == 150)
        #expect(line(total: 10, resolved: 3, medianTwice: 6).meanHundredths == 333)
    }

    @Test func catalogueRejectsBadValues() throws {
        let folder = TestPaths.temporaryFolder()
        let database = try Schema.open(path: folder + "/db.sqlite")
        try Data(
            "Mã TTHC,Tên TTHC,Thời hạn giải quyết,Đơn vị tính,Có phí\nP1,A,5,ngày làm việc,Có\nP2,B,năm,ngày,\nP3,C,2,tuần,\n,D,1,giờ,\nP5,E,1,giờ,có lẽ\n"
                .utf8
        ).write(to: URL(fileURLWithPath: folder + "/c.csv"))
        let summary = try ProcedureCatalogueIngester(database: database, rejectsFolder: folder + "/rejects").ingest(
            path: folder + "/c.csv")
        #expect(summary.line == "file=c.csv read=5 accepted=1 rejected=4 replaced=0 unchanged=0")
        let rejects = try String(contentsOfFile: folder + "/rejects/c.csv.rejects.csv", encoding: .utf8)
        #expect(
            rejects.hasSuffix(
                "3,bad_value,Thời hạn giải quyết,P2\r\n4,bad_value,Đơn vị tính,P3\r\n5,missing_value,Mã TTHC,\r\n6,bad_value,Có phí,P5\r\n"
            ))
        #expect(
            try database.scalarText(
                "SELECT code || statutory_time || time_unit || has_fee FROM procedure WHERE in_catalogue = 1")
                == "P15working_days1")
    }
}
