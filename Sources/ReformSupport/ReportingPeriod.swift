/// A reporting period of Biểu 06: the Vietnam calendar days [`firstDay`, `endDay`)
/// (docs/contract.md §9).
///
/// A period is a calendar month, a named period — month, quarter, half, nine months or year —
/// under a cut-off day, or any range of days. With cut-off day 1 named periods are calendar
/// periods; with cut-off day D > 1 each of their months runs from day D of the month before to
/// day D − 1 of the month itself (the Decree 09/2019 regime: D = 15, so 2024-Q1 is
/// 2023-12-15 … 2024-03-14).
///
/// A calendar month is labelled `YYYY-MM`; every other period `YYYY-MM-DD_YYYY-MM-DD` (first and
/// last day), whatever its name — so a year of Biểu 06 never shares a folder with the yearly
/// indices (`OUT/YYYY/`), and two cut-off days never share one label.
public struct ReportingPeriod: Hashable, Sendable, CustomStringConvertible {
    /// What kind of period this is; `previous` keeps the kind.
    public enum Kind: String, Sendable {
        case month, quarter, half, nineMonths, year, range
    }

    /// The kind.
    public let kind: Kind
    /// Day number of the first day.
    public let firstDay: Int
    /// Day number of the day after the last (the exclusive end).
    public let endDay: Int
    /// The cut-off day of a named period (1 for calendar periods and ranges).
    public let cutoffDay: Int
    /// The year of a named period (the year its last month belongs to).
    public let year: Int
    /// The number of a named period within its year: month 1–12, quarter 1–4, half 1–2; else 1.
    public let number: Int

    /// The cut-off days a named period may have: a month's day 29–31 does not exist every month.
    public static let cutoffDays = 1...28

    /// The calendar month `month`.
    public init(month: Month) {
        self.init(kind: .month, year: month.year, number: month.month, cutoffDay: 1)
    }

    private init(kind: Kind, year: Int, number: Int, cutoffDay: Int) {
        let months: ClosedRange<Int>
        switch kind {
        case .month: months = number...number
        case .quarter: months = (3 * number - 2)...(3 * number)
        case .half: months = (6 * number - 5)...(6 * number)
        case .nineMonths: months = 1...9
        case .year, .range: months = 1...12
        }
        let first = Month(year: year, month: months.lowerBound)
        let last = Month(year: year, month: months.upperBound)
        if cutoffDay == 1 {
            firstDay = first.firstDay
            endDay = last.endDay
        } else {
            let before = first.previous
            firstDay = CivilDate.dayNumber(year: before.year, month: before.month, day: cutoffDay)
            endDay = CivilDate.dayNumber(year: last.year, month: last.month, day: cutoffDay)
        }
        self.kind = kind
        self.year = year
        self.number = number
        self.cutoffDay = cutoffDay
    }

    /// The days `first` … `last` (day numbers, both inclusive); nil when `last` is before `first`.
    /// A range that is exactly a calendar month is that month (one period, one label, one folder).
    public init?(fromDay first: Int, toDay last: Int) {
        guard first <= last else { return nil }
        let month = Month(containingDay: first)
        if first == month.firstDay && last + 1 == month.endDay {
            self.init(month: month)
            return
        }
        self.init(kind: .range, firstDay: first, endDay: last + 1, year: CivilDate.civil(last).year)
    }

    private init(kind: Kind, firstDay: Int, endDay: Int, year: Int) {
        self.kind = kind
        self.firstDay = firstDay
        self.endDay = endDay
        self.cutoffDay = 1
        self.year = year
        self.number = 1
    }

    /// Parses a period name: `YYYY-MM`, `YYYY-Qn`, `YYYY-H1`, `YYYY-H2`, `YYYY-9M` or `YYYY`, under
    /// `cutoffDay` (1…28); nil when the text is none of them.
    public init?(name text: String, cutoffDay: Int = 1) {
        guard Self.cutoffDays.contains(cutoffDay) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy(\.isASCIIDigit),
            let year = Int(yearText), (1971...9998).contains(year)
        else { return nil }
        if parts.count == 1 {
            self.init(kind: .year, year: year, number: 1, cutoffDay: cutoffDay)
            return
        }
        guard parts.count == 2 else { return nil }
        let tail = parts[1]
        switch tail.uppercased() {
        case "Q1", "Q2", "Q3", "Q4":
            self.init(kind: .quarter, year: year, number: Int(String(tail.last!))!, cutoffDay: cutoffDay)
        case "H1", "H2":
            self.init(kind: .half, year: year, number: Int(String(tail.last!))!, cutoffDay: cutoffDay)
        case "9M":
            self.init(kind: .nineMonths, year: year, number: 1, cutoffDay: cutoffDay)
        default:
            guard tail.count == 2, tail.allSatisfy(\.isASCIIDigit), let month = Int(tail), (1...12).contains(month)
            else { return nil }
            self.init(kind: .month, year: year, number: month, cutoffDay: cutoffDay)
        }
    }

