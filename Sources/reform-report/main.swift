import ReformCore

let usage = """
    usage: reform-report --db DB --period YYYY-MM --out DIR
           reform-report --db DB --year YYYY --out DIR
      Writes DIR/YYYY-MM/ from the computed month: \(ReportStage.fileNames.joined(separator: ", ")).
      With --year: DIR/YYYY/\((IndexStages.fileNames + ["indices.html"]).joined(separator: ", ")).
      The folder is replaced as a whole. Reads the database read-only, without the lock.
      \(ExitStatus.summary)
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
