import ReformCore

let usage = """
    usage: reform-report --db DB --period YYYY-MM --out DIR
           reform-report --db DB --year YYYY --out DIR
      Writes DIR/YYYY-MM/bieu06_by_unit.csv, bieu06_by_field.csv and report.html from the computed
      month (each file atomically). With --year: DIR/YYYY/index766_by_unit.csv, sipas_by_unit.csv,
      sipas_expectations.csv, par_index.csv, delegation_coverage.csv and indices.html. Exit: 0 ok, 64 usage, 66 month not computed, 73 cannot write.
    """

Diagnostics.run("reform-report") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()), options: ["db", "period", "out", "year"], usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    let out = try arguments.required("out", usage: usage)
    if let year = try arguments.year("year") {
        let folder = try RunLock.withReadOnlyDatabase(at: databasePath) {
            try IndexStages.report(database: $0, year: year, outputFolder: out)
        }
        Diagnostics.output("report=\(folder)")
        return .ok
    }
    let month = try arguments.month("period", usage: usage)
    let folder = try RunLock.withReadOnlyDatabase(at: databasePath) {
        try ReportStage.run(database: $0, month: month, outputFolder: out)
    }
    Diagnostics.output("report=\(folder)")
    return .ok
}
