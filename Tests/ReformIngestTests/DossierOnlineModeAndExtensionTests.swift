import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// The rules of 2025–26 at ingest (docs/contract.md §2): fully and partly online receipt, and
/// appointments extended with an apology letter (form 04 of Circular 03/2025/TT-VPCP).
@Suite struct DossierOnlineModeAndExtensionTests {
    static let header =
        "Mã hồ sơ,Mã TTHC,Mã đơn vị,Kênh tiếp nhận,Hình thức trực tuyến,Ngày nhận,Ngày hẹn trả,"
        + "Ngày hẹn trả ban đầu,Ngày hẹn trả mới,Gia hạn,Ngày hoàn thành"

    func parse(_ row: String, header: String = header) throws -> ParsedRow {
        var reader = CSVReader(bytes: Array((header + "\n" + row).utf8))
        _ = try reader.nextRecord()
        var parser = DossierRowParser(header: try DossierHeader(fields: (0..<reader.fieldCount).map(reader.string)))
        _ = try reader.nextRecord()
        return parser.parse(reader)
    }

    func record(_ row: String, header: String = header) throws -> DossierRecord? {
        if case .accepted(let record) = try parse(row, header: header) { return record }
        return nil
    }

    func rejection(_ row: String, header: String = header) throws -> RowRejection? {
        if case .rejected(let rejection) = try parse(row, header: header) { return rejection }
        return nil
    }

    static func day(_ iso: String) -> Int { ReportingPeriod.day(iso)! }

    @Test func theOnlineModeComesFromTheChannelOrItsOwnColumn() throws {
        for (channel, column, mode) in [
            ("Trực tuyến toàn trình", "", OnlineMode.full), ("Trực tuyến một phần", "", .partial),
            ("online_full", "", .full), ("Trực tuyến", "Toàn trình", .full), ("2", "Mức độ 3", .partial),
            ("VNeID", "DVC toàn trình", .full), ("Kiosk", "", .unspecified), ("Trực tuyến", "", .unspecified),
            ("Trực tuyến toàn trình", "full", .full), ("Trực tiếp", "", .unspecified),
        ] {
            let r = try record("H,P,001,\(channel),\(column),02/01/2025,,,,,")
            #expect(r?.onlineMode == mode, "\(channel) / \(column)")
        }
        // Without a channel column, a stated mode says the dossier was received online.
        let noChannel = "Mã hồ sơ,Mã TTHC,Mã đơn vị,Mức độ trực tuyến,Ngày nhận"
        let r = try record("H,P,001,4,02/01/2025", header: noChannel)
        #expect(r?.channel == .online && r?.onlineMode == .full)
        #expect(try record("H,P,001,,02/01/2025", header: noChannel)?.channel == .direct)
    }

    @Test func aModeThatContradictsTheChannelOrIsUnknownIsRefusedByName() throws {
        for (channel, column) in [
            ("Trực tiếp", "toàn trình"), ("Bưu chính", "một phần"), ("Trực tuyến toàn trình", "một phần"),
            ("Trực tuyến", "mức độ 2"), ("Trực tuyến", "có"),
        ] {
            let r = try rejection("H,P,001,\(channel),\(column),02/01/2025,,,,,")
            #expect(r?.reason == .badValue && r?.column == "Hình thức trực tuyến", "\(channel) / \(column)")
        }
    }

    @Test func theOriginalAppointmentJudgesAndTheLaterOneIsKeptApart() throws {
        // The original column and a new one.
        var r = try record("H,P,001,,,02/01/2025,,10/01/2025,15/01/2025,,14/01/2025")
        #expect(
            r?.dueDay == Self.day("2025-01-10") && r?.extendedDueDay == Self.day("2025-01-15") && r?.extended == true)
        // A system that overwrote its appointment column with the extended date, and kept the original.
        r = try record("H,P,001,,,02/01/2025,15/01/2025,10/01/2025,,,")
        #expect(r?.dueDay == Self.day("2025-01-10") && r?.extendedDueDay == Self.day("2025-01-15"))
        // The appointment column beside a new date holds the original.
        r = try record("H,P,001,,,02/01/2025,10/01/2025,,15/01/2025,,")
        #expect(r?.dueDay == Self.day("2025-01-10") && r?.extendedDueDay == Self.day("2025-01-15"))
        // The same day is no extension; times of day do not make one.
        r = try record("H,P,001,,,02/01/2025,10/01/2025 08:00,10/01/2025,10/01/2025 17:00,,")
        #expect(r?.dueDay == Self.day("2025-01-10") && r?.extendedDueAt == nil && r?.extended == false)
        // Only the new date: the only appointment known, counted as extended.
        r = try record("H,P,001,,,02/01/2025,,,15/01/2025,,")
        #expect(r?.dueDay == Self.day("2025-01-15") && r?.extendedDueAt == nil && r?.extended == true)
        // The flag alone.
        r = try record("H,P,001,,,02/01/2025,10/01/2025,,,Có,")
        #expect(r?.dueDay == Self.day("2025-01-10") && r?.extendedDueAt == nil && r?.extended == true)
        r = try record("H,P,001,,,02/01/2025,10/01/2025,,,Không,")
        #expect(r?.extended == false)
    }

    @Test func anExtensionThatShortensTheTimeOrAnUnreadableOneIsRefusedByName() throws {
        var r = try rejection("H,P,001,,,02/01/2025,,10/01/2025,08/01/2025,,")
        #expect(r?.reason == .badValue && r?.column == "Ngày hẹn trả mới")
        r = try rejection("H,P,001,,,02/01/2025,08/01/2025,10/01/2025,,,")
        #expect(r?.reason == .badValue && r?.column == "Ngày hẹn trả")
        r = try rejection("H,P,001,,,02/01/2025,,10/01/2025,31/02/2025,,")
        #expect(r?.reason == .badDate && r?.column == "Ngày hẹn trả mới")
        r = try rejection("H,P,001,,,02/01/2025,,,,có lẽ,")
        #expect(r?.reason == .badValue && r?.column == "Gia hạn")
        // A new appointment years ahead is a typing slip, as for any appointment.
        r = try rejection("H,P,001,,,02/01/2025,,10/01/2025,15/01/2205,,")
        #expect(r?.reason == .badDate && r?.column == "Ngày hẹn trả mới")
    }

    @Test func theAppointmentRuleAsAFunction() {
        let day = Int64(86_400)
        let a = Int64(20_000) * day, b = a + 5 * day
        #expect(DossierRowParser.appointment(due: a, original: nil, extended: nil) == .success(.init(due: a)))
        #expect(
            DossierRowParser.appointment(due: nil, original: nil, extended: nil) == .success(.init(due: nil)))
        #expect(
            DossierRowParser.appointment(due: b, original: a, extended: nil) == .success(.init(due: a, extended: b)))
        #expect(
            DossierRowParser.appointment(due: a, original: nil, extended: b) == .success(.init(due: a, extended: b)))
        #expect(
            DossierRowParser.appointment(due: nil, original: nil, extended: b)
                == .success(.init(due: b, extended: nil, onlyExtended: true)))
        #expect(
            DossierRowParser.appointment(due: a, original: b, extended: nil)
                == .failure(.init(column: .dueAt)))
        #expect(
            DossierRowParser.appointment(due: nil, original: b, extended: a)
                == .failure(.init(column: .extendedDueAt)))
    }
}
