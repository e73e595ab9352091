import ReformCore

let usage = """
    usage: reform-consolidate --db DB (--period PERIOD [--cutoff-day D] | --from YYYY-MM-DD --to YYYY-MM-DD)
                              --out DIR [--counting RULES] [--pipeline PIPELINE.json]
      Consolidates the province for the period: each unit's figures from its dossiers where the
      database has them, else from the report it submitted (reform-ingest --kind report), totals per
      level and for the province, and the reconciliation of every submitted figure that differs from
      the dossiers' with the counting rule (or cut-off day) under which the dossiers give it. Writes
      DIR/LABEL/\(ConsolidateStage.fileNames.joined(separator: ", ")) (beside the period's other
      outputs). PERIOD, D and RULES as for reform-compute; PIPELINE.json gives the counting rules,
      the period and the form's "reporting_body" and "recipient". Reads the database read-only.
      Prints consolidate=DIR units=… dossiers=… submitted=… both=… unmatched=… identity_problems=…
      differences=… explained=….
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-consolidate") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()),
        options: ["db", "period", "from", "to", "cutoff-day", "out", "counting", "pipeline"], usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    let out = try arguments.required("out", usage: usage)
    var choice = try arguments.period()
    var rules = CountingRules()
    var header = FormHeader()
    if let pipeline = arguments.value("pipeline") {
        let definition = try PipelineDefinition(path: pipeline)
        rules = definition.counting
        header = FormHeader(reportingBody: definition.reportingBody, recipient: definition.recipient)
        choice = choice ?? definition.period
    }
    if let counting = try arguments.counting() { rules = counting }
    guard let choice else { throw CommandFailure(.usage, "missing --period (or --from/--to)\n\(usage)") }
    let line = try RunLock.withReadOnlyDatabase(at: databasePath) { database in
        guard let period = try choice.resolve(in: database, tool: "reform-consolidate") else {
            throw CommandFailure(.noInput, "the database holds no dossier, so there is no latest period; give --period")
        }
        return try ConsolidateStage.run(
            database: database, period: period, rules: rules, outputFolder: out, header: header)
    }
    Diagnostics.output(line)
    return .ok
}
