import ReformModel
import ReformSupport

/// A day that breaks the Monday–Friday pattern: a weekday off, or a weekend day worked.
public struct CalendarEntry: Equatable, Sendable {
    /// A weekday off (holiday, compensatory day, swapped day) or a weekend day worked.
    public enum Kind: String, Sendable {
        case holiday, workday
    }

    /// Civil day number.
    public var day: Int
    public var kind: Kind
    public var name: String

    public init(day: Int, kind: Kind, name: String) {
        self.day = day
        self.kind = kind
        self.name = name
    }
}

/// The public holidays of state agencies by the Labour Code, as built-in defaults for years
/// without an official schedule file (docs/contract.md §4).
///
/// - Labour Code 2012 (until 2020): 1/1; Tết 5 days; Giỗ Tổ 10/3 lunar; 30/4; 1/5; 2/9.
/// - Labour Code 2019, art. 112 (from 2021): the same, with 2/9 and one adjacent day.
/// - Tết for civil servants: the last day of the lunar year and days 1–4 of the new one.
/// - A holiday on a Saturday or Sunday gives a compensatory day off on the next working day
///   (art. 111(3)); for Tết the compensatory days follow the holiday block.
///
/// The Prime Minister's yearly decisions (swapped days, make-up Saturdays) cannot be derived:
/// they come from the schedule files, which replace these rules for their year.
public enum HolidayRules {
    /// True for Saturday and Sunday (state agencies work Monday to Friday).
    public static func isWeekend(_ day: Int) -> Bool { weekday(day) >= 5 }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(_ day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }

    /// The entries (weekdays off) the rules give for `year`, sorted by date, with the `recurring`
    /// holidays staff added in force that year.
    public static func entries(year: Int, recurring: [RecurringHoliday] = []) -> [CalendarEntry] {
        func date(_ month: Int, _ day: Int) -> Int { CivilDate.dayNumber(year: year, month: month, day: day) }
        var holidays: [(day: Int, name: String)] = []
        holidays.append((date(1, 1), "Tết Dương lịch"))
        let tet = LunarCalendar.tet(year)
        holidays.append((tet - 1, "Tết Nguyên đán (ngày cuối năm âm lịch)"))
        for offset in 0..<4 { holidays.append((tet + offset, "Tết Nguyên đán (mùng \(offset + 1))")) }
        if let hung = LunarCalendar.dayNumber(lunarDay: 10, month: 3, year: year) {
            holidays.append((hung, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"))
        }
        holidays.append((date(4, 30), "Ngày Chiến thắng (30/4)"))
        holidays.append((date(5, 1), "Ngày Quốc tế Lao động (1/5)"))
        holidays.append((date(9, 2), "Quốc khánh (2/9)"))
        if year >= 2021 {
            holidays.append((nationalDayCompanion(year: year), "Quốc khánh (ngày liền kề)"))
        }
        for extra in recurring {
            let day = date(extra.month, extra.day)
            if day >= extra.fromDay && !holidays.contains(where: { $0.day == day }) {
                holidays.append((day, extra.name))
            }
        }
        holidays.sort { $0.day < $1.day }
        let taken = Set(holidays.map(\.day))
        var compensatory: [(day: Int, name: String)] = []
        var used = Set<Int>()
        for holiday in holidays where isWeekend(holiday.day) {
            var candidate = holiday.day + 1
            while isWeekend(candidate) || taken.contains(candidate) || used.contains(candidate) { candidate += 1 }
            used.insert(candidate)
            compensatory.append((candidate, "Nghỉ bù \(holiday.name)"))
        }
        return (holidays.filter { !isWeekend($0.day) } + compensatory)
            .sorted { $0.day < $1.day }
            .map { CalendarEntry(day: $0.day, kind: .holiday, name: $0.name) }
    }

    /// The day beside 2/9 that the rules give off (the decision is yearly; this default makes the
    /// longest run with the weekend: Monday → Tuesday 3/9, Tuesday → Monday 1/9, Wednesday and
    /// Thursday → 3/9, Friday and Saturday → Thursday/Friday 1/9, Sunday → Monday 3/9).
    static func nationalDayCompanion(year: Int) -> Int {
        let second = CivilDate.dayNumber(year: year, month: 9, day: 2)
        switch weekday(second) {
        case 1, 4, 5: return second - 1
        default: return second + 1
        }
    }
}
