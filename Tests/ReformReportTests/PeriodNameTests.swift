import Testing

@testable import ReformReport
@testable import ReformSupport

/// Periods as the page and the official form name them, in Vietnamese.
@Suite struct PeriodNameTests {
    @Test func periodNamesInVietnamese() throws {
        func name(_ text: String, _ cutoff: Int = 1) throws -> String {
            VietnameseFormat.period(try #require(ReportingPeriod(name: text, cutoffDay: cutoff)))
        }
        #expect(try name("2025-03") == "Tháng 03/2025")
        #expect(try name("2024-Q1", 15) == "Quý I/2024 (từ 15/12/2023 đến 14/03/2024)")
        #expect(try name("2025-H2") == "6 tháng cuối năm 2025 (từ 01/07/2025 đến 31/12/2025)")
        #expect(try name("2025-9M") == "9 tháng năm 2025 (từ 01/01/2025 đến 30/09/2025)")
        let range = try #require(ReportingPeriod(label: "2025-01-15_2025-02-14"))
        #expect(VietnameseFormat.period(range) == "Từ 15/01/2025 đến 14/02/2025")
        #expect(
            Bieu06Workbook.periodLine(try #require(ReportingPeriod(name: "2021-Q3", cutoffDay: 15)))
                == "Quý III/2021 (Từ ngày 15/06/2021 đến ngày 14/09/2021)")
        #expect(Bieu06Workbook.periodLine(range) == "Từ ngày 15/01/2025 đến ngày 14/02/2025")
    }
}
