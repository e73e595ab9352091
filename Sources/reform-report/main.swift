import ReformCore

let usage = """
    usage: reform-report --db DB --period YYYY-MM --out DIR
      Writes DIR/YYYY-MM/bieu06_by_unit.csv, bieu06_by_field.csv and report.html from the computed
      month (each file atomically). Exit: 0 ok, 64 usage, 66 month not computed, 73 cannot write.
    """

Diagnostics.run("reform-report") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()), options: ["db", "period", "out"], usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    let month = try arguments.month("period", usage: usage)
    let out = try arguments.required("out", usage: usage)
    guard FilePath.exists(databasePath) else {
        throw CommandFailure(.noInput, "no database at \(databasePath); ingest first")
    }
    let lock = try RunLock(databasePath: databasePath)
    defer { withExtendedLifetime(lock) {} }
    let folder = try ReportStage.run(database: try Schema.open(path: databasePath), month: month, outputFolder: out)
    Diagnostics.output("report=\(folder)")
    return .ok
}
