import Foundation

/// Working days of Vietnamese state agencies: Monday to Friday, minus holidays and days off,
/// plus weekend days worked by official swap.
///
/// For a year with a schedule file `vn-YYYY.csv` in the calendar folder, the file is the year's
/// schedule (the Prime Minister's decision as staff entered it); other years use
/// `HolidayRules`. A file lists the non-working weekdays (`holiday`) and the working weekend days
/// (`workday`): `date,kind,name`, dates as `YYYY-MM-DD`.
public final class WorkingCalendar {
    private let folder: String?
    private var years: [Int: (off: Set<Int>, worked: Set<Int>, entries: [CalendarEntry], source: String)] = [:]

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
        var candidate = day + 1
        while try !isWorkingDay(candidate) { candidate += 1 }
        return candidate
    }

    /// `day` when it is a working day, else the next one.
    public func workingDayOnOrAfter(_ day: Int) throws -> Int {
        try isWorkingDay(day) ? day : nextWorkingDay(after: day)
    }

    /// The `count`-th working day after `day` (the day itself does not count); `day` itself for 0.
    public func addWorkingDays(_ count: Int, to day: Int) throws -> Int {
        var current = day
        for _ in 0..<max(count, 0) { current = try nextWorkingDay(after: current) }
        return current
    }

    /// Working days d with `start` < d ≤ `end` (negative when `end` is before `start`), so that
    /// `workingDays(from: s, to: addWorkingDays(n, to: s)) == n`.
    public func workingDays(from start: Int, to end: Int) throws -> Int {
        if end < start { return try -workingDays(from: end, to: start) }
        var count = 0
        var day = start + 1
        while day <= end {
            if try isWorkingDay(day) { count += 1 }
            day += 1
        }
        return count
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

    private func load(_ year: Int) throws -> (off: Set<Int>, worked: Set<Int>, entries: [CalendarEntry], source: String)
    {
        if let known = years[year] { return known }
        var entries = HolidayRules.entries(year: year)
        var source = "rules"
        if let folder {
            let path = folder + "/vn-\(year).csv"
            if FileManager.default.fileExists(atPath: path) {
                entries = try CalendarFile.read(path: path, year: year)
                source = path
            }
        }
        let result = (
            off: Set(entries.filter { $0.kind == .holiday }.map(\.day)),
            worked: Set(entries.filter { $0.kind == .workday }.map(\.day)), entries: entries, source: source
        )
        years[year] = result
        return result
    }
}

/// How a procedure states its time limit (DOMAIN.md §4).
public enum TimeUnit: String, Sendable, CaseIterable {
    case workingDays = "working_days"
    case days
    case hours
    case months

    /// The unit a spelling names: `working_days`, `days`, `hours`, `months` or the Vietnamese
    /// `ngày làm việc`, `ngày`, `giờ`, `tháng` (matched after NFC, trimming and case folding).
    public init?(spelling: String) {
        switch TextKey.matchKey(spelling) {
        case "working_days", "ngày làm việc": self = .workingDays
        case "days", "ngày": self = .days
        case "hours", "giờ", "giờ làm việc": self = .hours
        case "months", "tháng": self = .months
        default: return nil
        }
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
                ? "\"" + entry.name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : entry.name
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
