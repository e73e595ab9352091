import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// The form of March 2025 on an export of 2025–26: dossiers received fully or partly online, through
/// VNeID and a kiosk, stopped with the new form 05, and with extended appointments, ingested and
/// counted under both `extension` rules (docs/contract.md §2, §3.1, §9).
@Suite struct OnlineModeAndExtensionFormTests {
    static let header =
        "Mã hồ sơ,Mã TTHC,Mã đơn vị,Kênh thực hiện,Hình thức trực tuyến,Ngày tiếp nhận,NgayHenTraCu,NgayHenTraMoi,"
        + "Ngày có kết quả,Trạng thái"

    static let rows = [
        // Fully online by the channel, late by the original appointment, on time by the extended one.
        "a,P,001,Trực tuyến toàn trình,,03/03/2025,10/03/2025,14/03/2025,14/03/2025,",
        // Partly online by the column, early either way.
        "b,P,001,2,Một phần,03/03/2025,10/03/2025,,07/03/2025,",
        // Online without a mode, pending: overdue by the original appointment, within by the extended one.
        "c,P,001,VNeID,,03/03/2025,20/03/2025,10/04/2025,,Đang xử lý",
        // Received in February: carried in, not counted as a new receipt of either mode.
        "d,P,001,Trực tuyến toàn trình,,20/02/2025,05/03/2025,,04/03/2025,",
        // Direct, extended but still late by both appointments.
        "e,P,001,Trực tiếp,,03/03/2025,10/03/2025,12/03/2025,20/03/2025,",
        // Filed at a smart kiosk, then stopped with form 05 of Circular 03/2025/TT-VPCP.
        "f,P,001,Ki-ốt,,04/03/2025,11/03/2025,,06/03/2025,Thông báo dừng giải quyết",
    ]

    func rows(_ rules: CountingRules) throws -> Bieu06Row {
        let folder = TestPaths.temporaryFolder()
        let path = folder + "/export.csv"
        try Data(([Self.header] + Self.rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let database = try Schema.open(path: folder + "/db.sqlite")
        let summary = try DossierIngester(database: database, rejectsFolder: folder).ingest(path: path)
        #expect(summary.accepted == Self.rows.count && summary.rejected == 0)
        return try #require(
            try Bieu06Calculator(database: database).rows(
                for: ReportingPeriod(label: "2025-03")!, by: .unit, rules: rules
            ).first)
    }

    @Test func theOnlineSplitAndTheExtendedAreCountedAndTheOriginalJudgesByDefault() throws {
        let row = try rows(CountingRules())
        #expect(row[.newOnline] == 4 && row[.newOnlineFull] == 1 && row[.newOnlinePartial] == 1)
        #expect(row[.carriedIn] == 1 && row[.total] == 6 && row[.extended] == 3 && row[.withdrawnRejected] == 1)
        // a and e late, b and d early; c overdue.
        #expect(row[.early] == 2 && row[.onTime] == 0 && row[.late] == 2)
        #expect(row[.pendingOverdue] == 1 && row[.pendingWithin] == 0)
        #expect(row.brokenIdentities().isEmpty)
    }

    @Test func theExtendedRuleJudgesByTheNewAppointmentAndChangesNothingElse() throws {
        var rules = CountingRules()
        rules.extension = .extended
        let original = try rows(CountingRules()), extended = try rows(rules)
        #expect(extended[.onTime] == 1 && extended[.late] == 1 && extended[.early] == 2)
        #expect(extended[.pendingWithin] == 1 && extended[.pendingOverdue] == 0)
        let judged: Set<Bieu06Column> = [.early, .onTime, .late, .lateWithApology, .pendingWithin, .pendingOverdue]
        for column in Bieu06Column.allCases where !judged.contains(column) {
            #expect(original[column] == extended[column], "\(column)")
        }
        #expect(extended.brokenIdentities().isEmpty)
    }
}
