/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard
/// Hinnant's `days_from_civil` algorithms: exact, branch-light, no Foundation calendar objects.
public enum CivilDate {
    /// Vietnam's offset from UTC in seconds (UTC+07:00, no daylight saving).
    public static let vietnamOffsetSeconds: Int64 = 7 * 3600

    /// `YYYY-MM-DDTHH:MM:SSZ` of epoch seconds (UTC).
    public static func isoInstant(_ seconds: Int64) -> String {
        let day = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let second = Int(seconds - Int64(day) * 86400)
        return isoString(day) + "T" + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":"
            + pad(second % 60, 2) + "Z"
    }

    /// The day number of year-month-day.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day of a day number.
    public static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The Vietnam calendar day of a UTC instant (floor division, correct before 1970 too).
    public static func vietnamDay(ofEpochSeconds seconds: Int64) -> Int {
        let local = seconds + vietnamOffsetSeconds
        return Int(local >= 0 ? local / 86400 : (local - 86399) / 86400)
    }

    /// `YYYY-MM-DD` of a day number.
    public static func isoString(_ dayNumber: Int) -> String {
        let (y, m, d) = civil(dayNumber)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A calendar month, the reporting period of Biểu 06.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int

    /// A month; `month` must be 1–12.
    public init(year: Int, month: Int) {
        precondition((1...12).contains(month))
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1970
        else { return nil }
        self.init(year: y, month: m)
    }

    /// The month holding a day number.
    public init(containingDay day: Int) {
        let (y, m, _) = CivilDate.civil(day)
        self.init(year: y, month: m)
    }

    /// Day number of the first day.
    public var firstDay: Int { CivilDate.dayNumber(year: year, month: month, day: 1) }
    /// Day number of the first day of the next month (the exclusive end).
    public var endDay: Int { next.firstDay }
    /// The following month.
    public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }
    /// The preceding month.
    public var previous: Month { month == 1 ? Month(year: year - 1, month: 12) : Month(year: year, month: month - 1) }
    /// `YYYY-MM`.
    public var description: String { "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))" }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
