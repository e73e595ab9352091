import ReformPipeline
import ReformSupport

/// `reform check PIPELINE.json`: validates a definition and says what a run would do.
public enum CheckCommand: Tool {
    public static let spec = ToolSpec(
        name: "reform check",
        summary: "Validates a pipeline definition and prints what a run would do, writing nothing.",
        forms: [["PIPELINE.json", PeriodOptions.optionalChoice, .optional(.year)]],
        options: PeriodOptions.all + [
            .option(.year, "YYYY", "the year of the index stages, as for reform run")
        ],
        details: """
            Prints every input a run would read (kind, size, format and sheet, new or already ingested),
            the period it would report and the counting rules, and every file it would write. Reads the
            database without the lock and changes nothing. Exit 78 names the key of a wrong definition;
            66 follows the whole list when an input is missing.
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        guard arguments.positional.count == 1 else {
            throw CommandFailure(.usage, "give one PIPELINE.json\n\(spec.usage)")
        }
        let path = arguments.positional[0]
        let definition = try PipelineDefinition(path: path)
        try PipelineCheck.run(
            definition, path: path, period: try arguments.period(), year: try arguments.year(.year),
            output: Diagnostics.output)
        return .ok
    }
}
