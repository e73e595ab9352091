import ReformCore

let usage = """
    usage: reform-ingest --db DB [--rejects DIR] [--kind dossiers|procedures|survey|questions|par-scores|units|merge-map|report|unit-aliases] [--encoding utf-8|cp1258|utf-16] [--sheet NAME|N] [--from YYYY-MM-DD --to YYYY-MM-DD] [--unit CODE] FILE...
      Loads one-stop dossier exports (CSV, .xlsx workbooks, HTML tables saved as .xls) into the staging database DB, one transaction per
      file. Refused rows go to DIR/<file name>.rejects.csv (default: the folder "rejects" beside DB).
      --kind procedures loads a procedures catalogue (statutory time and unit per procedure code);
      survey, questions and par-scores load the inputs of the yearly indices (README); units loads a
      dated unit list and merge-map the old→new map of a reorganisation (file names end _YYYY-MM-DD).
      --encoding converts files saved as Windows-1258 or UTF-16 ("Unicode text") to UTF-8; a
      tab-separated file is recognised from its header line. A workbook is recognised by its content,
      not its name: --sheet picks its sheet (the first by default); title rows above the header, a
      header of several rows, column numbers and total rows are handled. Prints one summary line per file.
      --kind report loads reports units and systems submit (the form II.06a by field or by unit, unit
      summaries, ReformIndex's own outputs): the period is the one the file states ("Từ ngày … đến
      ngày …") unless --from/--to give it; --unit names the reporting unit of a report by field when
      the file does not. Each row's identities are checked and its unit matched by code or name
      (unmatched names are reported, never guessed); a later file replaces the same unit and period.
      --kind unit-aliases loads old_name,new_name,from: renamed units, for matching by name.
      \(ExitStatus.summary)
    """

Diagnostics.run("reform-ingest") {
    let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()),
        options: ["db", "rejects", "encoding", "kind", "sheet", "from", "to", "unit"], usage: usage)
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
    var report = ReportOptions(unitCode: arguments.value("unit"))
    if arguments.value("from") != nil || arguments.value("to") != nil || report.unitCode != nil {
        guard kind == .report else { throw CommandFailure(.usage, "--from, --to and --unit go with --kind report") }
    }
    if let choice = try arguments.period(), case .fixed(let period) = choice {
        report.period = period.firstDay...period.lastDay
    }
    let rejects = arguments.value("rejects") ?? FilePath.parent(of: databasePath) + "/rejects"
    return try RunLock.withDatabase(at: databasePath, mustExist: false) { database in
        try IngestStage.run(
            database: database, rejectsFolder: rejects, files: arguments.positional.map(RawPath.path(argument:)),
            kind: kind, encoding: encoding, sheet: arguments.value("sheet"), report: report,
            tool: "reform-ingest", output: Diagnostics.output)
    }
}
