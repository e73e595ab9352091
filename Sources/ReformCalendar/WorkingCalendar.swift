import FoundationEssentials
import ReformModel
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// Working days of Vietnamese state agencies: Monday to Friday, minus holidays and days off,
/// plus weekend days worked by official swap.
///
/// For a year with a schedule file `vn-YYYY.csv` in the calendar folder, the file is the year's
/// schedule (the Prime Minister's decision as staff entered it); other years use
/// `HolidayRules`. A file lists the non-working weekdays (`holiday`) and the working weekend days
/// (`workday`): `date,kind,name`, dates as `YYYY-MM-DD`.
public final class WorkingCalendar {
    private let folder: String?
    private var years: [Int: Year] = [:]

    /// The years a calendar covers: the lunar calendar and the holiday rules are checked against
    /// official notices for this range only, and no dossier can fall outside it.
    public static let supportedYears = 1970...2199

    /// One year's schedule: the days that differ from Monday-to-Friday, sorted, so that working
    /// days are counted in closed form (weekdays by arithmetic, then these exceptions).
    private struct Year {
        var off: Set<Int>
        var worked: Set<Int>
        /// Weekdays off (not also listed as worked), sorted.
        var offWeekdays: [Int]
        /// Weekend days worked, sorted.
        var workedWeekends: [Int]
        var entries: [CalendarEntry]
        var source: String
    }

    /// A calendar reading schedule files from `folder` (nil: built-in rules only).
    public init(folder: String?) {
        self.folder = folder
    }

    /// A calendar on the same folder with a cache of its own: a calendar is used from one thread.
    public func copy() -> WorkingCalendar { WorkingCalendar(folder: folder) }

    /// The entries of `year`, sorted by date.
    public func entries(year: Int) throws -> [CalendarEntry] { try load(year).entries }

    /// Where `year` comes from: the file's path, or "rules".
    public func source(year: Int) throws -> String { try load(year).source }

    /// True when state agencies work on civil day `day`.
    public func isWorkingDay(_ day: Int) throws -> Bool {
        let year = try load(CivilDate.civil(day).year)
        if year.worked.contains(day) { return true }
        return !HolidayRules.isWeekend(day) && !year.off.contains(day)
    }

    /// The first working day after `day`.
    public func nextWorkingDay(after day: Int) throws -> Int {
        try addWorkingDays(1, to: day)
    }

    /// `day` when it is a working day, else the next one.
    public func workingDayOnOrAfter(_ day: Int) throws -> Int {
        try isWorkingDay(day) ? day : nextWorkingDay(after: day)
    }

    /// The `count`-th working day after `day` (the day itself does not count); `day` itself for 0.
    ///
    /// Closed form: between two exception days (a weekday off, a weekend day worked) the working
    /// days are the weekdays, counted by arithmetic; so the cost grows with the holidays and years
    /// crossed, never with the count (a statutory time of millions of days is answered at once,
    /// or refused when it leaves the supported years).
    public func addWorkingDays(_ count: Int, to day: Int) throws -> Int {
        var remaining = count
        var current = day
        while remaining > 0 {
            let year = CivilDate.civil(current + 1).year
            let schedule = try load(year)
            let yearEnd = CivilDate.dayNumber(year: year + 1, month: 1, day: 1) - 1
            // Exceptions after `current` within this year, in date order.
            var offIndex = Self.firstIndex(in: schedule.offWeekdays, after: current)
            var workedIndex = Self.firstIndex(in: schedule.workedWeekends, after: current)
            while true {
                let nextOff = offIndex < schedule.offWeekdays.count ? schedule.offWeekdays[offIndex] : Int.max
                let nextWorked =
                    workedIndex < schedule.workedWeekends.count ? schedule.workedWeekends[workedIndex] : Int.max
                let exception = min(nextOff, nextWorked, yearEnd + 1)
                // Plain weekdays in (current, exception).
                let plain = Self.weekdays(from: current + 1, through: exception - 1)
                if plain >= remaining { return Self.addWeekdays(remaining, to: current) }
                remaining -= plain
                if exception > yearEnd {
                    current = yearEnd
                    break
                }
                current = exception
                if exception == nextWorked {
                    workedIndex += 1
                    remaining -= 1
                    if remaining == 0 { return exception }
                } else {
                    offIndex += 1
                }
            }
        }
        return current
    }

