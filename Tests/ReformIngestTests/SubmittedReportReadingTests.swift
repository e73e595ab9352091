import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformModel

/// Submitted reports (docs/contract.md §10): reading the forms as units send them, matching their
/// units and checking their arithmetic. Consolidating them runs end to end in ReformCLITests.
@Suite struct SubmittedReportReadingTests {
    @Test(arguments: [
        ("Số hồ sơ nhận giải quyết Tổng số", 0), ("Số hồ sơ nhận giải quyết Trong kỳ Trực tuyến", 1),
        ("Số hồ sơ nhận giải quyết Trong kỳ Trực tiếp và dịch vụ bưu chính", 2),
        ("Số hồ sơ nhận giải quyết Từ kỳ trước", 3), ("Số hồ sơ đã giải quyết Tổng số", 4),
        ("Số hồ sơ đã giải quyết Trước hạn", 5), ("Số hồ sơ đã giải quyết Đúng hạn", 6),
        ("Số hồ sơ đã giải quyết Quá hạn", 7), ("Số hồ sơ đang giải quyết Tổng số", 8),
        ("Số hồ sơ đang giải quyết Trong hạn", 9), ("Số hồ sơ đang giải quyết Quá hạn", 10),
        ("Tiếp nhận - Trực tuyến toàn trình", 1), ("Tiếp nhận > Trực tuyến một phần", 1),
        ("Đã giải quyết - Quá hạn - Có văn bản xin lỗi", 7),
        ("Đang giải quyết - Quá hạn - Không có văn bản xin lỗi", 10),
        ("withdrawn_rejected", 4), ("resolved", 4), ("pending_total", 8),
    ])
    func formHeadersAreClassified(header: String, field: Int) {
        #expect(ReportColumn.classify(header) == .count(FormColumn.allCases[field]), "\(header)")
    }

