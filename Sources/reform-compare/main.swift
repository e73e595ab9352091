import ReformCore

let usage = """
    usage: reform-compare --db DB --from YYYY-MM --to YYYY-MM [--units current|legacy] [--calendars DIR] --out DIR
      Compares units month by month over the range: on-time rate with a 95% Wilson interval, change
      against the previous month and the same month a year earlier, rank by the interval's lower
      bound, and a flag when a change is larger than chance explains. Runs the auditors' integrity
      checks. Writes DIR/comparison.csv, DIR/audit.csv, DIR/comparison.html and DIR/comparison.xlsx (a sheet
      per CSV), replaced together.
      --units current (default) reports in the units in force at the end of the range; legacy in the
      districts before the July 2025 reorganisation (unit lists and merge map: reform-ingest --kind
      units|merge-map). --calendars: working-day schedules (default Pipelines/calendars).
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-compare") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()), options: ["db", "from", "to", "units", "out", "calendars"],
        usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    let out = try arguments.required("out", usage: usage)
    let from = try arguments.month("from", usage: usage), to = try arguments.month("to", usage: usage)
    guard let months = CompareSettings.months(from: from, to: to) else {
        throw CommandFailure(.usage, "--from must not be after --to")
    }
    let viewName = arguments.value("units") ?? "current"
    guard let view = UnitView(rawValue: viewName) else {
        throw CommandFailure(.usage, "--units must be current or legacy, not \"\(viewName)\"")
    }
    let calendar = WorkingCalendar(
        folder: try CalendarCommand.folder(arguments.value("calendars"), tool: "reform-compare"))
    let line = try RunLock.withReadOnlyDatabase(at: databasePath) {
        try CompareStage.run(database: $0, months: months, view: view, calendar: calendar, outputFolder: out)
    }
    Diagnostics.output(line)
    return .ok
}
