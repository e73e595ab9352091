import ReformPipeline
import ReformSupport

/// `reform run PIPELINE.json`: runs a definition's stages under one lock.
public enum RunCommand: Tool {
    public static let spec = ToolSpec(
        name: "reform run",
        summary: "Runs the stages a pipeline definition lists (ingest, compute, report, …) under one lock.",
        forms: [
            ["PIPELINE.json", PeriodOptions.optionalChoice, .optional(.year), .optional(.wait), .optional(.progress)]
        ],
        options: PeriodOptions.all + [
            .option(.year, "YYYY", "the year of the index stages (default: the definition's, else the latest)"),
            .option(
                .wait, "SECONDS",
                "wait up to SECONDS (at most 86400) for another run's lock instead of exiting 75 at once"),
            .flag(.progress, "show progress on stderr even when it is not a terminal"),
        ],
        details: """
            --period/--from/--to/--cutoff-day replace the definition's period (PERIOD as for reform-compute).
            Relative paths in the definition are read against its folder, so it runs from any folder (cron).
            `reform check PIPELINE.json` says what a run would do without doing it.
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        guard arguments.positional.count == 1 else {
            throw CommandFailure(.usage, "give one PIPELINE.json\n\(spec.usage)")
        }
        let period = try arguments.period()
        var wait = 0
        if let text = arguments.value(.wait) {
            guard let seconds = Int(text), (0...RunLock.maximumWaitSeconds).contains(seconds) else {
                throw CommandFailure(
                    .usage, "--wait takes whole seconds from 0 to \(RunLock.maximumWaitSeconds) (a day)")
            }
            wait = seconds
        }
        let year = try arguments.year(.year)
        let definition = try PipelineDefinition(path: arguments.positional[0])
        let failure = try PipelineRunner.run(
            definition, period: period, year: year, waitSeconds: wait,
            progress: ProgressMeter.forTool("reform", forced: arguments.flag(.progress)), output: Diagnostics.output)
        return failure.map { CommandFailure.status(of: $0.cause) } ?? .ok
    }
}