    /// Parses a label as `description` writes it (`YYYY-MM` or `YYYY-MM-DD_YYYY-MM-DD`).
    public init?(label: String) {
        if let month = Month(label) {
            self.init(month: month)
            return
        }
        let days = label.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard days.count == 2, let first = Self.day(days[0]), let last = Self.day(days[1]) else { return nil }
        self.init(fromDay: first, toDay: last)
    }

    /// The day number of a strict `YYYY-MM-DD` date, nil otherwise (no other shape, no 31 April).
    public static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1970...9999).contains(y), (1...12).contains(m), (1...CivilDate.daysInMonth(year: y, month: m)).contains(d)
        else { return nil }
        return CivilDate.dayNumber(year: y, month: m, day: d)
    }

    /// The last day (inclusive).
    public var lastDay: Int { endDay - 1 }

    /// True for a calendar month (labelled `YYYY-MM`).
    public var isCalendarMonth: Bool { kind == .month && cutoffDay == 1 }

    /// The calendar month, when this is one.
    public var month: Month? { isCalendarMonth ? Month(year: year, month: number) : nil }

    /// `YYYY-MM` for a calendar month, else `YYYY-MM-DD_YYYY-MM-DD`: the folder name and `period` cell.
    public var description: String {
        if let month { return month.description }
        return CivilDate.isoString(firstDay) + "_" + CivilDate.isoString(lastDay)
    }

    /// The name a user would type (`2025-Q1`, `2025-H2`, `2025-9M`, `2025`, `2025-03`), or the label
    /// of a range.
    public var name: String {
        let y = CivilDate.pad(year, 4)
        switch kind {
        case .month: return "\(y)-\(CivilDate.pad(number, 2))"
        case .quarter: return "\(y)-Q\(number)"
        case .half: return "\(y)-H\(number)"
        case .nineMonths: return "\(y)-9M"
        case .year: return y
        case .range: return description
        }
    }

    /// The period before, adjacent to this one and of the same kind: the month, quarter, half or
    /// year before; for nine months and ranges, as many days ending the day before the first.
    /// Its pending dossiers are this period's carried-in ones (carried_in(P) = pending(P − 1)).
    public var previous: ReportingPeriod {
        switch kind {
        case .month:
            let month = Month(year: year, month: number).previous
            return ReportingPeriod(kind: .month, year: month.year, number: month.month, cutoffDay: cutoffDay)
        case .quarter:
            return number == 1
                ? ReportingPeriod(kind: .quarter, year: year - 1, number: 4, cutoffDay: cutoffDay)
                : ReportingPeriod(kind: .quarter, year: year, number: number - 1, cutoffDay: cutoffDay)
        case .half:
            return number == 1
                ? ReportingPeriod(kind: .half, year: year - 1, number: 2, cutoffDay: cutoffDay)
                : ReportingPeriod(kind: .half, year: year, number: 1, cutoffDay: cutoffDay)
        case .year:
            return ReportingPeriod(kind: .year, year: year - 1, number: 1, cutoffDay: cutoffDay)
        case .nineMonths, .range:
            let length = endDay - firstDay
            return ReportingPeriod(fromDay: firstDay - length, toDay: firstDay - 1)!
        }
    }

    /// The latest period of `kind` under `cutoffDay` that ended before `day` (the latest receipt or
    /// completion in the data: that day itself may be incomplete). Ranges have no "latest".
    public static func latest(_ kind: Kind, cutoffDay: Int, before day: Int) -> ReportingPeriod {
        precondition(kind != .range && cutoffDays.contains(cutoffDay))
        var year = CivilDate.civil(day).year + 1
        while true {
            let candidates: [ReportingPeriod]
            switch kind {
            case .month:
                candidates = (1...12).reversed().map {
                    ReportingPeriod(kind: kind, year: year, number: $0, cutoffDay: cutoffDay)
                }
            case .quarter:
                candidates = (1...4).reversed().map {
                    ReportingPeriod(kind: kind, year: year, number: $0, cutoffDay: cutoffDay)
                }
            case .half:
                candidates = [2, 1].map { ReportingPeriod(kind: kind, year: year, number: $0, cutoffDay: cutoffDay) }
            default: candidates = [ReportingPeriod(kind: kind, year: year, number: 1, cutoffDay: cutoffDay)]
            }
            if let found = candidates.first(where: { $0.endDay <= day }) { return found }
            year -= 1
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
