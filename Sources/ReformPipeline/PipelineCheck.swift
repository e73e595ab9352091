import ReformIngest
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// `reform check PIPELINE.json`: what a run of a definition would do — every input it would read
/// (kind, size, format and sheet, new or already ingested), the period it would report, every file
/// it would write — writing nothing. The definition itself was checked when it was read (exit 78);
/// a missing input is exit 66 after the whole plan is printed.
public enum PipelineCheck {
    /// The plan's lines, or a failure after `output` has printed them.
    public static func run(
        _ definition: PipelineDefinition, path: String, period override: PeriodChoice?, year yearOverride: Int?,
        output: (String) -> Void
    ) throws {
        output("definition: \(FilePath.printable(path)) is valid")
        output("stages: \(definition.stages.joined(separator: ", "))")
        var latestDay: Int?
        let (database, state) = try openIfUsable(definition.database)
        if let database {
            let batches = try BatchTable.all(in: database)
            latestDay = try DossierTable.latestReceiptDay(in: database)
            output(
                "database: \(FilePath.printable(definition.database)) (\(batches.count) files ingested"
                    + (latestDay.map { ", latest receipt \(CivilDate.isoString($0))" } ?? "") + ")")
        } else {
            output("database: \(FilePath.printable(definition.database)) (\(state))")
        }
        var missing: [String] = []
        var newInputs = 0
        if definition.stages.contains("ingest") {
            output("inputs (in ingest order):")
            var unmatched: [String] = []
            let plan = try definition.ingestPlan { unmatched.append($0 + " (no file matches)") }
            missing += unmatched
            for (kind, files) in plan {
                for file in files {
                    let (line, isNew) = try describe(
                        file, kind: kind, definition: definition, database: database, missing: &missing)
                    if isNew { newInputs += 1 }
                    output("  " + line)
                }
            }
            output(
                "rejects: refused rows would go to \(FilePath.printable(definition.rejects))/<file name>.rejects.csv")
        }
        let periodStages = ["compute", "report", "consolidate"].filter(definition.stages.contains)
        if !periodStages.isEmpty {
            let choice = override ?? definition.period
            var period: ReportingPeriod?
            switch choice {
            case .fixed(let fixed):
                period = fixed
                output("period: \(describe(fixed))")
            case .latest:
                if let database { period = try choice.resolve(in: database, tool: "reform check") }
                if let period {
                    output(
                        "period: \(describe(period)), the latest complete one in the data stored now"
                            + (newInputs == 0
                                ? ""
                                : newInputs == 1
                                    ? " (the new input may move it)" : " (the \(newInputs) new inputs may move it)"))
                } else {
                    output("period: the latest complete one in the data, known once the inputs are ingested")
                }
            }
            if definition.history > 0, let period {
                let earlier = definition.periods(endingWith: period).dropLast()
                output(
                    "history: \(definition.history) earlier period\(definition.history == 1 ? "" : "s") first, "
                        + earlier.map(\.description).joined(separator: ", ")
                        + " (each its own folder like the one below)")
            } else if definition.history > 0 {
                output("history: the \(definition.history) periods before it first, each its own folder")
            }
            output("counting: \(definition.counting.description)")
            let folder = definition.output + "/" + (period?.description ?? "LABEL")
            var names: [String] = []
            if definition.stages.contains("report") { names += ReportStage.fileNames }
            if definition.stages.contains("consolidate") { names += ConsolidateStage.fileNames }
            if !names.isEmpty {
                output("outputs: \(FilePath.printable(folder))/")
                for name in names { output("  \(name)") }
            }
        }
        let indexStages = ["compute-indices", "report-indices"].filter(definition.stages.contains)
        if !indexStages.isEmpty {
            let year = yearOverride ?? definition.year ?? latestDay.map { CivilDate.civil($0).year }
            output(
                "year: \(year.map(String.init) ?? "the year of the latest receipt, known once the inputs are ingested")"
            )
            if definition.stages.contains("report-indices") {
                output("outputs: \(FilePath.printable(definition.output + "/" + (year.map(String.init) ?? "YYYY")))/")
                for name in IndexStages.fileNames + ["indices.html", "indices.xlsx"] { output("  \(name)") }
            }
        }
        if definition.stages.contains("compare"), let compare = definition.compare {
            output("compare: \(compare.months.first!) to \(compare.months.last!)")
            for view in compare.views {
                output("outputs: \(FilePath.printable(definition.output + "/" + view.rawValue))/")
                for name in CompareStage.fileNames { output("  \(name)") }
            }
        }
        output("home page: \(FilePath.printable(definition.output))/index.html (rewritten after the stages)")
        guard missing.isEmpty else {
            throw PipelineError(
                .inputMissing,
                "\(missing.count) input\(missing.count == 1 ? " is" : "s are") missing or not a file: "
                    + missing.map(FilePath.printable).joined(separator: ", "))
        }
        output("nothing was written")
    }

