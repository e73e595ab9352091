import ReformCalendar
import ReformMetrics
import ReformPipeline
import ReformSupport

/// `reform-compute`: computes a period's figures, or a year's indices, into the database.
public enum ComputeTool: Tool {
    public static let spec = ToolSpec(
        name: "reform-compute",
        summary: "Computes Biểu 06 of a period (or the yearly indices) from the staging database and stores it.",
        forms: [
            [
                .required(.db), PeriodOptions.choice, .optional(.counting), .optional(.calendars), .optional(.pipeline),
                .optional(.progress),
            ],
            [.required(.db), .required(.year), .optional(.counting), .optional(.pipeline)],
        ],
        options: [.option(.db, "DB", "the staging database")] + PeriodOptions.all + [
            PeriodOptions.counting,
            .option(
                .calendars, "DIR",
                "the working-day schedules vn-YYYY.csv (default $REFORM_CALENDARS, else Pipelines/calendars)"),
            .option(
                .pipeline, "PIPELINE.json",
                "take rule sets, calendars, counting rules, period and index settings from a definition"),
            .option(.year, "YYYY", "compute the yearly indices of YYYY instead of a period"),
            .flag(.progress, "show progress on stderr even when it is not a terminal"),
        ],
        details: """
            Checks the form's identities on every row; computes the deadline audit and processing times in
            working days. The period's outputs are named YYYY-MM for a calendar month, else
            YYYY-MM-DD_YYYY-MM-DD. With --year: Decision 766, SIPAS, PAR INDEX and delegation coverage,
            with the weights, targets and published figures of PIPELINE.json's "indices" when given.
            Prints one summary line.
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        let usage = spec.usage
        let databasePath = try arguments.required(.db, usage: usage)
        if let year = try arguments.year(.year) {
            var settings =
                try arguments.value(.pipeline).map { try PipelineDefinition(path: $0).indexSettings }
                ?? IndexSettings()
            // Only `extension` bears on the indices (criterion 2.1's appointment).
            if let counting = try arguments.counting() { settings.extension = counting.extension }
            let line = try RunLock.withDatabase(at: databasePath) {
                try IndexStages.compute(database: $0, year: year, settings: settings)
            }
            Diagnostics.output(line)
            return .ok
        }
        var choice = try arguments.period()
        var settings: ComputeSettings
        if let pipeline = arguments.value(.pipeline) {
            let definition = try PipelineDefinition(path: pipeline)
            settings = ComputeSettings(
                calendar: WorkingCalendar(folder: arguments.value(.calendars) ?? definition.calendars),
                ruleSets: definition.ruleSets, counting: definition.counting)
            choice = choice ?? definition.period
        } else {
            settings = ComputeSettings(
                calendar: WorkingCalendar(
                    folder: try CalendarCommand.folder(arguments.value(.calendars), tool: spec.name)))
        }
        guard let choice else { throw CommandFailure(.usage, "missing --period (or --from/--to)\n\(usage)") }
        if let counting = try arguments.counting() { settings.counting = counting }
        settings.progress = ProgressMeter.forTool(spec.name, forced: arguments.flag(.progress))
        let result = try RunLock.withDatabase(at: databasePath) { database in
            guard let period = try choice.resolve(in: database, tool: spec.name) else {
                throw CommandFailure(
                    .noInput, "the database holds no dossier, so there is no latest period; give --period")
            }
            return try ComputeStage.run(database: database, period: period, settings: settings)
        }
        Diagnostics.output(result.line)
        return .ok
    }
}
