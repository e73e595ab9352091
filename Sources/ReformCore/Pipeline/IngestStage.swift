/// What a file holds.
public enum InputKind: String, Sendable, CaseIterable {
    case dossiers, procedures, survey, questions
    case parScores = "par-scores"
    case units
    case mergeMap = "merge-map"
}

/// The ingest stage: each file in order, one transaction per file. A refused or unreadable file is
/// reported and skipped; the others are still ingested. The exit status is that of the first
/// failure (or 0).
public enum IngestStage {
    /// Ingests `files` into the database at `databasePath`; summary lines go to `output`.
    public static func run(
        database: Database, rejectsFolder: String, files: [String], kind: InputKind = .dossiers,
        encoding: InputEncoding = .utf8, tool: String, output: (String) -> Void
    ) throws -> ExitStatus {
        let dossiers = DossierIngester(database: database, rejectsFolder: rejectsFolder, encoding: encoding)
        let catalogue = ProcedureCatalogueIngester(database: database, rejectsFolder: rejectsFolder)
        var status = ExitStatus.ok
        for file in files {
            do {
                switch kind {
                case .dossiers: output(try dossiers.ingest(path: file).line)
                case .procedures: output(try catalogue.ingest(path: file).line)
                case .units, .mergeMap:
                    let list = UnitListIngester.Kind(rawValue: kind.rawValue)!
                    output(
                        try UnitListIngester(database: database, rejectsFolder: rejectsFolder, kind: list).ingest(
                            path: file
                        ).line)
                case .survey, .questions, .parScores:
                    let index = IndexInputIngester.Kind(rawValue: kind.rawValue)!
                    output(
                        try IndexInputIngester(database: database, rejectsFolder: rejectsFolder, kind: index).ingest(
                            path: file
                        ).line)
                }
            } catch let error as IngestRefusal {
                Diagnostics.error("\(tool): \(file): refused: \(error.description)")
                if status == .ok { status = .dataError }
            } catch let error as CSVReaderError {
                let failure = CommandFailure.from(error)
                Diagnostics.error("\(tool): \(file): \(failure.description)")
                if status == .ok { status = failure.status }
            }
        }
        return status
    }
}
