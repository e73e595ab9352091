import ReformTestSupport
import Testing

@testable import ReformModel
@testable import ReformSupport

@Suite struct DateParserTests {
    /// Epoch seconds of a Vietnam wall-clock time.
    func vn(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
        Int64(CivilDate.dayNumber(year: y, month: m, day: d)) * 86400 + Int64(h * 3600 + mi * 60 + s) - 25200
    }

    @Test func dayFirstSlashedForms() {
        #expect(DateParser.parse("02/01/2025") == vn(2025, 1, 2))
        #expect(DateParser.parse("2/1/2025") == vn(2025, 1, 2))
        #expect(DateParser.parse("13/12/2024 08:05") == vn(2024, 12, 13, 8, 5))
        #expect(DateParser.parse("13/12/2024 8:05:09") == vn(2024, 12, 13, 8, 5, 9))
        #expect(DateParser.parse("  29/02/2024  ") == vn(2024, 2, 29))
    }

    @Test func isoFormsAndZones() {
        #expect(DateParser.parse("2025-03-31") == vn(2025, 3, 31))
        #expect(DateParser.parse("2025-03-31 23:59") == vn(2025, 3, 31, 23, 59))
        #expect(DateParser.parse("2025-03-31 23:59:58") == vn(2025, 3, 31, 23, 59, 58))
        #expect(DateParser.parse("2025-03-31T23:59:58") == vn(2025, 3, 31, 23, 59, 58))
        #expect(DateParser.parse("2025-03-31T10:00") == vn(2025, 3, 31, 10))
        // 17:30 UTC is 00:30 the next day in Vietnam.
        #expect(DateParser.parse("2025-03-31T17:30:00Z") == vn(2025, 4, 1, 0, 30))
        #expect(DateParser.parse("2025-03-31T10:00:00+07:00") == vn(2025, 3, 31, 10))
        #expect(DateParser.parse("2025-03-31T10:00:00-05:00") == vn(2025, 3, 31, 22))
        #expect(DateParser.parse("2025-03-31T10:00:00+0900") == vn(2025, 3, 31, 8))
        #expect(DateParser.parse("2025-03-31T10:00:00.123Z") == vn(2025, 3, 31, 17))
    }

    @Test func excelSerials() {
        #expect(DateParser.parse("45292") == vn(2024, 1, 1))
        #expect(DateParser.parse("45292.5") == vn(2024, 1, 1, 12))
        #expect(DateParser.parse("45292.75") == vn(2024, 1, 1, 18))
        #expect(DateParser.parse("25569") == vn(1970, 1, 1))  // Excel's serial of 1970-01-01
        #expect(DateParser.parse("60") == nil)
        #expect(DateParser.parse("25568") == nil)  // 1969-12-31
    }

    @Test func refusesWhatIsNotADate() {
        for text in [
            "", "   ", "31/02/2025", "00/01/2025", "01/13/2025", "2025-13-01", "2025-02-30", "02/01/25", "02-01-2025",
            "2025/01/02", "02/01/2025 24:00", "02/01/2025 10:60", "02/01/2025T10:00", "02/01/2025 10:00Z", "abc",
            "2025-01-02T10:00:00+25:00", "1969-12-31", "45292.", "-45292", "2025-01-02 10", "2025-01-02 10:00 extra",
        ] {
            #expect(DateParser.parse(text) == nil, "\(text)")
        }
    }

    @Test func vietnamDayOfInstants() {
        #expect(
            CivilDate.vietnamDay(ofEpochSeconds: vn(2025, 1, 2, 0, 0))
                == CivilDate.dayNumber(year: 2025, month: 1, day: 2))
        #expect(
            CivilDate.vietnamDay(ofEpochSeconds: vn(2025, 1, 2, 23, 59, 59))
                == CivilDate.dayNumber(year: 2025, month: 1, day: 2))
        #expect(CivilDate.vietnamDay(ofEpochSeconds: -25201) == -1)
        #expect(CivilDate.vietnamDay(ofEpochSeconds: -25200) == 0)
    }

    @Test func civilRoundTripAcrossCenturies() {
        for day in stride(from: -1_000_000, through: 3_000_000, by: 997) {
            let (y, m, d) = CivilDate.civil(day)
            #expect(CivilDate.dayNumber(year: y, month: m, day: d) == day)
        }
        #expect(CivilDate.isoString(CivilDate.dayNumber(year: 2000, month: 2, day: 29)) == "2000-02-29")
    }

    @Test func months() {
        let march = Month("2025-03")!
        #expect(march.previous.description == "2025-02")
        #expect(Month("2024-12")!.next.description == "2025-01")
        #expect(march.endDay - march.firstDay == 31)
        #expect(Month("2025-3") == nil)
        #expect(Month("2025-13") == nil)
        #expect(Month(containingDay: CivilDate.dayNumber(year: 2025, month: 3, day: 31)) == march)
    }

    @Test func portalDatesAndCodesParse() {
        #expect(DateParser.parse("20250301083000") == DateParser.parse("01/03/2025 08:30:00"))
        #expect(DateParser.parse("20250301") == DateParser.parse("01/03/2025"))
        for bad in ["20250230", "20251301", "20250301246000", "2025030108300", "19691231", "202503010830000"] {
            #expect(DateParser.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func excelsNonexistentLeapDayIsRefused() {
        // Excel's 29 February 1900 is no date ingest accepts.
        #expect(DateParser.parse("1900-02-29 00:00:00") == nil)
    }
}
