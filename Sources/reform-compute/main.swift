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
      Exit: 0 ok, 64 usage, 73 cannot write the database, 75 another run holds the lock.
    """

Diagnostics.run("reform-compute") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()), options: ["db", "period", "calendars", "pipeline", "year"],
        usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    if let year = try arguments.year("year") {
        guard FilePath.exists(databasePath) else {
            throw CommandFailure(.noInput, "no database at \(databasePath); ingest first")
        }
        let settings =
            try arguments.value("pipeline").map { try PipelineDefinition(path: $0).indexSettings } ?? IndexSettings()
        let lock = try RunLock(databasePath: databasePath)
        defer { withExtendedLifetime(lock) {} }
        Diagnostics.output(
            try IndexStages.compute(database: try Schema.open(path: databasePath), year: year, settings: settings))
        return .ok
    }
    let month = try arguments.month("period", usage: usage)
    guard FilePath.exists(databasePath) else {
        throw CommandFailure(.noInput, "no database at \(databasePath); ingest first")
    }
    let lock = try RunLock(databasePath: databasePath)
    defer { withExtendedLifetime(lock) {} }
    var settings = ComputeSettings(
        calendar: WorkingCalendar(folder: CalendarCommand.folder(arguments.value("calendars"))))
    if let pipeline = arguments.value("pipeline") {
        let definition = try PipelineDefinition(path: pipeline)
        settings = ComputeSettings(
            calendar: WorkingCalendar(folder: arguments.value("calendars") ?? definition.calendars),
            ruleSets: definition.ruleSets)
    }
    let result = try ComputeStage.run(database: try Schema.open(path: databasePath), month: month, settings: settings)
    Diagnostics.output(result.line)
    return .ok
}
