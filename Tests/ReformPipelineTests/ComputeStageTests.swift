import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformPipeline
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

@Suite struct ComputeStageTests {
    let folder = TestPaths.temporaryFolder()
    static let header = "dossier_id,procedure_code,unit_code,received_at,due_at,completed_at,status\n"

    func ingest(_ database: Database, _ name: String, _ rows: String) throws {
        let path = folder + "/" + name
        try Data((Self.header + rows).utf8).write(to: URL(fileURLWithPath: path))
        _ = try DossierIngester(database: database, rejectsFolder: folder + "/rejects").ingest(path: path)
    }

    @Test func backdatedReexportBreaksTheChainAgainstTheStoredMonth() throws {
        let database = try Schema.open(path: folder + "/db.sqlite")
        try ingest(
            database, "1.csv", "A,P,001,2025-01-10,2025-01-20,,pending\nB,P,001,2025-01-11,2025-02-20,,pending\n")
        let january = try ComputeStage.run(
            database: database, period: ReportingPeriod(label: "2025-01")!, settings: TestPaths.settings)
        #expect(january.violations.isEmpty)
        // The next export says A was completed on 30 January: the stored January report had it pending.
        try ingest(database, "2.csv", "A,P,001,2025-01-10,2025-01-20,2025-01-30,resolved\n")
        let february = try ComputeStage.run(
            database: database, period: ReportingPeriod(label: "2025-02")!, settings: TestPaths.settings)
        let identities = february.violations.map {
            "\($0.0.rawValue) \($0.1.key) \($0.1.identity) \($0.1.left) \($0.1.right)"
        }
        #expect(
            identities == [
                "unit 001 carried_in(2025-02) = pending(2025-01) 1 2",
                "field  carried_in(2025-02) = pending(2025-01) 1 2",
            ])
        #expect(february.line.hasPrefix("period=2025-02 units=1 fields=1 identity_violations=2 "))
        // The report lists them, and says January is stale (computed before 2.csv arrived).
        let out = folder + "/out"
        try ReportStage.run(database: database, period: ReportingPeriod(label: "2025-02")!, outputFolder: out)
        let page = try String(contentsOfFile: out + "/2025-02/report.html", encoding: .utf8)
        #expect(page.contains("carried_in(2025-02) = pending(2025-01)"))
        try ReportStage.run(database: database, period: ReportingPeriod(label: "2025-01")!, outputFolder: out)
        let stale = try String(contentsOfFile: out + "/2025-01/report.html", encoding: .utf8)
        #expect(stale.contains("Cảnh báo: có tệp dữ liệu được nạp sau lần tính gần nhất"))
        #expect(!page.contains("Cảnh báo"))
        // Survey answers do not change a month's figures: February stays fresh.
        try Data("Mã phiếu,Mã đơn vị,Năm,Mã câu hỏi,Trả lời\nP1,001,2025,HL1.1,5\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/survey.csv"))
        _ = try IndexInputIngester(database: database, rejectsFolder: folder + "/rejects", kind: .survey)
            .ingest(path: folder + "/survey.csv")
        #expect(try !DataQuality(database: database, period: ReportingPeriod(label: "2025-02")!).isStale)
        try ingest(database, "3.csv", "C,P,001,2025-02-10,2025-02-20,,\n")
        #expect(try DataQuality(database: database, period: ReportingPeriod(label: "2025-02")!).isStale)
    }

    @Test func recomputingAMonthReplacesIt() throws {
        let database = try Schema.open(path: folder + "/db.sqlite")
        try ingest(database, "1.csv", "A,P,001,2025-03-10,2025-03-20,2025-03-15,\n")
        _ = try ComputeStage.run(
            database: database, period: ReportingPeriod(label: "2025-03")!, settings: TestPaths.settings)
        try ingest(database, "2.csv", "B,P,002,2025-03-10,2025-03-20,2025-03-25,\n")
        _ = try ComputeStage.run(
            database: database, period: ReportingPeriod(label: "2025-03")!, settings: TestPaths.settings)
        let rows = try #require(
            try Bieu06Table(database: database).rows(period: ReportingPeriod(label: "2025-03")!, dimension: .unit))
        #expect(rows.map(\.key) == ["001", "002"])
        #expect(rows.map(\.onTimeRateHundredths) == [10000, 0])
    }
}
