import Foundation
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

/// `reform calendar …`: the working-day calendar from the command line, for staff and scripts.
public enum CalendarCommand {
    /// The schedule folder: the option, else `$REFORM_CALENDARS`, else `Pipelines/calendars`.
    public static func folder(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["REFORM_CALENDARS"] ?? "Pipelines/calendars"
    }

    /// Runs `holidays YEAR` or `add-working-days YYYY-MM-DD N`.
    public static func run(_ action: String, _ words: [String], calendar: WorkingCalendar, usage: String) throws
        -> ExitStatus
    {
        switch action {
        case "holidays":
            guard words.count == 1, let year = Int(words[0]), (1970...9999).contains(year) else {
                throw CommandFailure(.usage, "give one YEAR (for example 2025)\n\(usage)")
            }
            Diagnostics.outputRaw(CalendarFile.text(try calendar.entries(year: year)))
            return .ok
        case "add-working-days":
            guard words.count == 2, words[0].count == 10, let seconds = DateParser.parse(words[0]),
                words[0].contains("-"),
                let count = Int(words[1]), count >= 0
            else {
                throw CommandFailure(
                    .usage, "give a date YYYY-MM-DD and a whole number of working days N ≥ 0\n\(usage)")
            }
            let day = CivilDate.vietnamDay(ofEpochSeconds: seconds)
            Diagnostics.output(CivilDate.isoString(try calendar.addWorkingDays(count, to: day)))
            return .ok
        default:
            throw CommandFailure(.usage, "unknown calendar action \"\(action)\"\n\(usage)")
        }
    }
}
