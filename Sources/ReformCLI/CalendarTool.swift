import ReformCalendar
import ReformModel
import ReformPipeline
import ReformSupport

/// `reform calendar`: the working-day calendar's holidays and deadline arithmetic.
public enum CalendarTool: Tool {
    public static let spec = ToolSpec(
        name: "reform calendar",
        summary: "Prints a year's days off and working Saturdays, or the day N working days after a date.",
        forms: [
            ["holidays", "YEAR", .optional(.calendars)],
            ["add-working-days", "YYYY-MM-DD", "N", .optional(.calendars)],
        ],
        options: [
            .option(
                .calendars, "DIR", "the working-day schedules (default $REFORM_CALENDARS, else Pipelines/calendars)")
        ],
        details: """
            holidays prints CSV date,kind,name: the weekdays off and weekend days worked of YEAR (from
            DIR/vn-YEAR.csv when it exists, else the Labour Code rules). add-working-days prints the date N
            working days after the given one (that day does not count).
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        guard let action = arguments.positional.first else { throw CommandFailure(.usage, spec.usage) }
        let calendar = WorkingCalendar(folder: try CalendarCommand.folder(arguments.value(.calendars)))
        return try act(
            action, Array(arguments.positional.dropFirst()), calendar: calendar, usage: spec.usage)
    }

    /// Runs `holidays YEAR` or `add-working-days YYYY-MM-DD N`.
    static func act(_ action: String, _ words: [String], calendar: WorkingCalendar, usage: String) throws
        -> ExitStatus
    {
        switch action {
        case "holidays":
            guard words.count == 1, let year = Int(words[0]), (1970...9999).contains(year) else {
                throw PipelineError(.usage, "give one YEAR (for example 2025)\n\(usage)")
            }
            Diagnostics.outputRaw(CalendarFile.text(try calendar.entries(year: year)))
            return .ok
        case "add-working-days":
            guard words.count == 2, words[0].count == 10, let seconds = DateParser.parse(words[0]),
                words[0].contains("-"),
                let count = Int(words[1]), count >= 0
            else {
                throw PipelineError(.usage, "give a date YYYY-MM-DD and a whole number of working days N ≥ 0\n\(usage)")
            }
            let day = CivilDate.vietnamDay(ofEpochSeconds: seconds)
            Diagnostics.output(CivilDate.isoString(try calendar.addWorkingDays(count, to: day)))
            return .ok
        default:
            throw PipelineError(.usage, "unknown calendar action \"\(action)\"\n\(usage)")
        }
    }
}
