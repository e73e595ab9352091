import ReformCalendar
import ReformPipeline

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
        return try CalendarCommand.run(
            action, Array(arguments.positional.dropFirst()), calendar: calendar, usage: spec.usage)
    }
}