    /// Working days d with `start` < d ≤ `end` (negative when `end` is before `start`), so that
    /// `workingDays(from: s, to: addWorkingDays(n, to: s)) == n`. Closed form, year by year.
    public func workingDays(from start: Int, to end: Int) throws -> Int {
        if end < start { return try -workingDays(from: end, to: start) }
        var count = 0
        var first = start + 1
        while first <= end {
            let year = CivilDate.civil(first).year
            let last = min(end, CivilDate.dayNumber(year: year + 1, month: 1, day: 1) - 1)
            let schedule = try load(year)
            count += Self.weekdays(from: first, through: last)
            count -= Self.count(in: schedule.offWeekdays, from: first, through: last)
            count += Self.count(in: schedule.workedWeekends, from: first, through: last)
            first = last + 1
        }
        return count
    }

    /// Monday to Friday days in [first, last] (0 when empty): weekdays before a day, counted from
    /// the Monday 1969-12-29 (day −3), by whole weeks and the rest.
    package static func weekdays(from first: Int, through last: Int) -> Int {
        guard last >= first else { return 0 }
        func before(_ day: Int) -> Int {
            let x = day + 3
            let weeks = x >= 0 ? x / 7 : (x - 6) / 7
            return 5 * weeks + min(x - 7 * weeks, 5)
        }
        return before(last + 1) - before(first)
    }

    /// The `count`-th weekday (Monday to Friday) after `day`, by arithmetic.
    package static func addWeekdays(_ count: Int, to day: Int) -> Int {
        guard count > 0 else { return day }
        var from = day
        let weekday = HolidayRules.weekday(from)
        if weekday >= 5 { from -= weekday - 4 }  // a weekend counts on from its Friday
        let position = HolidayRules.weekday(from)
        var rest = count % 5
        if position + rest > 4 { rest += 2 }  // crossing a weekend
        return from + count / 5 * 7 + rest
    }

