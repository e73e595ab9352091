import ReformPipeline
import ReformSupport
import ReformTabular

/// `reform-ingest`: loads input files into the staging database.
public enum IngestTool: Tool {
    public static let spec = ToolSpec(
        name: "reform-ingest",
        summary: "Loads dossier exports and other inputs into the staging database, one transaction per file.",
        forms: [
            [
                .required(.db), .optional(.kind), .optional(.encoding), .optional(.sheet), .optional(.rejects),
                .optional(.progress), "FILE...",
            ],
            [
                .required(.db), .required(.kind, value: "report"),
                .choice([[.required(.from), .required(.to)]], optional: true),
                .optional(.unit), "FILE...",
            ],
            [
                .required(.db), .required(.kind, value: "published-766"), .optional(.period), .optional(.sheet),
                "FILE...",
            ],
        ],
        options: [
            .option(.db, "DB", "the staging database (created when missing)"),
            .option(
                .rejects, "DIR", "where refused rows go, as DIR/<file name>.rejects.csv (default: rejects beside DB)"),
            .option(
                .kind, "KIND",
                "dossiers (default), procedures, survey, questions, par-scores, units, merge-map, report, unit-aliases "
                    + "or published-766"
            ),
            .option(.encoding, "ENC", "utf-8 (default), cp1258 (Windows-1258) or utf-16 (\"Unicode text\")"),
            .option(.sheet, "NAME|N", "the sheet of a workbook, by name or number from 1 (default: the first)"),
            .option(
                .period, "PERIOD",
                "with --kind published-766: the month, quarter or year of the scores (default: from the file name)"),
            .option(.from, "YYYY-MM-DD", "with --kind report: the first day of the report's period"),
            .option(.to, "YYYY-MM-DD", "with --kind report: the last day of the report's period"),
            .option(
                .unit, "CODE", "with --kind report: the reporting unit of a report by field that does not name it"),
            .flag(.progress, "show progress on stderr even when it is not a terminal"),
        ],
        details: """
            Reads one-stop dossier exports: CSV, .xlsx workbooks and HTML tables saved as .xls, recognised
            by content, not name; title rows above the header, a header of several rows, column numbers and
            total rows are handled; a tab-separated file is recognised from its header line. Prints one
            summary line per file; on a terminal, progress on stderr.
            --kind procedures loads a procedures catalogue (statutory time and unit per procedure code);
            survey, questions and par-scores the inputs of the yearly indices; units a dated unit list and
            merge-map the old→new map of a reorganisation (file names end _YYYY-MM-DD).
            --kind report loads reports units and systems submit (the form II.06a by field or by unit, unit
            summaries, ReformIndex's own outputs): the period is the one the file states ("Từ ngày … đến
            ngày …") unless --from/--to give it. Each row's identities are checked and its unit matched by
            code or name (unmatched names are reported, never guessed); a later file replaces the same unit
            and period. --kind unit-aliases loads old_name,new_name,from: renamed units, for matching by name.
            --kind published-766 loads the Decision 766 scores the national portal publishes (every sheet with
            MA_COQUAN, TEN, the six groups CKMB TDGQ CLGQ TTTT MDHL MDSH, TONG_SCORE): the period from
            --period or the file name (bao_cao_T10_2025.xlsx), a sheet named for the year holding the year's.
            """)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        let usage = spec.usage
        let databasePath = try arguments.required(.db, usage: usage)
        guard !arguments.positional.isEmpty else { throw CommandFailure(.usage, "no input FILE given\n\(usage)") }
        var encoding = InputEncoding.utf8
        if let name = arguments.value(.encoding) {
            guard let chosen = InputEncoding(option: name) else {
                throw CommandFailure(.usage, "--encoding must be utf-8, cp1258 or utf-16, not \"\(name)\"")
            }
            encoding = chosen
        }
        let kindName = arguments.value(.kind) ?? "dossiers"
        guard let kind = InputKind(rawValue: kindName) else {
            throw CommandFailure(
                .usage,
                "--kind must be one of \(InputKind.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(kindName)\""
            )
        }
        var report = ReportOptions(unitCode: arguments.value(.unit))
        if arguments.value(.from) != nil || arguments.value(.to) != nil || report.unitCode != nil {
            guard kind == .report else { throw CommandFailure(.usage, "--from, --to and --unit go with --kind report") }
        }
        if kind == .published766 {
            if let choice = try arguments.period() {
                guard case .fixed(let period) = choice, [.month, .quarter, .year].contains(period.kind),
                    period.cutoffDay == 1
                else {
                    throw CommandFailure(
                        .usage, "--period of published scores is a month, quarter or year (2025-10, 2025-Q4, 2025)")
                }
                report.namedPeriod = period
            }
        } else if arguments.value(.period) != nil {
            throw CommandFailure(.usage, "--period goes with --kind published-766")
        } else if let choice = try arguments.period(), case .fixed(let period) = choice {
            report.period = period.firstDay...period.lastDay
        }
        let rejects = arguments.value(.rejects) ?? FilePath.parent(of: databasePath) + "/rejects"
        let failure = try RunLock.withDatabase(at: databasePath, mustExist: false) { database in
            try IngestStage.run(
                database: database, rejectsFolder: rejects, files: arguments.positional.map(RawPath.path(argument:)),
                kind: kind, encoding: encoding, sheet: arguments.value(.sheet), report: report,
                tool: spec.name, progress: ProgressMeter.forTool(spec.name, forced: arguments.flag(.progress)),
                output: Diagnostics.output)
        }
        return failure.map { CommandFailure.status(of: $0.cause) } ?? .ok
    }
}
