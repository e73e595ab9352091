import ReformCore

let usage = """
    usage: reform-ingest --db DB [--rejects DIR] [--kind dossiers|procedures|survey|questions|par-scores|units|merge-map] [--encoding utf-8|cp1258|utf-16] [--sheet NAME|N] FILE...
      Loads one-stop dossier exports (CSV, .xlsx workbooks, HTML tables saved as .xls) into the staging database DB, one transaction per
      file. Refused rows go to DIR/<file name>.rejects.csv (default: the folder "rejects" beside DB).
      --kind procedures loads a procedures catalogue (statutory time and unit per procedure code);
      survey, questions and par-scores load the inputs of the yearly indices (README); units loads a
      dated unit list and merge-map the old→new map of a reorganisation (file names end _YYYY-MM-DD).
      --encoding converts files saved as Windows-1258 or UTF-16 ("Unicode text") to UTF-8; a
      tab-separated file is recognised from its header line. A workbook is recognised by its content,
      not its name: --sheet picks its sheet (the first by default); title rows above the header, a
      header of several rows, column numbers and total rows are handled. Prints one summary line per file.
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-ingest") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()), options: ["db", "rejects", "encoding", "kind", "sheet"], usage: usage)
    let databasePath = try arguments.required("db", usage: usage)
    guard !arguments.positional.isEmpty else { throw CommandFailure(.usage, "no input FILE given\n\(usage)") }
    var encoding = InputEncoding.utf8
    if let name = arguments.value("encoding") {
        guard let chosen = InputEncoding(option: name) else {
            throw CommandFailure(.usage, "--encoding must be utf-8, cp1258 or utf-16, not \"\(name)\"")
        }
        encoding = chosen
    }
    let kindName = arguments.value("kind") ?? "dossiers"
    guard let kind = InputKind(rawValue: kindName) else {
        throw CommandFailure(
            .usage,
            "--kind must be one of \(InputKind.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(kindName)\"")
    }
    let rejects = arguments.value("rejects") ?? FilePath.parent(of: databasePath) + "/rejects"
    return try RunLock.withDatabase(at: databasePath, mustExist: false) { database in
        try IngestStage.run(
            database: database, rejectsFolder: rejects, files: arguments.positional.map(RawPath.path(argument:)),
            kind: kind, encoding: encoding, sheet: arguments.value("sheet"),
            tool: "reform-ingest", output: Diagnostics.output)
    }
}
