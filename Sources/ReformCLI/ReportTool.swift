import ReformPipeline
import ReformReport
import ReformSupport

/// `reform-report`: writes a computed period's (or year's) output folder.
public enum ReportTool: Tool {
    public static let spec = ToolSpec(
        name: "reform-report",
        summary: "Writes the computed period's reports: CSV, the official form II.06a workbook and HTML pages.",
        forms: [
            [.required(.db), PeriodOptions.choice, .required(.out), .optional(.pipeline)],
            [.required(.db), .required(.year), .required(.out)],
        ],
        options: [.option(.db, "DB", "the staging database (read only, without the lock)")] + PeriodOptions.all + [
            .option(.out, "DIR", "the output folder; the period's folder DIR/LABEL/ is replaced as a whole"),
            .option(
                .pipeline, "PIPELINE.json",
                "take the period and the form's reporting_body and recipient from a definition"),
            .option(.year, "YYYY", "write the yearly indices of YYYY to DIR/YYYY/ instead"),
        ],
        details: """
            Writes DIR/LABEL/ (LABEL: YYYY-MM for a calendar month, else YYYY-MM-DD_YYYY-MM-DD):
            \(ReportStage.fileNames.joined(separator: ", ")).
            bieu06.xlsx is the official form II.06a by field and by unit.
            With --year: DIR/YYYY/\((IndexStages.fileNames + ["indices.html", "indices.xlsx"]).joined(separator: ", ")).
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        let usage = spec.usage
        let databasePath = try arguments.required(.db, usage: usage)
        let out = try arguments.required(.out, usage: usage)
        if let year = try arguments.year(.year) {
            let folder = try RunLock.withReadOnlyDatabase(at: databasePath) {
                try IndexStages.report(database: $0, year: year, outputFolder: out)
            }
            Diagnostics.output("report=\(folder)")
            return .ok
        }
        var choice = try arguments.period()
        var header = FormHeader()
        if let pipeline = arguments.value(.pipeline) {
            let definition = try PipelineDefinition(path: pipeline)
            header = FormHeader(reportingBody: definition.reportingBody, recipient: definition.recipient)
            choice = choice ?? definition.period
        }
        guard let choice else { throw CommandFailure(.usage, "missing --period (or --from/--to)\n\(usage)") }
        let folder = try RunLock.withReadOnlyDatabase(at: databasePath) { database in
            guard let period = try choice.resolve(in: database, tool: spec.name) else {
                throw CommandFailure(
                    .noInput, "the database holds no dossier, so there is no latest period; give --period")
            }
            return try ReportStage.run(database: database, period: period, outputFolder: out, header: header)
        }
        Diagnostics.output("report=\(folder)")
        return .ok
    }
}
