import Testing

@testable import ReformSupport

/// Reporting periods (docs/contract.md §9): names, cut-off days, labels, the period before, the
/// latest complete one (their names in Vietnamese are in ReformReportTests, the command-line and
/// definition forms in ReformCLITests and ReformPipelineTests).
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
}
