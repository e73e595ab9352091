import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformModel
@testable import ReformSupport
@testable import ReformTabular

@Suite struct LunarCalendarTests {
    /// Tết and Hùng Kings day 2000–2050 as published for Vietnam (fixture: see Fixtures/README.md).
    @Test func tetAndHungKingsDay2000To2050() throws {
        let text = try String(contentsOfFile: TestPaths.fixtures + "/vietnamese-lunar-dates.csv", encoding: .utf8)
        var years = 0, differFromChina = 0
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            let year = Int(cells[0])!
            #expect(CivilDate.isoString(LunarCalendar.tet(year)) == cells[1], "Tết \(year)")
            #expect(
                CivilDate.isoString(LunarCalendar.dayNumber(lunarDay: 10, month: 3, year: year)!) == cells[2],
                "Giỗ Tổ \(year)")
            if cells[1] != cells[3] { differFromChina += 1 }
            years += 1
        }
        #expect(years == 51)
        #expect(differFromChina == 2)  // 2007 and 2030
        #expect(CivilDate.isoString(LunarCalendar.tet(2007)) == "2007-02-17")
        #expect(CivilDate.isoString(LunarCalendar.tet(2030)) == "2030-02-02")
    }

    @Test func lunarDatesRoundTripEveryDay1990To2060() {
        var day = CivilDate.dayNumber(year: 1990, month: 1, day: 1)
        let end = CivilDate.dayNumber(year: 2060, month: 12, day: 31)
        var leapMonths = 0
        while day <= end {
            let lunar = LunarCalendar.lunarDate(ofDay: day)
            #expect(
                LunarCalendar.dayNumber(
                    lunarDay: lunar.day, month: lunar.month, year: lunar.year, leap: lunar.isLeapMonth) == day)
            #expect((1...30).contains(lunar.day))
            if lunar.isLeapMonth && lunar.day == 1 { leapMonths += 1 }
            day += 1
        }
        // About 7 leap months every 19 years.
        #expect((24...28).contains(leapMonths))
    }

    @Test func knownLeapMonthAndEve() {
        // 2023 had a leap 2nd month (22 Mar – 19 Apr 2023).
        #expect(
            CivilDate.isoString(LunarCalendar.dayNumber(lunarDay: 1, month: 2, year: 2023, leap: true)!) == "2023-03-22"
        )
        #expect(LunarCalendar.dayNumber(lunarDay: 1, month: 3, year: 2024, leap: true) == nil)
        // The eve of Tết 2025 (29 Jan) was 29 Jan − 1 = 28 Jan, the 29th of month 12 (no 30th that year).
        let eve = LunarCalendar.lunarDate(ofDay: LunarCalendar.tet(2025) - 1)
        #expect(eve == LunarCalendar.LunarDate(year: 2024, month: 12, day: 29, isLeapMonth: false))
    }
}

extension LunarCalendarTests {
    /// Every lunar month start 2000–2050, leap months included, from an independent implementation.
    @Test func everyMonthStart2000To2050() throws {
        let text = try String(
            contentsOfFile: TestPaths.fixtures + "/vietnamese-lunar-month-starts.csv", encoding: .utf8)
        var count = 0
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            let parts = cells[0].split(separator: "-").compactMap { Int($0) }
            let day = CivilDate.dayNumber(year: parts[0], month: parts[1], day: parts[2])
            let expected = LunarCalendar.LunarDate(
                year: Int(cells[1])!, month: Int(cells[2])!, day: 1, isLeapMonth: cells[3] == "1")
            #expect(LunarCalendar.lunarDate(ofDay: day) == expected, "\(cells[0])")
            #expect(
                LunarCalendar.dayNumber(
                    lunarDay: 1, month: expected.month, year: expected.year, leap: expected.isLeapMonth) == day)
            count += 1
        }
        #expect(count > 600)
    }
}
