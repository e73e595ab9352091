import ReformCore

let usage = """
    usage: reform-report --db DB (--period PERIOD [--cutoff-day D] | --from YYYY-MM-DD --to YYYY-MM-DD) --out DIR
                         [--pipeline PIPELINE.json]
           reform-report --db DB --year YYYY --out DIR
      Writes DIR/LABEL/ from the computed period (LABEL: YYYY-MM for a calendar month, else
      YYYY-MM-DD_YYYY-MM-DD; PERIOD and D as for reform-compute):
      \(ReportStage.fileNames.joined(separator: ", ")).
      bieu06.xlsx is the official form II.06a by field and by unit; PIPELINE.json's
      "reporting_body" and "recipient" fill its header block.
      With --year: DIR/YYYY/\((IndexStages.fileNames + ["indices.html", "indices.xlsx"]).joined(separator: ", ")).
      The folder is replaced as a whole. Reads the database read-only, without the lock.
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-report") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()),
        options: ["db", "period", "out", "year", "from", "to", "cutoff-day", "pipeline"],
        usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    let out = try arguments.required("out", usage: usage)
    if let year = try arguments.year("year") {
        let folder = try RunLock.withReadOnlyDatabase(at: databasePath) {
            try IndexStages.report(database: $0, year: year, outputFolder: out)
        }
        Diagnostics.output("report=\(folder)")
        return .ok
    }
    var choice = try arguments.period()
    var header = FormHeader()
    if let pipeline = arguments.value("pipeline") {
        let definition = try PipelineDefinition(path: pipeline)
        header = FormHeader(reportingBody: definition.reportingBody, recipient: definition.recipient)
        choice = choice ?? definition.period
    }
    guard let choice else { throw CommandFailure(.usage, "missing --period (or --from/--to)\n\(usage)") }
    let folder = try RunLock.withReadOnlyDatabase(at: databasePath) { database in
        guard let period = try choice.resolve(in: database, tool: "reform-report") else {
            throw CommandFailure(.noInput, "the database holds no dossier, so there is no latest period; give --period")
        }
        return try ReportStage.run(database: database, period: period, outputFolder: out, header: header)
    }
    Diagnostics.output("report=\(folder)")
    return .ok
}
