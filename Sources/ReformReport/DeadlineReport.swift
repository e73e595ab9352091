import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The deadline audit and processing times of a computed period, as read back from the store for
/// `deadline_audit.csv`, `processing_time.csv` and the report page.
public struct DeadlineReport {
    /// One unit's audit row.
    public struct UnitLine {
        public var code: String
        public var name: String
        public var received: Int
        public var checked: Int
        public var matches: Int
        public var later: Int
        public var earlier: Int
        public var laterExamples: [String]
        public var reportedRate: Int?
        public var statutoryDecided: Int
        public var statutoryOnTime: Int

        /// Receipts without an appointment date or a statutory time in the catalogue.
        public var unchecked: Int { received - checked }
        /// On-time rate against the statutory due day, in hundredths of a percent.
        public var statutoryRate: Int? { Percentage.hundredths(statutoryOnTime, statutoryDecided) }
    }

    /// Processing time of one unit and procedure, as stored.
    public typealias TimeLine = DeadlineTables.ProcessingTime

    public var units: [UnitLine] = []
    public var times: [TimeLine] = []

    /// Reads the stored audit of `period`; `bieu06` supplies the reported rates.
    public init(database: Database, period reportingPeriod: ReportingPeriod, bieu06: [Bieu06Row]) throws {
        let period = reportingPeriod.description
        let reported = Dictionary(bieu06.map { ($0.key, $0.onTimeRateHundredths) }, uniquingKeysWith: { a, _ in a })
        let examples = try DeadlineTables.laterExamples(period: period, limit: 5, in: database)
        units = try DeadlineTables.units(period: period, in: database).map { r in
            UnitLine(
                code: r.code, name: r.name, received: r.counts.received, checked: r.counts.checked,
                matches: r.counts.matches, later: r.counts.later, earlier: r.counts.earlier,
                laterExamples: examples[r.counts.unitID] ?? [], reportedRate: reported[r.code] ?? nil,
                statutoryDecided: r.counts.statutoryDecided, statutoryOnTime: r.counts.statutoryOnTime)
        }
        times = try DeadlineTables.processingTimes(period: period, in: database)
    }

    /// `deadline_audit.csv`: one row per unit with receipts or resolutions in the period.
    public func auditCSV(period: ReportingPeriod) -> [UInt8] {
        var writer = CSVWriter(header: [
            "period", "unit_code", "unit_name", "received", "checked", "matches", "appointment_later",
            "appointment_earlier",
            "unchecked", "later_examples", "reported_on_time_rate", "statutory_decided", "statutory_on_time",
            "statutory_on_time_rate",
        ])
        for row in units {
            writer.writeRow(
                [.text(period.description), .text(row.code), .text(row.name)]
                    + [row.received, row.checked, row.matches, row.later, row.earlier, row.unchecked].map {
                        CSVCell.int($0)
                    }
                    + [
                        .text(row.laterExamples.joined(separator: " ")),
                        row.reportedRate.map { .number(Percentage.plain($0)) } ?? .empty, .int(row.statutoryDecided),
                        .int(row.statutoryOnTime), row.statutoryRate.map { .number(Percentage.plain($0)) } ?? .empty,
                    ])
        }
        return writer.bytes
    }

    /// `processing_time.csv`: one row per unit and procedure with resolutions in the period.
    public func timeCSV(period: ReportingPeriod) -> [UInt8] {
        var writer = CSVWriter(header: [
            "period", "unit_code", "unit_name", "procedure_code", "procedure_name", "resolved", "mean_working_days",
            "median_working_days", "p90_working_days", "statutory_time", "time_unit",
        ])
        for row in times {
            writer.writeRow([
                .text(period.description), .text(row.unitCode), .text(row.unitName), .text(row.procedureCode),
                .text(row.procedureName), .int(row.resolved), .number(Percentage.plain(row.meanHundredths)),
                .number(Percentage.plain(row.medianTwice * 50)), .int(row.p90),
                row.statutoryTime.isEmpty ? .empty : .number(row.statutoryTime), .text(row.timeUnit),
            ])
        }
        return writer.bytes
    }
}

extension DeadlineTables.ProcessingTime {
    /// Mean working days, hundredths, half-up from the exact sum.
    public var meanHundredths: Int { (200 * totalDays + resolved) / (2 * resolved) }
}