    /// Fully and partly online receipts add up to the online count on a form without a column for it,
    /// and are left out beside one (ReformIndex's own form shows (4) and its parts).
    @Test func theOnlineSplitAddsUpOnlyWithoutAWholeColumn() {
        let split = ["Đơn vị", "Tiếp nhận - Trực tuyến toàn trình", "Tiếp nhận - Trực tuyến một phần"]
        #expect(
            ReportColumn.classify(header: split) == [
                .name(isField: false), .count(.receivedOnline), .count(.receivedOnline),
            ])
        let whole = [
            "Đơn vị", "Số hồ sơ nhận giải quyết Trong kỳ Trực tuyến", "Tiếp nhận trực tuyến toàn trình",
            "Tiếp nhận trực tuyến một phần", "Hồ sơ gia hạn",
        ]
        #expect(
            ReportColumn.classify(header: whole) == [.name(isField: false), .count(.receivedOnline), nil, nil, nil])
    }

    @Test func otherHeaders() {
        #expect(ReportColumn.classify("Tổng số") == nil)  // which total? only the joined header says
        #expect(ReportColumn.classify("Tiếp nhận - Phi địa giới") == nil)
        #expect(ReportColumn.classify("STT") == .number)
        #expect(ReportColumn.classify("Tên đơn vị") == .name(isField: false))
        #expect(ReportColumn.classify("Lĩnh vực") == .name(isField: true))
        #expect(ReportColumn.classify("Mã đơn vị") == .code)
        #expect(ReportColumn.classify("Thủ tục") == .name(isField: true))
    }

    /// OpenCPS's statistics: carried-in and new receipts stand alone, "Số đầu kỳ" numbered (3=4+5)
    /// is the whole when the carried-in has its own column, early is "Sớm hạn", within is "Chưa đến hạn".
    @Test func openCPSStatisticsHeaders() {
        let header = [
            "STT", "Lĩnh Vực", "Số đầu kỳ", "Kỳ trước chuyển qua", "Tiếp nhận trong kỳ",
            "Kết quả giải quyết Hồ sơ giải quyết xong Tổng số", "Kết quả giải quyết Hồ sơ giải quyết xong Sớm hạn",
            "Kết quả giải quyết Hồ sơ giải quyết xong Đúng hạn", "Kết quả giải quyết Hồ sơ giải quyết xong Trễ hạn",
            "Kết quả giải quyết Hồ sơ đang giải quyết Tổng số", "Kết quả giải quyết Hồ sơ đang giải quyết Chưa đến hạn",
            "Kết quả giải quyết Hồ sơ đang giải quyết Quá hạn", "Tổng số trễ hạn",
        ]
        let columns = ReportColumn.classify(header: header)
        #expect(
            columns == [
                .number, .name(isField: true), .count(.receivedTotal), .count(.carriedIn), .receivedNew,
                .count(.resolvedTotal), .count(.early), .count(.onTime), .count(.late), .count(.pendingTotal),
                .count(.pendingWithin), .count(.pendingOverdue), .lateOverall,
            ])
        let plan = SubmittedReportIngester.plan(header)
        #expect(plan.missing.isEmpty, "the split is not required beside whole new receipts")
        // Alone, "Số đầu kỳ" is the opening balance: the carried-in.
        #expect(ReportColumn.classify(header: ["Đơn vị", "Số đầu kỳ"]) == [.name(isField: false), .count(.carriedIn)])
        // Without new receipts the split is still required.
        #expect(
            SubmittedReportIngester.plan(Array(header.prefix(4)) + header.suffix(8)).missing.contains("received_online")
        )
    }

    @Test(arguments: [
        ("", 0), ("-", 0), ("12", 12), ("1.234", 1234), ("1,234", 1234), ("1 234", 1234), ("12.0", 12),
        ("1.000", 1000), ("12.345.678", 12_345_678), ("1\u{00A0}234", 1234), ("-3", -3), ("\u{2212}1.200", -1200),
        ("999.999.999", 999_999_999),
    ])
    func countsInEitherForm(text: String, value: Int) {
        #expect(ReportColumn.count(text) == value, "\(text)")
    }

    @Test(arguments: [
        "1.5", "1,23", "12.34", "--3", "-x", "abc", "1.234,5", "1.23.456", "99999999999999999", "1e3",
        // Over the bound consolidation's sums and rates are computed under.
        "1.000.000.000", "999999999999",
    ])
    func otherCountsAreRefused(text: String) {
        #expect(ReportColumn.count(text) == nil, "\(text)")
    }

    @Test func unitNamesMatchAfterNormalisation() {
        let matcher = UnitNameMatcher(
            names: [
                ("001", "Quận Ba Đình", 0), ("269", "Thị xã Sơn Tây", 0), ("S01", "Sở Văn hóa, Thể thao và Du lịch", 0),
                ("X1", "Phường An", 100), ("X2", "Phường An", 200),
            ],
            aliases: [("Sở Du lịch", "Sở Văn hóa, Thể thao và Du lịch", 150)])
        for name in [
            "UBND Quận Ba Đình", "Ủy ban nhân dân quận Ba Đình", "Uỷ ban nhân dân Quận Ba Đình",
            "Quận Ba Đình - TP Hà Nội", "Quận Ba Đình, thành phố Hà Nội", "QUẬN BA ĐÌNH", "Quận Ba Đình, TP. Hà Nội",
        ] {
            #expect(matcher.match(code: "", name: name, lastDay: 300) == .matched(code: "001", by: "name"), "\(name)")
        }
        #expect(matcher.match(code: "269", name: "whatever", lastDay: 300) == .matched(code: "269", by: "code"))
        #expect(matcher.match(code: "", name: "UBND Thị xã Sơn Tây", lastDay: 300) == .matched(code: "269", by: "name"))
        #expect(matcher.match(code: "", name: "Sở Du lịch", lastDay: 300) == .matched(code: "S01", by: "alias"))
        #expect(matcher.match(code: "", name: "Sở Du lịch", lastDay: 100) == .unmatched)  // before the rename
        #expect(matcher.match(code: "", name: "Phường An", lastDay: 150) == .matched(code: "X1", by: "name"))
        #expect(matcher.match(code: "", name: "Phường An", lastDay: 50) == .ambiguous(["X1", "X2"]))
        #expect(matcher.match(code: "", name: "Phường Không Có", lastDay: 300) == .unmatched)
    }

    @Test func identitiesOfASubmittedRow() {
        var counts = FormCounts(formValues: [10, 4, 3, 3, 7, 3, 2, 1, 3, 2, 1])
        #expect(counts.identityProblems.isEmpty)
        counts[.receivedTotal] = 11
        #expect(counts.identityProblems == ["(3) 11 ≠ (4)+(5)+(6) 10", "(3) 11 ≠ (7)+(11) 10"])
        counts = FormCounts(formValues: [10, 4, 3, 3, 7, 5, 2, 1, 3, 2, 2])
        #expect(counts.identityProblems == ["(7) 7 < (8)+(9)+(10) 8", "(11) 3 < (12)+(13) 4"])
        counts[.early] = -1
        #expect(counts.identityProblems.contains("early -1 < 0"))
    }
}