    /// The database to compare the inputs with, or why there is none that a run could not use:
    /// absent or empty (a run creates it), or written by an older build (a run upgrades it).
    /// Another application's file or a newer build's is refused as a run refuses it.
    private static func openIfUsable(_ path: String) throws -> (Database?, String) {
        guard FilePath.exists(path) else { return (nil, "does not exist yet: a run creates it") }
        do {
            return (try Schema.openForReading(path: path), "")
        } catch let error as SchemaError {
            switch error {
            case .missing: return (nil, "an empty file: a run makes it the database")
            case .olderThanThisBuild(_, let found, let supported):
                return (nil, "written by an older build (schema \(found)): a run upgrades it to \(supported) first")
            default: throw error
            }
        }
    }

    /// One input's line: kind, path, size, format (and sheet), new or already ingested.
    private static func describe(
        _ file: String, kind: InputKind, definition: PipelineDefinition, database: Database?,
        missing: inout [String]
    ) throws -> (line: String, isNew: Bool) {
        let name = FilePath.printable(file)
        let padded = kind.rawValue + String(repeating: " ", count: max(13 - kind.rawValue.count, 1))
        do {
            try IngestStage.requireRegularFile(file)
        } catch let failure as PipelineError {
            // A run stops on it the same way (exit 66), whether it is absent or a FIFO.
            missing.append(file)
            return (padded + name + "  " + failure.description, false)
        }
        let size = InputFile.size(of: file)
        var format: String
        switch try InputFormat.of(path: file) {
        case .text: format = "text"
        case .ooxml: format = "workbook (.xlsx), sheet " + (kind == .dossiers ? definition.sheet ?? "1" : "1")
        case .html: format = "HTML table, sheet " + (kind == .dossiers ? definition.sheet ?? "1" : "1")
        case .biff: format = "legacy workbook (.xls), sheet " + (kind == .dossiers ? definition.sheet ?? "1" : "1")
        case .encryptedOOXML: format = "password-protected workbook (would be refused)"
        case .spreadsheetML: format = "XML Spreadsheet 2003"
        }
        var seen = false
        if let database {
            let digest = try SHA256.hexDigest(ofFile: file) { false }
            let encoding = kind == .dossiers ? definition.encoding : .utf8
            seen =
                try BatchTable.earlier(sha256: digest, kind: kind.rawValue, encoding: encoding.rawValue, in: database)
                != nil
        }
        let line = padded + name + "  \(ProgressMeter.grouped(Int64(size))) bytes, \(format),"
        if seen { return (line + " already ingested (a run skips it)", false) }
        // A new file is opened as far as its header: what a run would read, or why it would refuse it.
        guard let requirement = HeaderProbe.requirement(for: kind.rawValue) else { return (line + " new", true) }
        do {
            let found = try HeaderProbe.describe(
                path: file, requirement: requirement, encoding: kind == .dossiers ? definition.encoding : .utf8,
                sheet: kind == .dossiers ? definition.sheet : nil)
            return (line + " new: " + found, true)
        } catch {
            return (line + " new, would be refused: " + PersonalData.masked("\(error)"), true)
        }
    }

    private static func describe(_ period: ReportingPeriod) -> String {
        let days = "\(CivilDate.isoString(period.firstDay)) to \(CivilDate.isoString(period.lastDay))"
        return period.name == period.description ? "\(period.name) (\(days))" : "\(period.name), \(days)"
    }
}
