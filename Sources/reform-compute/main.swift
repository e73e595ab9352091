import ReformCore

let usage = """
    usage: reform-compute --db DB (--period PERIOD [--cutoff-day D] | --from YYYY-MM-DD --to YYYY-MM-DD)
                          [--counting RULES] [--calendars DIR] [--pipeline PIPELINE.json]
           reform-compute --db DB --year YYYY [--pipeline PIPELINE.json]
      Computes Biểu 06 of the period by unit and by field from the staging database and stores it,
      checking the form's identities on every row, and the deadline audit and processing times
      (working days from DIR/vn-YYYY.csv, default Pipelines/calendars; rule sets, calendars, counting
      rules and period from PIPELINE.json when given). Prints one summary line.
      PERIOD: YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, YYYY-9M, YYYY, YYYY-MM-DD_YYYY-MM-DD, or latest,
      latest-quarter, latest-half, latest-9m, latest-year (the latest complete one in the data).
      D: the cut-off day (default 1, calendar periods; 15: each month runs from the 15th of the month
      before to the 14th). --from/--to: any days, both inclusive.
      RULES: key=value[,key=value…] of withdrawn=separate|on_time, no_due=separate|on_time,
      supplement_waiting=pending|within, compare=date|instant (defaults first).
      The period's outputs are named YYYY-MM for a calendar month, else YYYY-MM-DD_YYYY-MM-DD.
      With --year: the yearly indices (Decision 766, SIPAS, PAR INDEX, delegation coverage), with the
      weights, targets and published figures of PIPELINE.json's "indices" when given.
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-compute") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()),
        options: ["db", "period", "calendars", "pipeline", "year", "from", "to", "cutoff-day", "counting"],
        usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    if let year = try arguments.year("year") {
        let settings =
            try arguments.value("pipeline").map { try PipelineDefinition(path: $0).indexSettings } ?? IndexSettings()
        let line = try RunLock.withDatabase(at: databasePath) {
            try IndexStages.compute(database: $0, year: year, settings: settings)
        }
        Diagnostics.output(line)
        return .ok
    }
    var choice = try arguments.period()
    var settings: ComputeSettings
    if let pipeline = arguments.value("pipeline") {
        let definition = try PipelineDefinition(path: pipeline)
        settings = ComputeSettings(
            calendar: WorkingCalendar(folder: arguments.value("calendars") ?? definition.calendars),
            ruleSets: definition.ruleSets, counting: definition.counting)
        choice = choice ?? definition.period
    } else {
        settings = ComputeSettings(
            calendar: WorkingCalendar(
                folder: try CalendarCommand.folder(arguments.value("calendars"), tool: "reform-compute")))
    }
    guard let choice else { throw CommandFailure(.usage, "missing --period (or --from/--to)\n\(usage)") }
    if let counting = try arguments.counting() { settings.counting = counting }
    let result = try RunLock.withDatabase(at: databasePath) { database in
        guard let period = try choice.resolve(in: database, tool: "reform-compute") else {
            throw CommandFailure(.noInput, "the database holds no dossier, so there is no latest period; give --period")
        }
        return try ComputeStage.run(database: database, period: period, settings: settings)
    }
    Diagnostics.output(result.line)
    return .ok
}
