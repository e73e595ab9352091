import ReformModel
import ReformPipeline
import ReformReport
import ReformSupport

/// `reform-consolidate`: consolidates dossiers and submitted reports, with the reconciliation.
public enum ConsolidateTool: Tool {
    public static let spec = ToolSpec(
        name: "reform-consolidate",
        summary: "Consolidates the province from dossiers and submitted reports and reconciles the differences.",
        forms: [[.required(.db), PeriodOptions.choice, .required(.out), .optional(.counting), .optional(.pipeline)]],
        options: [.option(.db, "DB", "the staging database (read only)")] + PeriodOptions.all + [
            .option(.out, "DIR", "the output folder; files go beside the period's other outputs in DIR/LABEL/"),
            PeriodOptions.counting,
            .option(
                .pipeline, "PIPELINE.json",
                "take the counting rules, the period and the form's reporting_body and recipient from a definition"),
        ],
        details: """
            Each unit's figures come from its dossiers where the database has them, else from the report it
            submitted (reform-ingest --kind report); totals per level and for the province; every submitted
            figure that differs from the dossiers' is reconciled with the counting rule (or cut-off day)
            under which the dossiers give it. Writes DIR/LABEL/\(ConsolidateStage.fileNames.joined(separator: ", ")).
            Prints consolidate=DIR units=… dossiers=… submitted=… both=… unmatched=… identity_problems=…
            differences=… explained=….
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        let usage = spec.usage
        let databasePath = try arguments.required(.db, usage: usage)
        let out = try arguments.required(.out, usage: usage)
        var choice = try arguments.period()
        var rules = CountingRules()
        var header = FormHeader()
        if let pipeline = arguments.value(.pipeline) {
            let definition = try PipelineDefinition(path: pipeline)
            rules = definition.counting
            header = FormHeader(reportingBody: definition.reportingBody, recipient: definition.recipient)
            choice = choice ?? definition.period
        }
        if let counting = try arguments.counting() { rules = counting }
        guard let choice else { throw CommandFailure(.usage, "missing --period (or --from/--to)\n\(usage)") }
        let line = try RunLock.withReadOnlyDatabase(at: databasePath) { database in
            guard let period = try choice.resolve(in: database, tool: spec.name) else {
                throw CommandFailure(
                    .noInput, "the database holds no dossier, so there is no latest period; give --period")
            }
            return try ConsolidateStage.run(
                database: database, period: period, rules: rules, outputFolder: out, header: header)
        }
        Diagnostics.output(line)
        return .ok
    }
}
