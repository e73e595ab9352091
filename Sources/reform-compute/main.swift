import ReformCore

let usage = """
    usage: reform-compute --db DB --period YYYY-MM
      Computes Biểu 06 of the month by unit and by field from the staging database and stores it,
      checking the form's identities on every row. Prints one summary line.
      Exit: 0 ok, 64 usage, 73 cannot write the database, 75 another run holds the lock.
    """

Diagnostics.run("reform-compute") {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()), options: ["db", "period"], usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    let month = try arguments.month("period", usage: usage)
    guard FilePath.exists(databasePath) else {
        throw CommandFailure(.noInput, "no database at \(databasePath); ingest first")
    }
    let lock = try RunLock(databasePath: databasePath)
    defer { withExtendedLifetime(lock) {} }
    let result = try ComputeStage.run(database: try Schema.open(path: databasePath), month: month)
    Diagnostics.output(result.line)
    return .ok
}