    /// The index of the first element of sorted `days` after `day`.
    private static func firstIndex(in days: [Int], after day: Int) -> Int {
        var low = 0, high = days.count
        while low < high {
            let middle = (low + high) / 2
            if days[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// How many of sorted `days` lie in [first, last].
    private static func count(in days: [Int], from first: Int, through last: Int) -> Int {
        firstIndex(in: days, after: last) - firstIndex(in: days, after: first - 1)
    }

    /// The statutory due day of a dossier received at `receivedAt` (UTC epoch seconds) for a
    /// procedure taking `amount` of `unit`. The receipt day does not count; with a `cutoffMinute`
    /// (minutes after midnight, Vietnam time) a receipt at or after it counts from the next
    /// working day. Hours convert at 8 to a working day (rounded up); calendar days and months
    /// that end on a day off move to the next working day.
    public func dueDay(receivedAt: Int64, amount: Int, unit: TimeUnit, cutoffMinute: Int? = nil) throws -> Int {
        let receivedDay = CivilDate.vietnamDay(ofEpochSeconds: receivedAt)
        let minuteOfDay = Int(receivedAt + CivilDate.vietnamOffsetSeconds - Int64(receivedDay) * 86400) / 60
        var start = receivedDay
        if let cutoffMinute, minuteOfDay >= cutoffMinute { start = try nextWorkingDay(after: receivedDay) }
        switch unit {
        case .workingDays:
            return amount == 0 ? try workingDayOnOrAfter(start) : try addWorkingDays(amount, to: start)
        case .hours:
            let days = (amount + 7) / 8
            return days == 0 ? try workingDayOnOrAfter(start) : try addWorkingDays(days, to: start)
        case .days:
            return try workingDayOnOrAfter(start + amount)
        case .months:
            let (y, m, d) = CivilDate.civil(start)
            let total = y * 12 + (m - 1) + amount
            let year = total / 12, month = total % 12 + 1
            let day = min(d, CivilDate.daysInMonth(year: year, month: month))
            return try workingDayOnOrAfter(CivilDate.dayNumber(year: year, month: month, day: day))
        }
    }

    private var recurringHolidays: [RecurringHoliday]?

    /// The folder's `recurring.csv` (read once), or none.
    private func recurring() throws -> [RecurringHoliday] {
        if let recurringHolidays { return recurringHolidays }
        var found: [RecurringHoliday] = []
        if let folder, FileManager.default.fileExists(atPath: folder + "/" + RecurringHoliday.fileName) {
            found = try RecurringHoliday.read(path: folder + "/" + RecurringHoliday.fileName)
        }
        recurringHolidays = found
        return found
    }

    private func load(_ year: Int) throws -> Year {
        if let known = years[year] { return known }
        guard Self.supportedYears.contains(year) else { throw CalendarRangeError(year: year) }
        var entries = HolidayRules.entries(year: year, recurring: try recurring())
        var source = "rules"
        if let folder {
            let path = folder + "/vn-\(year).csv"
            if FileManager.default.fileExists(atPath: path) {
                entries = try CalendarFile.read(path: path, year: year)
                source = path
            }
        }
        let off = Set(entries.filter { $0.kind == .holiday }.map(\.day))
        let worked = Set(entries.filter { $0.kind == .workday }.map(\.day))
        let result = Year(
            off: off, worked: worked,
            offWeekdays: off.filter { !HolidayRules.isWeekend($0) && !worked.contains($0) }.sorted(),
            workedWeekends: worked.filter { HolidayRules.isWeekend($0) }.sorted(), entries: entries, source: source)
        years[year] = result
        return result
    }
}

/// A date outside the years the calendar covers (exit 65): a statutory time or date so large it
/// cannot be real.
public struct CalendarRangeError: Error, CustomStringConvertible {
    public let year: Int
    public var description: String {
        "working days were asked of the year \(year), outside the calendar's years "
            + "\(WorkingCalendar.supportedYears.lowerBound)–\(WorkingCalendar.supportedYears.upperBound): "
            + "a statutory time or date is far too large"
    }
}

/// Reads and writes yearly schedule files (`date,kind,name`).
public enum CalendarFile {
    /// The entries of a schedule file for `year`; throws `CalendarFileError` naming the line.
    public static func read(path: String, year: Int) throws -> [CalendarEntry] {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        guard try reader.nextRecord() else { throw CalendarFileError(path: path, line: 1, problem: "is empty") }
        let header = (0..<reader.fieldCount).map { TextKey.matchKey(reader.field($0)) }
        guard header == ["date", "kind", "name"] else {
            throw CalendarFileError(path: path, line: reader.line, problem: "must start with the header date,kind,name")
        }
        var entries: [CalendarEntry] = []
        while try reader.nextRecord() {
            guard reader.fieldCount == 3 else {
                throw CalendarFileError(path: path, line: reader.line, problem: "needs three fields: date,kind,name")
            }
            let text = TextKey.value(reader.field(0))
            guard text.count == 10, let seconds = DateParser.parse(text), text.contains("-") else {
                throw CalendarFileError(path: path, line: reader.line, problem: "date \"\(text)\" is not YYYY-MM-DD")
            }
            let day = CivilDate.vietnamDay(ofEpochSeconds: seconds)
            guard CivilDate.civil(day).year == year else {
                throw CalendarFileError(path: path, line: reader.line, problem: "date \(text) is not in \(year)")
            }
            guard let kind = CalendarEntry.Kind(rawValue: TextKey.matchKey(reader.field(1))) else {
                throw CalendarFileError(path: path, line: reader.line, problem: "kind must be holiday or workday")
            }
            if kind == .holiday && HolidayRules.isWeekend(day) {
                throw CalendarFileError(
                    path: path, line: reader.line, problem: "\(text) is a weekend day; list only weekdays off")
            }
            if kind == .workday && !HolidayRules.isWeekend(day) {
                throw CalendarFileError(
                    path: path, line: reader.line, problem: "\(text) is a weekday; workday lists weekend days worked")
            }
            entries.append(CalendarEntry(day: day, kind: kind, name: TextKey.value(reader.field(2))))
        }
        return entries.sorted { $0.day < $1.day }
    }

    /// The CSV text of `entries` (LF line ends, no byte order mark: for scripts and for editing).
    public static func text(_ entries: [CalendarEntry]) -> String {
        var out = "date,kind,name\n"
        for entry in entries {
            let name =
                entry.name.contains(",") || entry.name.contains("\"")
                ? "\"" + entry.name.replacing("\"", with: "\"\"") + "\"" : entry.name
            out += "\(CivilDate.isoString(entry.day)),\(entry.kind.rawValue),\(name)\n"
        }
        return out
    }
}

/// A schedule file is wrong (exit 78: it is configuration).
public struct CalendarFileError: Error, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let problem: String
    public var description: String { "\(path) line \(line): \(problem)" }
}
