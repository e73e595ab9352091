import ReformCalendar
import ReformMetrics
import ReformPipeline
import ReformSupport

/// `reform-compare`: compares units month by month and runs the integrity checks.
public enum CompareTool: Tool {
    public static let spec = ToolSpec(
        name: "reform-compare",
        summary: "Compares units month by month (Wilson intervals, changes, ranks) and runs the integrity checks.",
        forms: [
            [
                .required(.db), .required(.from), .required(.to), .optional(.units, value: "current|legacy"),
                .optional(.calendars), .required(.out),
            ]
        ],
        options: [
            .option(.db, "DB", "the staging database (read only)"),
            .option(.from, "YYYY-MM", "the first month"),
            .option(.to, "YYYY-MM", "the last month"),
            .option(
                .units, "VIEW",
                "current (default): the units in force at the end of the range; legacy: the districts before the "
                    + "July 2025 reorganisation"),
            .option(
                .calendars, "DIR", "the working-day schedules (default $REFORM_CALENDARS, else Pipelines/calendars)"),
            .option(.out, "DIR", "the output folder"),
        ],
        details: """
            On-time rate with a 95% Wilson interval, change against the previous month and the same month a
            year earlier, rank by the interval's lower bound, and a flag when a change is larger than chance
            explains. Writes DIR/comparison.csv, DIR/audit.csv, DIR/comparison.html and DIR/comparison.xlsx
            (a sheet per CSV), replaced together. Unit lists and the merge map come from
            reform-ingest --kind units|merge-map.
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        let usage = spec.usage
        let databasePath = try arguments.required(.db, usage: usage)
        let out = try arguments.required(.out, usage: usage)
        let from = try arguments.month(.from, usage: usage), to = try arguments.month(.to, usage: usage)
        guard let months = CompareSettings.months(from: from, to: to) else {
            throw CommandFailure(.usage, "--from must not be after --to")
        }
        let viewName = arguments.value(.units) ?? "current"
        guard let view = UnitView(rawValue: viewName) else {
            throw CommandFailure(.usage, "--units must be current or legacy, not \"\(viewName)\"")
        }
        let calendar = WorkingCalendar(
            folder: try CalendarCommand.folder(arguments.value(.calendars), tool: spec.name))
        let line = try RunLock.withReadOnlyDatabase(at: databasePath) {
            try CompareStage.run(database: $0, months: months, view: view, calendar: calendar, outputFolder: out)
        }
        Diagnostics.output(line)
        return .ok
    }
}
