import FoundationEssentials
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The report stage: reads the metric tables of a computed period and writes `OUT/LABEL/`
/// (`fileNames`; LABEL is `YYYY-MM` or `YYYY-MM-DD_YYYY-MM-DD`), replacing the folder as a whole.
public enum ReportStage {
    /// The files written, relative to the output folder.
    public static let fileNames = [
        "bieu06_by_unit.csv", "bieu06_by_field.csv", "deadline_audit.csv", "processing_time.csv", "report.html",
        "bieu06.xlsx", "provenance.csv",
    ]

    /// Writes the reports of `period`; returns the folder written. `header` names the reporting
    /// body and its recipient in the official form; warnings are signed `tool` (`reform` under `reform run`).
    /// `homePage` false leaves the home page to the caller (`reform run` writes it once, at the end).
    @discardableResult
    public static func run(
        database: Database, period: ReportingPeriod, outputFolder: String, header: FormHeader = FormHeader(),
        tool: String = "reform-report", homePage: Bool = true
    ) throws -> String {
        let table = Bieu06Table(database: database)
        guard let units = try table.rows(period: period, dimension: .unit),
            let fields = try table.rows(period: period, dimension: .field)
        else {
            throw PipelineError(
                .inputMissing,
                "period \(period) has not been computed; run reform-compute --db \(database.path) "
                    + "\(period.isCalendarMonth ? "--period \(period)" : "--from \(CivilDate.isoString(period.firstDay)) --to \(CivilDate.isoString(period.lastDay))") first"
            )
        }
        let quality = try DataQuality(database: database, period: period)
        if quality.isStale {
            Diagnostics.error(
                "\(tool): warning: files were ingested after \(period) was computed; re-run reform-compute")
        }
        let folder = outputFolder + "/" + period.description
        // The period's files are replaced together: never new CSVs beside an old page.
        let files = try StagedFolder(path: folder)
        try files.write(Bieu06CSV.file(units, period: period, dimension: .unit), name: Bieu06CSV.name(.unit))
        try files.write(Bieu06CSV.file(fields, period: period, dimension: .field), name: Bieu06CSV.name(.field))
        let deadlines = try DeadlineResults(database: database, period: period, bieu06: units)
        for output in [
            DeadlineReport.audit(deadlines, period: period), DeadlineReport.times(deadlines, period: period),
        ] {
            try files.write(output.csv, name: output.name)
        }
        var page = Bieu06Page(
            period: period, units: units, fields: fields, violations: try table.violations(period: period),
            quality: quality,
            generatedAt: generatedAt())
        page.deadlines = deadlines
        page.change = try previousPeriod(of: period, counting: quality.counting, in: database)
        try files.write(page.html(), name: "report.html")
        let levels = try UnitLevels(database: database, period: period)
        let workbook = Bieu06Workbook(
            period: period, units: units, fields: fields, header: header, counting: quality.counting,
            levels: levels, sourceDateEpoch: sourceDateEpoch())
        try workbook.write(to: files.stagedPath("bieu06.xlsx"))
        try files.write(ProvenanceCSV.file(period: period, quality: quality), name: "provenance.csv")
        try files.commit()
        if homePage { try HomePageWriter.write(outputFolder: outputFolder, tool: tool) }
        return folder
    }

    /// The previous period of the same kind as stored, with its counting rules when they differ.
    static func previousPeriod(of period: ReportingPeriod, counting: CountingRules, in database: Database) throws
        -> PeriodChange
    {
        let previous = period.previous
        let units = try Bieu06Table(database: database).rows(period: previous, dimension: .unit)
        var different: CountingRules?
        if units != nil, let run = try ComputeRunTable.run(of: previous.description, in: database),
            case .success(let rules) = CountingRules.parse(run.counting), rules != counting
        {
            different = rules
        }
        return PeriodChange(previous: previous, previousUnits: units, differentCounting: different)
    }

    /// `SOURCE_DATE_EPOCH` in seconds, when set.
    static func sourceDateEpoch() -> Int64? {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
    }

    /// `SOURCE_DATE_EPOCH` as an ISO date-time in Vietnam time, when set (reproducible builds' convention).
    static func generatedAt() -> String? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) else {
            return nil
        }
        let local = seconds + CivilDate.vietnamOffsetSeconds
        let day = CivilDate.vietnamDay(ofEpochSeconds: seconds)
        let secondOfDay = Int(local - Int64(day) * 86400)
        return
            "\(CivilDate.isoString(day)) \(CivilDate.pad(secondOfDay / 3600, 2)):\(CivilDate.pad(secondOfDay / 60 % 60, 2)) (UTC+7)"
    }
}
