import ReformMetrics
import ReformPipeline
import ReformSample
import ReformSupport

/// `reform-sample`: writes realistic dossier exports and other inputs for tests, benchmarks and
/// the sample job (the same bytes for the same seed).
public enum SampleTool: Tool {
    public static let spec = ToolSpec(
        name: "reform-sample",
        summary: "Writes realistic one-stop dossier exports and index inputs, the same bytes for the same seed.",
        forms: [
            [
                .required(.out), .optional(.from), .optional(.to), .optional(.perMonth),
                .optional(.style, value: "vendor|mixed"), .optional(.seed), .optional(.units), .optional(.procedures),
                .optional(.calendars),
            ],
            [.required(.indices), .optional(.seed)],
            [
                .required(.audit), .optional(.clean), .optional(.from), .optional(.to), .optional(.perMonth),
                .optional(.seed), .optional(.reformUnits),
            ],
            [
                .required(.rows), .required(.file), .optional(.perMonth), .optional(.from), .optional(.seed),
                .optional(.units), .optional(.procedures),
            ],
            [.required(.twin, value: "EXPORT.csv"), .required(.file), .optional(.layout, value: "titled|plain|html")],
        ],
        options: [
            .option(.out, "DIR", "write monthly snapshot files DIR/YYYY-MM_<style>.csv"),
            .option(.from, "YYYY-MM", "the first month (default 2025-01; 2024-07 with --audit)"),
            .option(.to, "YYYY-MM", "the last month (default 2025-03; 2025-09 with --audit)"),
            .option(.perMonth, "N", "receipts a month (default 900; 1,000 with --audit; 400,000 with --rows)"),
            .option(.style, "STYLE", "vendor (default: the vendors' export styles in turn) or mixed"),
            .option(.seed, "N", "the random seed (default 20250101)"),
            .option(.units, "FILE", "the unit list (default SampleData/reference/hanoi_districts_2024-11-01.csv)"),
            .option(.procedures, "FILE", "the procedures (default SampleData/reference/procedures.csv)"),
            .option(
                .calendars, "DIR", "the working-day schedules appointment dates follow (default Pipelines/calendars)"),
            .option(.rows, "N", "stream one large export of N rows to --file, for benchmarks"),
            .option(.file, "FILE", "the file --rows or --twin writes"),
            .option(
                .indices, "DIR",
                "write the yearly index inputs: catalogue.csv (1,895 procedures reproducing Hanoi's published "
                    + "delegation figures), questions.csv, survey.csv (2025), par_scores.csv (2024–2025)"),
            .option(
                .audit, "DIR",
                "write monthly exports across the July 2025 reorganisation with each integrity anomaly planted, "
                    + "into DIR/exports/, and list what was planted in DIR/planted.csv"),
            .option(
                .reformUnits, "FILE",
                "with --audit: the communes after the reorganisation "
                    + "(default SampleData/reference/units/hanoi_units_2025-07-01.csv)"),
            .flag(.clean, "with --audit: plant no anomaly"),
            .option(.twin, "EXPORT.csv", "write the workbook twin of a dossier export to --file"),
            .option(
                .layout, "LAYOUT",
                "titled (default: an .xlsx with title rows, a two-row merged header, column numbers and a total "
                    + "row), plain (the header in row 1) or html (an HTML table saved as .xls)"),
        ],
        listsExitCodes: false)

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        let usage = spec.usage
        func number(_ name: OptionName, _ fallback: Int) throws -> Int {
            guard let text = arguments.value(name) else { return fallback }
            guard let value = Int(text), value > 0 else {
                throw CommandFailure(.usage, "--\(name.rawValue) takes a positive whole number")
            }
            return value
        }
        if let source = arguments.value(.twin) {
            let file = try arguments.required(.file, usage: usage)
            let name = arguments.value(.layout) ?? "titled"
            guard let layout = WorkbookTwin.Layout(rawValue: name) else {
                throw CommandFailure(.usage, "--layout is titled, plain or html, not \"\(name)\"")
            }
            let count = try WorkbookTwin.write(source: RawPath.path(argument: source), target: file, layout: layout)
            Diagnostics.output("wrote \(file) (\(count) records)")
            return .ok
        }
        let seed = UInt64(try number(.seed, 20_250_101))
        var generator = try SampleGenerator(
            unitsPath: arguments.value(.units) ?? "SampleData/reference/hanoi_districts_2024-11-01.csv",
            proceduresPath: arguments.value(.procedures) ?? "SampleData/reference/procedures.csv", seed: seed,
            calendarFolder: try CalendarCommand.folder(arguments.value(.calendars), tool: "reform-sample"))
        let from =
            arguments.value(.from) == nil ? Month(year: 2025, month: 1) : try arguments.month(.from, usage: usage)
        if let folder = arguments.value(.indices) {
            for (name, bytes) in generator.indexInputs(years: [2024, 2025]) {
                try AtomicFile.write(bytes, to: folder + "/" + name)
                Diagnostics.output("wrote \(folder)/\(name)")
            }
            return .ok
        }
        if let folder = arguments.value(.audit) {
            let start = arguments.value(.from) == nil ? Month(year: 2024, month: 7) : from
            let end =
                arguments.value(.to) == nil ? Month(year: 2025, month: 9) : try arguments.month(.to, usage: usage)
            guard let months = CompareSettings.months(from: start, to: end) else {
                throw CommandFailure(.usage, "--from must not be after --to")
            }
            try generator.addReformUnits(
                path: arguments.value(.reformUnits) ?? "SampleData/reference/units/hanoi_units_2025-07-01.csv",
                day: Month(year: 2025, month: 7).firstDay)
            let (files, planted) = try generator.auditExports(
                months: months, perMonth: try number(.perMonth, 1000), plant: !arguments.flag(.clean))
            for (name, bytes) in files {
                try AtomicFile.write(bytes, to: folder + "/exports/" + name)
                Diagnostics.output("wrote \(folder)/exports/\(name)")
            }
            try AtomicFile.write(SampleGenerator.manifest(planted), to: folder + "/planted.csv")
            Diagnostics.output("wrote \(folder)/planted.csv (\(planted.count) planted anomalies)")
            return .ok
        }
        if arguments.value(.rows) != nil {
            let file = try arguments.required(.file, usage: usage)
            let output = try StagedFile(path: file)
            try generator.largeExport(
                rows: try number(.rows, 1), perMonth: try number(.perMonth, 400_000), start: from
            ) {
                try output.write($0)
            }
            try output.commit()
            Diagnostics.output("wrote \(file)")
            return .ok
        }
        let out = try arguments.required(.out, usage: usage)
        let to = arguments.value(.to) == nil ? Month(year: 2025, month: 3) : try arguments.month(.to, usage: usage)
        guard from <= to else { throw CommandFailure(.usage, "--from must not be after --to") }
        var months: [Month] = []
        var month = from
        while month <= to {
            months.append(month)
            month = month.next
        }
        let style = arguments.value(.style) ?? "vendor"
        guard style == "vendor" || style == "mixed" else { throw CommandFailure(.usage, "--style is vendor or mixed") }
        for (name, bytes) in try generator.monthlyExports(
            months: months, perMonth: try number(.perMonth, 900), style: style)
        {
            try AtomicFile.write(bytes, to: out + "/" + name)
            Diagnostics.output("wrote \(out)/\(name)")
        }
        return .ok
    }
}
