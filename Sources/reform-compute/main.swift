import ReformCore

let usage = """
    usage: reform-compute --db DB --period YYYY-MM [--calendars DIR] [--pipeline PIPELINE.json]
           reform-compute --db DB --year YYYY [--pipeline PIPELINE.json]
      Computes Biểu 06 of the month by unit and by field from the staging database and stores it,
      checking the form's identities on every row, and the deadline audit and processing times
      (working days from DIR/vn-YYYY.csv, default Pipelines/calendars; rule sets and calendars from
      PIPELINE.json when given). Prints one summary line.
      With --year: the yearly indices (Decision 766, SIPAS, PAR INDEX, delegation coverage), with the
      weights, targets and published figures of PIPELINE.json's "indices" when given.
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-compute") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()), options: ["db", "period", "calendars", "pipeline", "year"],
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
    let month = try arguments.month("period", usage: usage)
    var settings = ComputeSettings(
        calendar: WorkingCalendar(folder: CalendarCommand.folder(arguments.value("calendars"))))
    if let pipeline = arguments.value("pipeline") {
        let definition = try PipelineDefinition(path: pipeline)
        settings = ComputeSettings(
            calendar: WorkingCalendar(folder: arguments.value("calendars") ?? definition.calendars),
            ruleSets: definition.ruleSets)
    }
    let result = try RunLock.withDatabase(at: databasePath) {
        try ComputeStage.run(database: $0, month: month, settings: settings)
    }
    Diagnostics.output(result.line)
    return .ok
}
