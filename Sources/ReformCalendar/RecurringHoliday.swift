import FoundationEssentials
import ReformModel
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// A solar-date holiday added to the Labour Code's list from a given day (for example Vietnam
/// Culture Day, 24/11, once the law grants it): staff add it to `recurring.csv` in the calendar
/// folder, and the built-in rules count it — with a compensatory day when it falls on a weekend —
/// in every year without a schedule file of its own. No code changes for a new holiday.
public struct RecurringHoliday: Equatable, Sendable {
    /// The first civil day it applies from.
    public var fromDay: Int
    public var month: Int
    public var day: Int
    public var name: String

    public init(fromDay: Int, month: Int, day: Int, name: String) {
        self.fromDay = fromDay
        self.month = month
        self.day = day
        self.name = name
    }

    /// The file name in a calendar folder.
    public static let fileName = "recurring.csv"

    /// Reads `from,month_day,name` lines (`2027-01-01,11-24,Ngày Văn hóa Việt Nam`); throws
    /// `CalendarFileError` naming the line.
    public static func read(path: String) throws -> [RecurringHoliday] {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        guard try reader.nextRecord() else { return [] }
        let header = (0..<reader.fieldCount).map { TextKey.matchKey(reader.field($0)) }
        guard header == ["from", "month_day", "name"] else {
            throw CalendarFileError(
                path: path, line: reader.line, problem: "must start with the header from,month_day,name")
        }
        var holidays: [RecurringHoliday] = []
        while try reader.nextRecord() {
            guard reader.fieldCount == 3 else {
                throw CalendarFileError(
                    path: path, line: reader.line, problem: "needs three fields: from,month_day,name")
            }
            let from = TextKey.value(reader.field(0))
            guard let fromDay = ReportingPeriod.day(from) else {
                throw CalendarFileError(
                    path: path, line: reader.line, problem: "from \"\(from)\" is not a day YYYY-MM-DD")
            }
            let monthDay = TextKey.value(reader.field(1)).split(separator: "-", omittingEmptySubsequences: false)
            guard monthDay.count == 2, monthDay.allSatisfy({ $0.count == 2 }), let month = Int(monthDay[0]),
                let day = Int(monthDay[1]), (1...12).contains(month),
                (1...CivilDate.daysInMonth(year: 2027, month: month)).contains(day)
            else {
                throw CalendarFileError(
                    path: path, line: reader.line,
                    problem: "month_day \"\(TextKey.value(reader.field(1)))\" is not MM-DD of a day every year has")
            }
            let name = TextKey.value(reader.field(2))
            guard !name.isEmpty else { throw CalendarFileError(path: path, line: reader.line, problem: "needs a name") }
            holidays.append(RecurringHoliday(fromDay: fromDay, month: month, day: day, name: name))
        }
        return holidays
    }
}
