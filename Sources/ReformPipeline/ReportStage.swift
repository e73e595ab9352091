import Foundation
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

/// The report stage: reads the metric tables of a computed month and writes
/// `OUT/YYYY-MM/` (`fileNames`), replacing the folder as a whole.
public enum ReportStage {
    /// The files written, relative to the output folder.
    public static let fileNames = [
        "bieu06_by_unit.csv", "bieu06_by_field.csv", "deadline_audit.csv", "processing_time.csv", "report.html",
    ]

    /// Writes the reports of `month`; returns the folder written.
    @discardableResult
    public static func run(database: Database, month: Month, outputFolder: String) throws -> String {
        let table = Bieu06Table(database: database)
        guard let units = try table.rows(month: month, dimension: .unit),
            let fields = try table.rows(month: month, dimension: .field)
        else {
            throw CommandFailure(
                .noInput,
                "period \(month) has not been computed; run reform-compute --db \(database.path) --period \(month) first"
            )
        }
        let quality = try DataQuality(database: database, month: month)
        if quality.isStale {
            Diagnostics.error(
                "reform-report: warning: files were ingested after \(month) was computed; re-run reform-compute")
        }
        let folder = outputFolder + "/" + month.description
        // The month's files are replaced together: never new CSVs beside an old page.
        let files = try StagedFolder(path: folder)
        try files.write(Bieu06CSV.file(units, month: month, dimension: .unit), name: "bieu06_by_unit.csv")
        try files.write(Bieu06CSV.file(fields, month: month, dimension: .field), name: "bieu06_by_field.csv")
        let deadlines = try DeadlineReport(database: database, month: month, bieu06: units)
        try files.write(deadlines.auditCSV(month: month), name: "deadline_audit.csv")
        try files.write(deadlines.timeCSV(month: month), name: "processing_time.csv")
        var page = Bieu06Page(
            month: month, units: units, fields: fields, violations: try table.violations(month: month),
            quality: quality,
            generatedAt: generatedAt())
        page.deadlines = deadlines
        try files.write(page.html(), name: "report.html")
        try files.commit()
        return folder
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
