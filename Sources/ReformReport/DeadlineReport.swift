import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// The deadline audit's output files, `deadline_audit.csv` and `processing_time.csv`: each file's
/// columns declared once.
public enum DeadlineReport {
    /// The columns of `deadline_audit.csv`: one row per unit with receipts or resolutions in the period.
    public static func auditColumns(period: ReportingPeriod) -> [OutputColumn<DeadlineResults.UnitLine>] {
        [
            .text("period") { _ in period.description }, .text("unit_code") { $0.code },
            .text("unit_name") { $0.name }, .integer("received") { $0.received }, .integer("checked") { $0.checked },
            .integer("matches") { $0.matches }, .integer("appointment_later") { $0.later },
            .integer("appointment_earlier") { $0.earlier }, .integer("unchecked") { $0.unchecked },
            .text("later_examples") { $0.laterExamples.joined(separator: " ") },
            .integer("reported_on_time_rate", .hundredths) { $0.reportedRate },
            .integer("statutory_decided") { $0.statutoryDecided },
            .integer("statutory_on_time") { $0.statutoryOnTime },
            .integer("statutory_on_time_rate", .hundredths) { $0.statutoryRate },
        ]
    }

    /// The columns of `processing_time.csv`: one row per unit and procedure with resolutions in the period.
    public static func timeColumns(period: ReportingPeriod) -> [OutputColumn<DeadlineResults.TimeLine>] {
        [
            .text("period") { _ in period.description }, .text("unit_code") { $0.unitCode },
            .text("unit_name") { $0.unitName }, .text("procedure_code") { $0.procedureCode },
            .text("procedure_name") { $0.procedureName }, .integer("resolved") { $0.resolved },
            .integer("mean_working_days", .hundredths) { $0.meanHundredths },
            .integer("median_working_days", .hundredths) { $0.medianHundredths },
            .integer("p90_working_days") { $0.p90 },
            OutputColumn("statutory_time", .writtenNumber) {
                $0.statutoryTime.isEmpty ? .absent : .text($0.statutoryTime)
            },
            .text("time_unit") { $0.timeUnit },
        ]
    }

    /// `deadline_audit.csv`.
    public static func audit(_ results: DeadlineResults, period: ReportingPeriod) -> OutputTable {
        OutputTable(name: "deadline_audit.csv", columns: auditColumns(period: period), rows: results.units)
    }

    /// `processing_time.csv`.
    public static func times(_ results: DeadlineResults, period: ReportingPeriod) -> OutputTable {
        OutputTable(name: "processing_time.csv", columns: timeColumns(period: period), rows: results.times)
    }
}
