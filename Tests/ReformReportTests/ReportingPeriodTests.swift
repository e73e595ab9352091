import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Reporting periods (docs/contract.md §9): names, cut-off days, labels, the period before, the
/// latest complete one, and the command-line and definition forms.
@Suite struct ReportingPeriodTests {
    func days(_ period: ReportingPeriod?) -> String {
        guard let period else { return "nil" }
        return CivilDate.isoString(period.firstDay) + ".." + CivilDate.isoString(period.lastDay)
    }

    @Test(arguments: [
        ("2024-Q1", 15, "2023-12-15..2024-03-14", "2023-12-15_2024-03-14"),
        ("2024-Q1", 1, "2024-01-01..2024-03-31", "2024-01-01_2024-03-31"),
        ("2021-Q3", 15, "2021-06-15..2021-09-14", "2021-06-15_2021-09-14"),
        ("2025-H1", 1, "2025-01-01..2025-06-30", "2025-01-01_2025-06-30"),
        ("2025-H2", 15, "2025-06-15..2025-12-14", "2025-06-15_2025-12-14"),
        ("2025-9M", 15, "2024-12-15..2025-09-14", "2024-12-15_2025-09-14"),
        ("2025", 1, "2025-01-01..2025-12-31", "2025-01-01_2025-12-31"),
        ("2025", 15, "2024-12-15..2025-12-14", "2024-12-15_2025-12-14"),
        ("2025-03", 1, "2025-03-01..2025-03-31", "2025-03"),
        ("2025-03", 15, "2025-02-15..2025-03-14", "2025-02-15_2025-03-14"),
        ("2024-02", 1, "2024-02-01..2024-02-29", "2024-02"),
        ("2025-01", 28, "2024-12-28..2025-01-27", "2024-12-28_2025-01-27"),
        ("2025-q4", 1, "2025-10-01..2025-12-31", "2025-10-01_2025-12-31"),
    ])
    func namedPeriodsRunFromTheCutoffDay(name: String, cutoff: Int, expected: String, label: String) throws {
        let period = try #require(ReportingPeriod(name: name, cutoffDay: cutoff))
        #expect(days(period) == expected)
        #expect(period.description == label)
        // The label reads back as the same days.
        #expect(days(ReportingPeriod(label: label)) == expected)
    }

    @Test func aRangeThatIsACalendarMonthIsThatMonth() throws {
        let first = try #require(ReportingPeriod.day("2025-02-01")),
            last = try #require(ReportingPeriod.day("2025-02-28"))
        let period = try #require(ReportingPeriod(fromDay: first, toDay: last))
        #expect(period.isCalendarMonth && period.description == "2025-02" && period.kind == .month)
        let range = try #require(ReportingPeriod(fromDay: first, toDay: last - 1))
        #expect(range.kind == .range && range.description == "2025-02-01_2025-02-27")
        #expect(ReportingPeriod(fromDay: last, toDay: first) == nil)
        let oneDay = try #require(ReportingPeriod(fromDay: first, toDay: first))
        #expect(oneDay.description == "2025-02-01_2025-02-01" && oneDay.endDay == oneDay.firstDay + 1)
    }

    @Test(arguments: [
        ("2024-Q1", 15, "2023-09-15..2023-12-14"),
        ("2024-Q3", 1, "2024-04-01..2024-06-30"),
        ("2025-H1", 15, "2024-06-15..2024-12-14"),
        ("2025-H2", 1, "2025-01-01..2025-06-30"),
        ("2025", 15, "2023-12-15..2024-12-14"),
        ("2025-01", 1, "2024-12-01..2024-12-31"),
        ("2025-01", 15, "2024-11-15..2024-12-14"),
        ("2025-9M", 1, "2024-04-03..2024-12-31"),
    ])
    func thePreviousPeriodEndsTheDayBefore(name: String, cutoff: Int, expected: String) throws {
        let period = try #require(ReportingPeriod(name: name, cutoffDay: cutoff))
        #expect(days(period.previous) == expected)
        #expect(period.previous.endDay == period.firstDay)
        #expect(period.previous.kind == period.kind || period.kind == .nineMonths)
    }

    @Test func aRangesPreviousHasItsLength() throws {
        let period = try #require(ReportingPeriod(label: "2025-01-10_2025-01-19"))
        #expect(days(period.previous) == "2024-12-31..2025-01-09")
    }

    @Test(arguments: [
        (ReportingPeriod.Kind.month, 1, "2025-04-03", "2025-03-01..2025-03-31"),
        (.month, 1, "2025-04-01", "2025-03-01..2025-03-31"),
        (.month, 1, "2025-03-31", "2025-02-01..2025-02-28"),
        (.month, 15, "2025-04-03", "2025-02-15..2025-03-14"),
        (.month, 15, "2025-03-15", "2025-02-15..2025-03-14"),
        (.quarter, 15, "2025-04-03", "2024-12-15..2025-03-14"),
        (.quarter, 1, "2025-04-03", "2025-01-01..2025-03-31"),
        (.quarter, 1, "2025-03-31", "2024-10-01..2024-12-31"),
        (.half, 1, "2025-09-01", "2025-01-01..2025-06-30"),
        (.nineMonths, 15, "2025-12-01", "2024-12-15..2025-09-14"),
        (.year, 1, "2025-04-03", "2024-01-01..2024-12-31"),
    ])
    func theLatestPeriodEndedBeforeTheLatestDay(kind: ReportingPeriod.Kind, cutoff: Int, day: String, expected: String)
        throws
    {
        let latest = ReportingPeriod.latest(kind, cutoffDay: cutoff, before: try #require(ReportingPeriod.day(day)))
        #expect(days(latest) == expected)
    }

    @Test(arguments: [
        "2025-13", "2025-Q5", "2025-Q0", "2025-H3", "2025-8M", "25-03", "2025-3", "2025-03-01", "2025-", "abcd", "",
        "1970", "2025-03-x", "２０２５",
    ])
    func otherNamesAreRefused(name: String) {
        #expect(ReportingPeriod(name: name, cutoffDay: 1) == nil)
    }

    @Test(arguments: ["2025-02-29", "2025-04-31", "2025-1-01", "2025/01/01", "20250101", "2025-01-01 ", "1969-12-31"])
    func onlyRealDaysAreDays(text: String) {
        #expect(ReportingPeriod.day(text) == nil)
    }

    @Test func cutoffDaysAreOneToTwentyEight() {
        #expect(ReportingPeriod(name: "2025-Q1", cutoffDay: 0) == nil)
        #expect(ReportingPeriod(name: "2025-Q1", cutoffDay: 29) == nil)
        #expect(ReportingPeriod(name: "2025-Q1", cutoffDay: 28) != nil)
    }

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

    @Test func countingRulesReadAndWriteTheSameText() throws {
        for rules in CountingRules.all {
            #expect(try CountingRules.parse(rules.description).get() == rules)
            #expect(
                try CountingRules.parse(rules.settings.map { "\($0.key)=\($0.value)" }.joined(separator: ",")).get()
                    == rules)
        }
        #expect(CountingRules.all.count == 16 && Set(CountingRules.all).count == 16 && CountingRules.all[0].isDefault)
        #expect(try CountingRules.parse("").get() == CountingRules())
        for bad in [
            "withdrawn=yes", "late=on_time", "withdrawn", "withdrawn=on_time,withdrawn=separate", "compare=Date",
        ] {
            #expect(throws: CountingRulesError.self, "\(bad)") { try CountingRules.parse(bad).get() }
        }
    }
}
