/// Runs the stages a pipeline definition lists (`reform run`), in order, under one lock.
public enum PipelineRunner {
    /// Runs `definition`; `period` overrides the definition's period. Returns the exit status
    /// (a refused input file gives 65 after the other stages still ran on what was ingested).
    public static func run(
        _ definition: PipelineDefinition, period override: Month?, waitSeconds: Int = 0, output: (String) -> Void
    ) throws -> ExitStatus {
        let lock = try RunLock(databasePath: definition.database, waitSeconds: waitSeconds)
        defer { withExtendedLifetime(lock) {} }
        let database = try Schema.open(path: definition.database)
        var status = ExitStatus.ok
        if definition.stages.contains("ingest") && !definition.catalogue.isEmpty {
            status = try IngestStage.run(
                database: database, rejectsFolder: definition.rejects, files: definition.catalogue, kind: .procedures,
                tool: "reform", output: output)
        }
        if definition.stages.contains("ingest") {
            let dossierStatus = try IngestStage.run(
                database: database, rejectsFolder: definition.rejects, files: try definition.inputFiles(),
                encoding: definition.encoding, tool: "reform", output: output)
            if status == .ok { status = dossierStatus }
        }
        guard
            let month = try override ?? definition.period ?? Bieu06Calculator(database: database).latestCompleteMonth()
        else {
            throw CommandFailure(
                .dataError,
                "the database holds no dossier, so there is no latest month to report; give --period YYYY-MM")
        }
        if definition.stages.contains("compute") {
            let settings = ComputeSettings(
                calendar: WorkingCalendar(folder: definition.calendars), ruleSets: definition.ruleSets)
            output(try ComputeStage.run(database: database, month: month, settings: settings).line)
        }
        if definition.stages.contains("report") {
            let folder = try ReportStage.run(database: database, month: month, outputFolder: definition.output)
            output("report=\(folder)")
        }
        return status
    }
}
