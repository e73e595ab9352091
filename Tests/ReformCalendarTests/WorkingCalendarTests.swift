import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformModel
@testable import ReformSupport
@testable import ReformTabular

@Suite struct WorkingCalendarTests {
    let calendar = WorkingCalendar(folder: TestPaths.root + "/Pipelines/calendars")

    func day(_ text: String) -> Int {
        let p = text.split(separator: "-").compactMap { Int($0) }
        return CivilDate.dayNumber(year: p[0], month: p[1], day: p[2])
    }

    /// Vietnam wall-clock time as epoch seconds.
    func at(_ text: String, _ hour: Int = 9, _ minute: Int = 0) -> Int64 {
        Int64(day(text)) * 86400 + Int64(hour * 3600 + minute * 60) - 25200
    }

    @Test func officialSwapsOf2025() throws {
        #expect(try calendar.isWorkingDay(day("2025-04-26")))  // a Saturday worked
        #expect(try !calendar.isWorkingDay(day("2025-05-02")))  // the Friday given in exchange
        #expect(try !calendar.isWorkingDay(day("2025-01-27")))
        #expect(try calendar.isWorkingDay(day("2025-02-03")))
        #expect(CivilDate.isoString(try calendar.addWorkingDays(1, to: day("2025-01-24"))) == "2025-02-03")
        #expect(CivilDate.isoString(try calendar.addWorkingDays(2, to: day("2025-04-25"))) == "2025-04-28")
        #expect(try calendar.source(year: 2025).hasSuffix("vn-2025.csv"))
        #expect(try calendar.source(year: 2027).hasSuffix("vn-2027.csv"))
        #expect(try calendar.source(year: 2028) == "rules")
    }

