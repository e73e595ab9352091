import Foundation
import ReformTestSupport
import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformSupport

/// The pieces of the home page and of a page's change against the previous period.
struct HomePageModelTests {
    func row(_ code: String, _ name: String = "", good: Int, late: Int) -> Bieu06Row {
        var counts = Bieu06Counts()
        counts[.onTime] = good
        counts[.late] = late
        counts[.resolved] = good + late
        counts[.total] = good + late
        return Bieu06Row(key: code, name: name.isEmpty ? "Đơn vị \(code)" : name, counts: counts)
    }

    @Test func changeIsOverTheLastThreePeriodsOfOneUnbrokenLine() {
        var line = UnitTrend(code: "1", name: "A", rates: [5000, 6000, 7000], volumes: [1, 1, 1])
        #expect(line.change == 2000)  // younger than three periods: from the first
        line.rates = [1000, 5000, 6000, 7000, 9000]
        #expect(line.change == 4000)  // 9000 − 5000: three periods back
        line.rates = [1000, 5000, nil, 7000, 9000]
        #expect(line.change == 4000)  // a month without decisions does not move the start
        line.breaks = [3]
        #expect(line.change == 2000)  // the unit before the break is another unit
        line.rates = [1000, 5000, 6000, 7000, nil]
        #expect(line.change == nil)  // no figure in the latest period
        line = UnitTrend(code: "1", name: "A", rates: [7000], volumes: [1])
        #expect(line.change == nil)
    }

    @Test func monthsBreakEveryUnitAtTheReorganisationButNotTheProvince() throws {
        func period(_ month: Int, year: Int, units: [(String, String, Int, Int)]) -> OutputInventory.Period {
            var total = Bieu06Counts()
            let rows = units.map { unit in
                let counts = row(unit.0, unit.1, good: unit.2, late: unit.3).counts
                total.add(counts)
                return OutputInventory.UnitCounts(code: unit.0, name: unit.1, counts: counts)
            }
            return OutputInventory.Period(
                folder: OutputInventory.Folder(path: "x", files: []),
                period: ReportingPeriod(month: Month(year: year, month: month)), counting: nil, ruleSets: "",
                total: total, units: rows, inputs: [], refused: [])
        }
        let table = try #require(
            TrendTable.months([
                period(6, year: 2025, units: [("00004", "Phường Trúc Bạch", 9, 1), ("001", "Quận Ba Đình", 5, 5)]),
                period(5, year: 2025, units: [("00004", "Phường Trúc Bạch", 8, 2)]),
                period(7, year: 2025, units: [("00004", "Phường Ba Đình", 1, 1)]),
                period(8, year: 2025, units: [("00004", "Phường Ba Đình", 3, 1)]),
            ]))
        #expect(table.periods == ["2025-05", "2025-06", "2025-07", "2025-08"])
        // Code 00004 was reused: two lines, never one.
        let old = try #require(table.units.first { $0.name == "Phường Trúc Bạch" })
        let new = try #require(table.units.first { $0.name == "Phường Ba Đình" })
        #expect(old.rates == [8000, 9000, nil, nil] && old.breaks == [2])
        #expect(new.rates == [nil, nil, 5000, 7500] && new.breaks == [2])
        #expect(table.province?.breaks == [])
        #expect(table.province?.rates == [8000, 7000, 5000, 7500])
        // Ordered worst change first; lines without a change after, by code.
        #expect(table.units.map(\.name) == ["Phường Ba Đình", "Phường Trúc Bạch", "Quận Ba Đình"])
        #expect(new.change == 2500 && old.change == nil)
    }

    @Test func ranksShareTiesAndMovementHasItsSign() {
        let now = [
            row("1", good: 9, late: 1), row("2", good: 9, late: 1), row("3", good: 5, late: 5),
            row("4", good: 0, late: 0),
        ]
        #expect(PeriodChange.ranks(now) == ["1\u{1F}Đơn vị 1": 1, "2\u{1F}Đơn vị 2": 1, "3\u{1F}Đơn vị 3": 3])
        let before = [
            row("1", good: 1, late: 9), row("2", good: 9, late: 1), row("3", good: 10, late: 0),
            row("5", good: 1, late: 0),
        ]
        let lines = PeriodChange(previous: ReportingPeriod(month: Month(year: 2025, month: 2)), previousUnits: before)
            .lines(now)
        #expect(lines.map(\.change) == [8000, 0, -5000, nil])
        #expect(lines.map(\.movement) == [3, 2, -2, nil])
        // Same code, another name (a code reused after the reorganisation): not compared.
        let renamed = PeriodChange(
            previous: ReportingPeriod(month: Month(year: 2025, month: 6)),
            previousUnits: [row("1", "Phường Trúc Bạch", good: 1, late: 1)]
        ).lines([row("1", "Phường Ba Đình", good: 1, late: 0)])
        #expect(renamed[0].change == nil && renamed[0].previousRank == nil)
    }

    @Test func pageSaysWhenThePreviousPeriodWasNotComputed() {
        let change = PeriodChange(previous: ReportingPeriod(month: Month(year: 2024, month: 12)), previousUnits: nil)
        let html = change.section([row("1", good: 1, late: 0)])
        #expect(html.contains("Kỳ trước chưa được tính"))
        #expect(html.contains("Tháng 12/2024"))
        let shown = PeriodChange(
            previous: ReportingPeriod(month: Month(year: 2024, month: 12)), previousUnits: [row("1", good: 1, late: 1)],
            differentCounting: CountingRules()
        ).section([row("1", good: 1, late: 0)])
        #expect(shown.contains("+50 điểm") && shown.contains("cách đếm khác") && shown.contains("="))
    }

    @Test func numbersHashesAndLinksAreReadAndWrittenSafely() {
        #expect(OutputInventory.hundredths("92.11") == 9211)
        #expect(OutputInventory.hundredths("87.5") == 8750)
        #expect(OutputInventory.hundredths("-3.25") == -325)
        #expect(OutputInventory.hundredths("100") == 10000)
        for bad in ["", "x", "1.x", "99999999999999999999", "1.", "٣.٥"] {
            #expect(OutputInventory.hundredths(bad) == nil, "\(bad)")
        }
        let parts = OutputInventory.splitHash("báo cáo sha256 tháng.csv sha256:abc kind:report no period")
        #expect(
            parts.name == "báo cáo sha256 tháng.csv" && parts.sha256 == "abc" && parts.rest == "kind:report no period")
        #expect(OutputInventory.splitHash("plain").name == "plain")
        #expect(HTML.href("2025-03/bieu06.xlsx") == "2025-03/bieu06.xlsx")
        #expect(HTML.href("ghi chú#1?.txt") == "ghi%20ch%C3%BA%231%3F.txt")
        #expect(HTML.href("javascript:x") == "javascript%3Ax")
    }

    @Test func sparklinesBreakAndAreDeterministic() {
        let line = Sparkline(
            values: [5000, 6000, nil, 7000, 8000], maximum: 10000, breaks: [4], estimates: [3], title: "<x>")
        let svg = line.svg()
        #expect(svg == line.svg())
        #expect(svg.components(separatedBy: "<polyline").count == 2)  // 0–1 joined; 3 alone; 4 alone
        #expect(svg.components(separatedBy: "<circle").count == 5)
        #expect(svg.contains("class=\"est\"") && svg.contains("class=\"last\"") && svg.contains("class=\"break\""))
        #expect(svg.contains("<title>&lt;x&gt;</title>"))
    }
}
