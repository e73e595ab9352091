import FoundationEssentials
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport

/// `reform calendar …`: the working-day calendar from the command line, for staff and scripts.
public enum CalendarCommand {
    /// The schedule folder: the option, else `$REFORM_CALENDARS`, else `Pipelines/calendars`. A
    /// folder that was named but does not exist is an error (exit 66); the default missing (a tool
    /// run from another folder) is said on stderr by `tool`, because working days then follow the
    /// Labour Code rules, which cannot know the yearly swaps.
    public static func folder(_ option: String?, tool: String = "reform") throws -> String {
        let named = option ?? ProcessInfo.processInfo.environment["REFORM_CALENDARS"]
        let folder = named ?? "Pipelines/calendars"
        if !FilePath.isFolder(folder) {
            if let named {
                throw CommandFailure(
                    .noInput,
                    "no calendar folder at \(FilePath.printable(named))\(option == nil ? " (REFORM_CALENDARS)" : "")")
            }
            Diagnostics.error(
                "\(tool): warning: no calendar folder at \(folder) (run from the project folder, or give --calendars "
                    + "or REFORM_CALENDARS); working days follow the Labour Code rules, without the yearly swaps")
        }
        return folder
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