    @Test func rulesFor2027() throws {
        // The rules alone (the committed folder has the 2027 notice, which differs).
        let entries = try WorkingCalendar(folder: nil).entries(year: 2027).map {
            "\(CivilDate.isoString($0.day)) \($0.kind.rawValue)"
        }
        // Tết 2027 is Saturday 6 February: the eve (Fri 5/2), then mùng 1–4 with two of them on the
        // weekend, compensated on the next free weekdays (10 and 11 February).
        #expect(
            entries == [
                "2027-01-01 holiday", "2027-02-05 holiday", "2027-02-08 holiday", "2027-02-09 holiday",
                "2027-02-10 holiday",
                "2027-02-11 holiday", "2027-04-16 holiday", "2027-04-30 holiday", "2027-05-03 holiday",
                "2027-09-02 holiday", "2027-09-03 holiday",
            ])
    }

    @Test func addingThenCountingGivesN() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let start = day("2018-01-01") + random.int(0...3650)
            let n = random.int(0...40)
            let end = try calendar.addWorkingDays(n, to: start)
            #expect(try calendar.workingDays(from: start, to: end) == n)
            #expect(try n == 0 || calendar.isWorkingDay(end))
            #expect(try calendar.workingDays(from: end, to: start) == -n)
        }
    }

    @Test func timeUnitsAndCutOff() throws {
        // Friday 14:59 vs 15:00 with a 15:00 cut-off, same-day procedure (0 working days).
        #expect(
            CivilDate.isoString(
                try calendar.dueDay(
                    receivedAt: at("2025-03-07", 14, 59), amount: 0, unit: .workingDays, cutoffMinute: 900))
                == "2025-03-07")
        #expect(
            CivilDate.isoString(
                try calendar.dueDay(
                    receivedAt: at("2025-03-07", 15, 0), amount: 0, unit: .workingDays, cutoffMinute: 900))
                == "2025-03-10")
        #expect(
            CivilDate.isoString(
                try calendar.dueDay(receivedAt: at("2025-03-07", 16), amount: 1, unit: .workingDays, cutoffMinute: 900))
                == "2025-03-11")
        #expect(
            CivilDate.isoString(try calendar.dueDay(receivedAt: at("2025-03-07", 16), amount: 1, unit: .workingDays))
                == "2025-03-10")
        // 16 hours = 2 working days; 12 hours round up to 2.
        #expect(
            CivilDate.isoString(try calendar.dueDay(receivedAt: at("2025-03-07"), amount: 16, unit: .hours))
                == "2025-03-11")
        #expect(
            CivilDate.isoString(try calendar.dueDay(receivedAt: at("2025-03-07"), amount: 12, unit: .hours))
                == "2025-03-11")
        // 30 calendar days from 1 April 2025 is Thursday 1 May, a holiday → Monday 5 May (2 May off, weekend).
        #expect(
            CivilDate.isoString(try calendar.dueDay(receivedAt: at("2025-04-01"), amount: 30, unit: .days))
                == "2025-05-05")
        // One month from 31 January is 28 February (a Friday).
        #expect(
            CivilDate.isoString(try calendar.dueDay(receivedAt: at("2025-01-31"), amount: 1, unit: .months))
                == "2025-02-28")
        #expect(TimeUnit(spelling: " Ngày làm việc ") == .workingDays)
        #expect(TimeUnit(spelling: "GIỜ") == .hours)
        #expect(TimeUnit(spelling: "tuần") == nil)
    }

    /// Receipts spread over 2018–2027 against the independent Python oracle.
    @Test(.requires(.pythonModule("vnlunar"))) func dueDatesEqualTheIndependentOracle() throws {
        expectRequirements(.pythonModule("vnlunar"))
        let folder = TestPaths.temporaryFolder()
        var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970))
        var cases = "received,amount,unit,cutoff\n"
        var expected: [String] = []
        let units: [TimeUnit] = [.workingDays, .workingDays, .workingDays, .days, .hours, .months]
        for _ in 0..<3000 {
            let receivedDay = day("2018-01-01") + random.int(0...3640)
            let hour = random.int(0...23), minute = random.int(0...59)
            let unit = random.pick(units)
            let amount = unit == .months ? random.int(0...3) : unit == .hours ? random.int(0...48) : random.int(0...30)
            let cutoff = random.chance(30) ? 900 : nil
            cases +=
                "\(CivilDate.isoString(receivedDay)) \(CivilDate.pad(hour, 2)):\(CivilDate.pad(minute, 2)),\(amount),\(unit.rawValue),"
                + (cutoff == nil ? "" : "15:00") + "\n"
            let received = Int64(receivedDay) * 86400 + Int64(hour * 3600 + minute * 60) - 25200
            expected.append(
                CivilDate.isoString(
                    try calendar.dueDay(receivedAt: received, amount: amount, unit: unit, cutoffMinute: cutoff)))
        }
        try Data(cases.utf8).write(to: URL(fileURLWithPath: folder + "/cases.csv"))
        let oracle = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", TestPaths.root + "/Tests/Oracle/due_date_oracle.py", TestPaths.root + "/Pipelines/calendars",
                folder + "/cases.csv",
            ])
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let got = oracle.stdout.split(separator: "\n").map(String.init)
        #expect(got.count == expected.count)
        let mismatches = zip(got, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func badScheduleFilesAreNamedWithTheirLine() throws {
        let folder = TestPaths.temporaryFolder()
        try Data("date,kind,name\n2030-01-01,holiday,Tết Dương lịch\n2030-01-05,holiday,Saturday\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/vn-2030.csv"))
        let result = try ProcessRunner.run("reform", ["calendar", "holidays", "2030", "--calendars", folder])
        #expect(result.status == 78)
        #expect(result.stderr.contains("vn-2030.csv line 3: 2030-01-05 is a weekend day"))
    }

    @Test func commandLine() throws {
        let holidays = try ProcessRunner.run("reform", ["calendar", "holidays", "2025"])
        #expect(holidays.status == 0)
        #expect(
            holidays.stdout
                == (try String(contentsOfFile: TestPaths.root + "/Pipelines/calendars/vn-2025.csv", encoding: .utf8)))
        let due = try ProcessRunner.run("reform", ["calendar", "add-working-days", "2025-04-25", "2"])
        #expect(due.stdout == "2025-04-28\n")
        let rules = try ProcessRunner.run("reform", ["calendar", "holidays", "2027"])
        #expect(rules.stdout.hasPrefix("date,kind,name\n2027-01-01,holiday,Tết Dương lịch\n"))
        #expect(try ProcessRunner.run("reform", ["calendar", "add-working-days", "25/04/2025", "2"]).status == 64)
        #expect(try ProcessRunner.run("reform", ["calendar", "holidays", "next"]).status == 64)
    }
}

