import ReformCore

let usage = """
    usage: reform run PIPELINE.json [--period PERIOD [--cutoff-day D] | --from YYYY-MM-DD --to YYYY-MM-DD]
                     [--year YYYY] [--wait SECONDS]
           reform calendar holidays YEAR [--calendars DIR]
           reform calendar add-working-days YYYY-MM-DD N [--calendars DIR]
           reform benchmark parse FILE [--csv-only]
           reform benchmark hash FILE [--portable]
      Runs the stages the definition lists (ingest, compute, report) under one lock on the database;
      --period/--from/--to/--cutoff-day replace the definition's period (PERIOD as for reform-compute).
      \(ExitStatus.summary)
      calendar holidays prints CSV date,kind,name: the weekdays off and weekend days worked of YEAR
      (from DIR/vn-YEAR.csv when it exists, else the Labour Code rules). calendar add-working-days
      prints the date N working days after the given one (that day does not count).
      DIR defaults to $REFORM_CALENDARS, else Pipelines/calendars.
    """

Diagnostics.run("reform") {
    var words = Array(CommandLine.arguments.dropFirst())
    guard let command = words.first else { throw CommandFailure(.usage, usage) }
    words.removeFirst()
    switch command {
    case "run":
        let arguments = try Arguments(
            words, options: ["period", "wait", "year", "from", "to", "cutoff-day"], usage: usage)
        guard arguments.positional.count == 1 else { throw CommandFailure(.usage, "give one PIPELINE.json\n\(usage)") }
        let period = try arguments.period()
        var wait = 0
        if let text = arguments.value("wait") {
            guard let seconds = Int(text), (0...RunLock.maximumWaitSeconds).contains(seconds) else {
                throw CommandFailure(
                    .usage, "--wait takes whole seconds from 0 to \(RunLock.maximumWaitSeconds) (a day)")
            }
            wait = seconds
        }
        let year = try arguments.year("year")
        let definition = try PipelineDefinition(path: arguments.positional[0])
        return try PipelineRunner.run(
            definition, period: period, year: year, waitSeconds: wait, output: Diagnostics.output)
    case "calendar":
        guard let action = words.first else { throw CommandFailure(.usage, usage) }
        let arguments = try Arguments(Array(words.dropFirst()), options: ["calendars"], usage: usage)
        let calendar = WorkingCalendar(folder: try CalendarCommand.folder(arguments.value("calendars")))
        return try CalendarCommand.run(action, arguments.positional, calendar: calendar, usage: usage)
    case "benchmark":
        let arguments = try Arguments(
            Array(words.dropFirst()), options: [], switches: ["csv-only", "portable"], usage: usage)
        guard arguments.positional.count == 1 else {
            throw CommandFailure(.usage, "usage: reform benchmark parse|hash FILE [--csv-only|--portable]")
        }
        switch words.first {
        case "parse":
            Diagnostics.output(
                try BenchmarkCommand.parse(path: arguments.positional[0], csvOnly: arguments.flag("csv-only")))
        case "hash":
            Diagnostics.output(
                try BenchmarkCommand.hash(path: arguments.positional[0], portable: arguments.flag("portable")))
        default:
            throw CommandFailure(.usage, "usage: reform benchmark parse|hash FILE [--csv-only|--portable]")
        }
        return .ok
    case "--help", "-h", "help":
        Diagnostics.output(usage)
        return .ok
    default:
        throw CommandFailure(.usage, "unknown command \"\(command)\"\n\(usage)")
    }
}
