import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

@Suite struct DossierRowParserTests {
    static let header =
        "Mã hồ sơ,Mã TTHC,Lĩnh vực,Mã đơn vị,Kênh tiếp nhận,Ngày nhận,Hạn xử lý,Ngày hoàn thành,Ngày trả,Trạng thái,Phiếu xin lỗi,Chủ hồ sơ"

    /// Parses `rows` under the shared header.
    func parse(_ rows: [String], header: String = header) throws -> [ParsedRow] {
        var reader = CSVReader(bytes: Array(([header] + rows).joined(separator: "\n").utf8))
        _ = try reader.nextRecord()
        let mapped = try DossierHeader(fields: (0..<reader.fieldCount).map { reader.string($0) })
        var parser = DossierRowParser(header: mapped)
        var out: [ParsedRow] = []
        while try reader.nextRecord() { out.append(parser.parse(reader)) }
        return out
    }

    func rejection(_ row: String) throws -> RowRejection? {
        if case .rejected(let r) = try parse([row])[0] { return r }
        return nil
    }

    func record(_ row: String) throws -> DossierRecord? {
        if case .accepted(let r) = try parse([row])[0] { return r }
        return nil
    }

    @Test func acceptsAndTypesAFullRow() throws {
        let r = try #require(
            try record(
                "HS1,P1,Hộ tịch,001,Trực tuyến,02/01/2025 08:00,10/01/2025,09/01/2025,,Đã xử lý xong,Có,Nguyễn Văn A"))
        #expect(r.dossierID == "HS1")
        #expect(r.channel == .online)
        #expect(r.status == .resolved)
        #expect(r.apology)
        #expect(r.field == "Hộ tịch")
        #expect(r.endDay == CivilDate.dayNumber(year: 2025, month: 1, day: 9))
    }

    @Test func mapsEverySpellingAfterNormalisation() throws {
        // Combining-mark spelling of "Trực tuyến", upper case, extra spaces.
        let decomposed = "  TRU\u{031B}\u{0323}C TUYE\u{0302}\u{0301}N "
        #expect(try record("HS1,P,,001,\(decomposed),02/01/2025,,,,,,")?.channel == .online)
        for (spelling, channel) in [
            ("online", Channel.online), ("2", .online), ("direct", .direct), ("Trực tiếp", .direct), ("1", .direct),
            ("", .direct), ("postal", .postal), ("Bưu chính", .postal), ("Bưu chính công ích", .postal),
            ("bcci", .postal), ("3", .postal),
            // 2025–26: fully and partly online receipt, the VNeID application, smart kiosks.
            ("Trực tuyến toàn trình", .online), ("trực tuyến một phần", .online), ("VNeID", .online),
            ("Ứng dụng VNeID", .online), ("Ki-ốt", .online), ("KIOSK", .online),
        ] {
            #expect(try record("HS1,P,,001,\(spelling),02/01/2025,,,,,,")?.channel == channel, "\(spelling)")
        }
        let resolved = [
            "resolved", "completed", "returned", "Đã xử lý xong", "Đã trả kết quả", "Hoàn thành", "9", "10",
        ]
        for spelling in resolved {
            #expect(try record("HS1,P,,001,,02/01/2025,,03/01/2025,,\(spelling),,")?.status == .resolved, "\(spelling)")
        }
        for (spelling, expected) in [
            ("withdrawn", LifecycleClass.withdrawn), ("Rút hồ sơ", .withdrawn),
            ("Công dân yêu cầu rút hồ sơ", .withdrawn),
            ("7", .withdrawn), ("rejected", .rejected), ("Từ chối", .rejected), ("stopped", .stopped),
            ("Dừng xử lý", .stopped), ("8", .stopped), ("Dừng giải quyết", .stopped),
            ("Thông báo dừng giải quyết", .stopped),
        ] {
            #expect(try record("HS1,P,,001,,02/01/2025,,,03/01/2025,\(spelling),,")?.status == expected, "\(spelling)")
        }
        for spelling in [
            "pending", "received", "processing", "waiting_supplement", "waiting_payment", "Đang xử lý",
            "Được tiếp nhận",
            "Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính", "2", "4", "5", "6",
        ] {
            #expect(try record("HS1,P,,001,,02/01/2025,,,,\(spelling),,")?.status == .pending, "\(spelling)")
        }
        for spelling in ["not_accepted", "submitted", "Mới đăng ký", "Không được tiếp nhận", "1", "3"] {
            #expect(try record("HS1,P,,001,,02/01/2025,,,,\(spelling),,")?.status == .notAccepted, "\(spelling)")
        }
        for (spelling, yes) in [
            ("Có", true), ("x", true), ("1", true), ("TRUE", true), ("yes", true), ("Không", false), ("0", false),
            ("false", false), ("no", false), ("", false),
        ] {
            #expect(try record("HS1,P,,001,,02/01/2025,,,,,\(spelling),")?.apology == yes, "\(spelling)")
        }
    }

    /// A channel or status no one has confirmed is still refused, naming the value (a near miss
    /// of a new spelling is not guessed).
    @Test func unknownChannelsAndStatusesAreStillRefused() throws {
        for channel in ["Zalo", "Ki ốt thông minh", "VNeID2", "trực tuyến toàn phần"] {
            let refused = try rejection("HS1,P,,001,\(channel),02/01/2025,,,,,,")
            #expect(refused?.reason == .badChannel, "\(channel)")
        }
        for status in ["Dừng", "Thông báo", "Tạm dừng giải quyết"] {
            let refused = try rejection("HS1,P,,001,,02/01/2025,,,03/01/2025,\(status),,")
            #expect(refused?.reason == .badStatus, "\(status)")
        }
    }

    /// Found by fuzzing: a required value of control characters only is missing, not stored empty.
    @Test func controlCharactersAloneAreAMissingValue() throws {
        #expect(try rejection("HS1,P,,\u{10}\u{10}\u{10},,02/01/2025,,,,,,")?.reason == .missingValue)
        #expect(try rejection("\u{7}\u{1B} ,P,,001,,02/01/2025,,,,,,")?.reason == .missingValue)
        #expect(try rejection("HS1,\u{1F}é\u{1F},,001,,02/01/2025,,,,,,") == nil)
        #expect(try record("HS1,P,,\u{10}001\u{10},,02/01/2025,,,,,,")?.unitCode == "001")
        #expect(try record("HS1,\u{7}Pé\u{7},,001,,02/01/2025,,,,,,")?.procedureCode == "Pé")
    }

    @Test func emptyStatusFollowsTheDates() throws {
        #expect(try record("HS1,P,,001,,02/01/2025,,03/01/2025,,,,")?.status == .resolved)
        #expect(try record("HS1,P,,001,,02/01/2025,,,03/01/2025,,,")?.status == .resolved)
        #expect(try record("HS1,P,,001,,02/01/2025,,,,,,")?.status == .pending)
    }

    @Test func rejectsWithReasonAndColumn() throws {
        let cases: [(String, RejectReason, String)] = [
            (",P,,001,,02/01/2025,,,,,,", .missingValue, "Mã hồ sơ"),
            ("HS1, ,,001,,02/01/2025,,,,,,", .missingValue, "Mã TTHC"),
            ("HS1,P,,,,02/01/2025,,,,,,", .missingValue, "Mã đơn vị"),
            ("HS1,P,,001,,,,,,,,", .missingValue, "Ngày nhận"),
            ("HS1,P,,001,,2025-02-30,,,,,,", .badDate, "Ngày nhận"),
            ("HS1,P,,001,,02/01/2025,31/04/2025,,,,,", .badDate, "Hạn xử lý"),
            ("HS1,P,,001,,02/01/2025,,yesterday,,,,", .badDate, "Ngày hoàn thành"),
            ("HS1,P,,001,,02/01/2025,,,01-02-2025,,,", .badDate, "Ngày trả"),
            ("HS1,P,,001,fax,02/01/2025,,,,,,", .badChannel, "Kênh tiếp nhận"),
            ("HS1,P,,001,,02/01/2025,,,,lost,,", .badStatus, "Trạng thái"),
            ("HS1,P,,001,,02/01/2025,,,,,maybe,", .badValue, "Phiếu xin lỗi"),
            ("HS1,P,,001,,02/01/2025 10:00,,01/01/2025 23:00,,,,", .completedBeforeReceived, "Ngày hoàn thành"),
            ("HS1,P,,001,,02/01/2025,,,2025-01-01T16:00:00Z,,,", .completedBeforeReceived, "Ngày trả"),
            ("HS1,P,,001,,02/01/2025,,,,Đã trả kết quả,,", .terminalWithoutDate, "Trạng thái"),
            ("HS1,P,,001,,02/01/2025,,,,Rút hồ sơ,,", .terminalWithoutDate, "Trạng thái"),
            ("HS1,P,,001,,02/01/2025,,05/01/2025,,Đang xử lý,,", .pendingWithCompletion, "Ngày hoàn thành"),
            ("HS1,P,,001,,02/01/2025,,,05/01/2025,pending,,", .pendingWithCompletion, "Ngày trả"),
            ("HS1,P,,001,,02/01/2025,,,,,", .fieldCount, ""),
            ("HS1,P,,001,,02/01/2025,,,,,,,extra", .fieldCount, ""),
        ]
        for (row, reason, column) in cases {
            let r = try rejection(row)
            #expect(r?.reason == reason, "\(row)")
            #expect(r?.column == column, "\(row)")
        }
        #expect(try rejection(",P,,001,,02/01/2025,,,,,,")?.dossierID == "")
        #expect(try rejection("HS9,P,,001,fax,02/01/2025,,,,,,")?.dossierID == "HS9")
    }

    @Test func completionOnTheDayOfReceiptInVietnamTimeIsAccepted() throws {
        // 01:00 Vietnam time is the previous day in UTC: calendar dates are Vietnam dates.
        #expect(try record("HS1,P,,001,,2025-01-02T00:30:00+07:00,,2025-01-01T18:00:00Z,,,,") != nil)
    }

    @Test func nulAndInvalidUTF8RejectTheRecordEvenInIgnoredColumns() throws {
        var bytes = Array((Self.header + "\nHS1,P,,001,,02/01/2025,,,,,,Nguy").utf8)
        bytes += [0xE1, 0xBB]  // truncated UTF-8 in the personal-data column
        bytes += Array("\nHS2,P,,001,,02/01/2025,,,,,,A\u{0}B\nHS3,P,,001,,02/01/2025,,,,,,ok\n".utf8)
        var reader = CSVReader(bytes: bytes)
        _ = try reader.nextRecord()
        var parser = DossierRowParser(
            header: try DossierHeader(fields: (0..<reader.fieldCount).map { reader.string($0) }))
        var outcomes: [String] = []
        while try reader.nextRecord() {
            switch parser.parse(reader) {
            case .accepted(let r): outcomes.append("ok \(r.dossierID)")
            case .rejected(let r): outcomes.append("\(r.reason.rawValue) \(r.column) \(r.dossierID)")
            }
        }
        #expect(outcomes == ["invalid_utf8 Chủ hồ sơ HS1", "nul_byte Chủ hồ sơ HS2", "ok HS3"])
    }

    @Test func headerRefusals() throws {
        #expect(throws: IngestRefusal.missingColumn(.receivedAt)) {
            try DossierHeader(fields: ["Mã hồ sơ", "Mã thủ tục", "Mã đơn vị"])
        }
        #expect(
            throws: IngestRefusal.duplicateColumn(column: .unitCode, first: "Mã đơn vị", second: "Mã cơ quan thụ lý")
        ) {
            try DossierHeader(fields: ["Mã hồ sơ", "Mã thủ tục", "Mã đơn vị", "Ngày nhận", "Mã cơ quan thụ lý"])
        }
        let message = IngestRefusal.missingColumn(.unitCode).description
        #expect(message.contains("\"Mã cơ quan thụ lý\"") && message.contains("\"Mã đơn vị giải quyết\""))
        // Canonical names, case and spacing variants.
        let header = try DossierHeader(fields: [" DOSSIER_ID ", "procedure_code", "MÃ ĐƠN VỊ", "received_at"])
        #expect(header[.unitCode] == 2)
    }
}