/// The closed-form working-day arithmetic against the day-by-day definition.
@Suite struct WorkingDayArithmeticTests {
    let calendar = WorkingCalendar(folder: TestPaths.root + "/Pipelines/calendars")

    /// The definition, one day at a time.
    func reference(_ count: Int, from day: Int) throws -> Int {
        var current = day
        for _ in 0..<max(count, 0) {
            current += 1
            while try !calendar.isWorkingDay(current) { current += 1 }
        }
        return current
    }

    @Test func agreesWithCountingDayByDay() throws {
        var random = SeededRandom(seed: 20_261_201)
        let first = CivilDate.dayNumber(year: 2017, month: 12, day: 20)
        let last = CivilDate.dayNumber(year: 2028, month: 1, day: 10)
        for _ in 0..<4000 {
            let day = first + random.int(0...(last - first - 1))
            let count = random.int(0...2) == 0 ? random.int(0...699) : random.int(0...44)
            let expected = try reference(count, from: day)
            #expect(try calendar.addWorkingDays(count, to: day) == expected, "\(CivilDate.isoString(day)) + \(count)")
            #expect(try calendar.workingDays(from: day, to: expected) == count)
            #expect(try calendar.workingDays(from: expected, to: day) == -count)
        }
        // Every start day of two years around the Tết and swap seasons, small counts.
        for day in CivilDate.dayNumber(
            year: 2025, month: 1, day: 1)...CivilDate.dayNumber(year: 2026, month: 12, day: 31)
        {
            for count in [0, 1, 2, 5, 6, 11] {
                #expect(try calendar.addWorkingDays(count, to: day) == reference(count, from: day))
            }
        }
    }

    @Test func weekdayArithmetic() {
        // 1970-01-01 was a Thursday: Thu, Fri, then Mon.
        #expect(WorkingCalendar.weekdays(from: 0, through: 4) == 3)
        #expect(WorkingCalendar.weekdays(from: -10, through: -4) == 5)
        #expect(WorkingCalendar.addWeekdays(2, to: 0) == 4)  // Thu + 2 weekdays = Mon
        #expect(WorkingCalendar.addWeekdays(1, to: 2) == 4)  // Sat + 1 = Mon
        #expect(WorkingCalendar.addWeekdays(5, to: 4) == 11)  // Mon + 5 = next Mon
    }

    /// A date typed into the statutory-time column: answered at once, by a refusal.
    @Test func hugeCountsEndInARefusalNotALongWalk() throws {
        let start = ContinuousClock.now
        #expect(throws: CalendarRangeError.self) {
            try calendar.addWorkingDays(20_250_301, to: CivilDate.dayNumber(year: 2025, month: 3, day: 1))
        }
        #expect(throws: CalendarRangeError.self) {
            try calendar.isWorkingDay(CivilDate.dayNumber(year: 2205, month: 2, day: 1))
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        // 40 years of working days is still within the calendar.
        let far = try calendar.addWorkingDays(40 * 250, to: CivilDate.dayNumber(year: 2025, month: 3, day: 1))
        #expect(try calendar.workingDays(from: CivilDate.dayNumber(year: 2025, month: 3, day: 1), to: far) == 10_000)
    }
}

/// The 2026 schedule as the official notices give it, and holidays added as data.
@Suite struct CalendarScheduleTests {
    let calendar = WorkingCalendar(folder: TestPaths.root + "/Pipelines/calendars")

    func day(_ text: String) -> Int { ReportingPeriod.day(text)! }

