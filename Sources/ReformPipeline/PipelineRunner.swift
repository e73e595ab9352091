import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport

/// Runs the stages a pipeline definition lists (`reform run`), in order, under one lock.
public enum PipelineRunner {
    /// Runs `definition`; `period` and `year` override the definition's. Returns the first input
    /// refused or missing (the other stages still ran on what was ingested), nil when none was.
    public static func run(
        _ definition: PipelineDefinition, period override: PeriodChoice?, year yearOverride: Int? = nil,
        waitSeconds: Int = 0, progress: ProgressMeter? = nil,
        output: (String) -> Void
    ) throws -> PipelineError? {
        try RunLock.withDatabase(at: definition.database, mustExist: false, waitSeconds: waitSeconds) { database in
            try run(
                definition, database: database, period: override, year: yearOverride, progress: progress,
                output: output)
        }
    }

    /// Runs the stages on an opened, locked database, then writes the home page of the output
    /// folder once — also when a stage failed, so the folders written before it are listed.
    static func run(
        _ definition: PipelineDefinition, database: Database, period override: PeriodChoice?, year yearOverride: Int?,
        progress: ProgressMeter? = nil, output: (String) -> Void
    ) throws -> PipelineError? {
        let status: PipelineError?
        do {
            status = try runStages(
                definition, database: database, period: override, year: yearOverride, progress: progress,
                output: output)
        } catch {
            // What the stages before the failure wrote is listed; a run that wrote nothing (every
            // input refused) leaves no output folder behind for a page.
            try? HomePageWriter.write(
                outputFolder: definition.output, tool: "reform", create: FilePath.isFolder(definition.output))
            throw error
        }
        try HomePageWriter.write(outputFolder: definition.output, tool: "reform")
        return status
    }

    private static func runStages(
        _ definition: PipelineDefinition, database: Database, period override: PeriodChoice?, year yearOverride: Int?,
        progress: ProgressMeter?, output: (String) -> Void
    ) throws -> PipelineError? {
        var status: PipelineError?
        var dossierFiles = (ingested: 0, refused: 0)
        func ingest(_ files: [String], _ kind: InputKind) throws {
            let outcome = try IngestStage.outcome(
                database: database, rejectsFolder: definition.rejects, files: files, kind: kind,
                encoding: kind == .dossiers ? definition.encoding : .utf8,
                sheet: kind == .dossiers ? definition.sheet : nil, tool: "reform", homePage: false, progress: progress,
                output: output)
            if status == nil { status = outcome.failure }
            if kind == .dossiers {
                dossierFiles.ingested += outcome.ingested
                dossierFiles.refused += outcome.refused
            }
        }
        if definition.stages.contains("ingest") {
            for (kind, files) in try definition.ingestPlan() { try ingest(files, kind) }
        }
        // Every export refused: a form "computed" now would show the old figures, or none, as if
        // they were this run's. Each file's reason is printed above and kept for the pages.
        if dossierFiles.refused > 0 && dossierFiles.ingested == 0 {
            throw PipelineError(
                .inputRefused,
                "every input was refused (\(dossierFiles.refused) file\(dossierFiles.refused == 1 ? "" : "s"), each "
                    + "named above with its reason); nothing was computed or written for the period")
        }
        if definition.stages.contains("compute") || definition.stages.contains("report")
            || definition.stages.contains("consolidate")
        {
            guard let chosen = try (override ?? definition.period).resolve(in: database, tool: "reform") else {
                throw PipelineError(
                    .inputMissing,
                    "the database holds no dossier, so there is no latest period to report; give --period")
            }
            // The periods before it first: each page then finds its previous period computed.
            for period in definition.periods(endingWith: chosen) {
                try computeAndReport(definition, database: database, period: period, progress: progress, output: output)
            }
        }
        if definition.stages.contains("compute-indices") || definition.stages.contains("report-indices") {
            guard let year = try yearOverride ?? definition.year ?? latestYear(database) else {
                throw PipelineError(
                    .inputMissing, "the database holds no dossier, so there is no latest year; give --year YYYY")
            }
            if definition.stages.contains("compute-indices") {
                output(try IndexStages.compute(database: database, year: year, settings: definition.indexSettings))
            }
            if definition.stages.contains("report-indices") {
                output(
                    "report=\(try IndexStages.report(database: database, year: year, outputFolder: definition.output, tool: "reform", homePage: false))"
                )
            }
        }
        if definition.stages.contains("compare"), let compare = definition.compare {
            let calendar = WorkingCalendar(folder: definition.calendars)
            for view in compare.views {
                let folder = definition.output + "/" + view.rawValue
                output(
                    try CompareStage.run(
                        database: database, months: compare.months, view: view, calendar: calendar,
                        outputFolder: folder, tool: "reform", homePage: false))
            }
        }
        return status
    }

    /// The compute, report and consolidate stages of one period, as the definition lists them.
    static func computeAndReport(
        _ definition: PipelineDefinition, database: Database, period: ReportingPeriod, progress: ProgressMeter?,
        output: (String) -> Void
    ) throws {
        if definition.stages.contains("compute") {
            var settings = ComputeSettings(
                calendar: WorkingCalendar(folder: definition.calendars), ruleSets: definition.ruleSets,
                counting: definition.counting)
            settings.progress = progress
            output(
                try ComputeStage.run(database: database, period: period, settings: settings, tool: "reform").line)
        }
        if definition.stages.contains("report") {
            let folder = try ReportStage.run(
                database: database, period: period, outputFolder: definition.output,
                header: FormHeader(reportingBody: definition.reportingBody, recipient: definition.recipient),
                tool: "reform", homePage: false)
            output("report=\(folder)")
        }
        if definition.stages.contains("consolidate") {
            output(
                try ConsolidateStage.run(
                    database: database, period: period, rules: definition.counting, outputFolder: definition.output,
                    header: FormHeader(reportingBody: definition.reportingBody, recipient: definition.recipient),
                    tool: "reform", homePage: false))
        }
    }

    /// The year of the latest receipt.
    static func latestYear(_ database: Database) throws -> Int? {
        try DossierTable.latestReceiptDay(in: database).map { CivilDate.civil($0).year }
    }
}