    @Test func the2026NoticesAreInTheFile() throws {
        // New Year 1–4/1 with 2/1 against Saturday 10/1; National Day 29/8–2/9 with 31/8 against 22/8.
        for off in ["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-20", "2026-04-27", "2026-08-31", "2026-09-01"] {
            #expect(try !calendar.isWorkingDay(day(off)), "\(off)")
        }
        for worked in ["2026-01-10", "2026-08-22", "2026-09-03", "2026-11-23", "2026-11-25", "2026-01-05"] {
            #expect(try calendar.isWorkingDay(day(worked)), "\(worked)")
        }
        // A dossier received on Friday 21/8/2026 with 2 working days is due on Monday 24/8 (Saturday 22/8 counts).
        #expect(try calendar.addWorkingDays(2, to: day("2026-08-21")) == day("2026-08-24"))
        #expect(try calendar.addWorkingDays(1, to: day("2026-08-28")) == day("2026-09-03"))
        // Vietnam Culture Day, Tuesday 24/11/2026, no swap (letter 10065/VPCP-KGVX): three working
        // days from Monday 23/11 end on Friday 27/11, not Thursday 26/11.
        #expect(try !calendar.isWorkingDay(day("2026-11-24")))
        #expect(try calendar.addWorkingDays(3, to: day("2026-11-23")) == day("2026-11-27"))
    }

    @Test func the2027NoticeIsInTheFileAndCultureDayRecursAfter() throws {
        // Tết Đinh Mùi Thursday 4/2 to Wednesday 10/2; 11/2 worked; Hùng Kings Friday 16/4; Monday
        // 3/5 for Saturday 1/5; National Day Thursday 2/9 and Friday 3/9; Wednesday 24/11.
        for off in [
            "2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-04-16",
            "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03", "2027-11-24",
        ] {
            #expect(try !calendar.isWorkingDay(day(off)), "\(off)")
        }
        for worked in ["2027-02-11", "2027-02-03", "2027-09-06", "2027-11-25"] {
            #expect(try calendar.isWorkingDay(day(worked)), "\(worked)")
        }
        // Years without a file keep 24/11 by the recurring line (in force 1/7/2026): Friday
        // 24/11/2028 off, Saturday 24/11/2029 compensated on Monday 26/11.
        #expect(try !calendar.isWorkingDay(day("2028-11-24")))
        #expect(try !calendar.isWorkingDay(day("2029-11-26")))
        #expect(try calendar.isWorkingDay(day("2029-11-27")))
    }

    @Test func aRecurringHolidayIsData() throws {
        let folder = TestPaths.temporaryFolder()
        let notice = try String(contentsOfFile: TestPaths.root + "/Pipelines/calendars/vn-2026.csv", encoding: .utf8)
        try Data(notice.replacingOccurrences(of: "2026-11-24,holiday,Ngày Văn hóa Việt Nam\n", with: "").utf8)
            .write(to: URL(fileURLWithPath: folder + "/vn-2026.csv"))
        try Data("from,month_day,name\n2027-01-01,11-24,Ngày Văn hóa Việt Nam\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/recurring.csv"))
        let withCultureDay = WorkingCalendar(folder: folder)
        #expect(try !withCultureDay.isWorkingDay(day("2027-11-24")))  // a Wednesday
        // 2026 has its file, which here is the one before the notice (without 24/11).
        #expect(try withCultureDay.isWorkingDay(day("2026-11-24")))
        // 24/11/2029 is a Saturday: Monday 26/11 is the compensatory day.
        #expect(try !withCultureDay.isWorkingDay(day("2029-11-26")))
        #expect(try WorkingCalendar(folder: nil).isWorkingDay(day("2027-11-24")))
        let listed = try ProcessRunner.run("reform", ["calendar", "holidays", "2027", "--calendars", folder])
        #expect(listed.stdout.contains("2027-11-24,holiday,Ngày Văn hóa Việt Nam"))
    }

    @Test(arguments: [
        ("from,month_day,name\n2027-01-01,02-29,Leap\n", "line 2: month_day \"02-29\""),
        ("from,month_day,name\n27-01-01,11-24,X\n", "line 2: from \"27-01-01\""),
        ("from,month_day,name\n2027-01-01,11-24,\n", "line 2: needs a name"),
        ("date,kind,name\n", "line 1: must start with the header from,month_day,name"),
        ("from,month_day,name\n2027-01-01,11-24\n", "line 2: needs three fields"),
    ])
    func badRecurringFilesStopWithTheLine(text: String, message: String) throws {
        let folder = TestPaths.temporaryFolder("recurring\(message.hashValue)")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/recurring.csv"))
        let run = try ProcessRunner.run("reform", ["calendar", "holidays", "2030", "--calendars", folder])
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("recurring.csv " + message), "\(run.stderr)")
    }
}
