import ReformModel
import ReformStore
import ReformSupport

/// The deadline audit and processing times of a computed period, as the report writes and shows
/// them (`deadline_audit.csv`, `processing_time.csv`): the stored counts with every rate, mean and
/// median worked out here, so the report only formats.
public struct DeadlineResults: Sendable {
    /// One unit's audit line.
    public struct UnitLine: Sendable, Equatable {
        public var code: String
        public var name: String
        /// Dossiers received in the period.
        public var received: Int
        /// Those with both an appointment date and a statutory time to compare it with.
        public var checked: Int
        public var matches: Int
        /// Appointments later than the statutory due day (a late dossier that looks on time).
        public var later: Int
        public var earlier: Int
        /// Receipts without an appointment date or a statutory time in the catalogue.
        public var unchecked: Int
        /// Up to five dossier ids of `later`, the smallest first.
        public var laterExamples: [String]
        /// The unit's on-time rate on the form, in hundredths of a percent.
        public var reportedRate: Int?
        public var statutoryDecided: Int
        public var statutoryOnTime: Int
        /// On-time rate against the statutory due day, in hundredths of a percent.
        public var statutoryRate: Int?
    }

    /// Processing time of one unit and procedure.
    public struct TimeLine: Sendable, Equatable {
        public var unitCode: String
        public var unitName: String
        public var procedureCode: String
        public var procedureName: String
        public var resolved: Int
        /// Mean working days in hundredths, half-up from the exact sum.
        public var meanHundredths: Int
        /// Median working days in hundredths (an even count's median may end in .50).
        public var medianHundredths: Int
        /// The 90th percentile in whole working days.
        public var p90: Int
        /// The catalogue's statutory time as written there, and its unit (`working_days`, …).
        public var statutoryTime: String
        public var timeUnit: String
    }

    public var units: [UnitLine] = []
    public var times: [TimeLine] = []

    /// The stored audit of `period`; `bieu06` (the period's rows by unit) supplies the reported rates.
    public init(database: Database, period reportingPeriod: ReportingPeriod, bieu06: [Bieu06Row]) throws {
        let period = reportingPeriod.description
        let reported = Dictionary(bieu06.map { ($0.key, $0.onTimeRateHundredths) }, uniquingKeysWith: { a, _ in a })
        let examples = try DeadlineTables.laterExamples(period: period, limit: 5, in: database)
        units = try DeadlineTables.units(period: period, in: database).map { r in
            let counts = r.counts
            return UnitLine(
                code: r.code, name: r.name, received: counts.received, checked: counts.checked,
                matches: counts.matches, later: counts.later, earlier: counts.earlier,
                unchecked: counts.received - counts.checked, laterExamples: examples[counts.unitID] ?? [],
                reportedRate: reported[r.code] ?? nil, statutoryDecided: counts.statutoryDecided,
                statutoryOnTime: counts.statutoryOnTime,
                statutoryRate: Percentage.hundredths(counts.statutoryOnTime, counts.statutoryDecided))
        }
        times = try DeadlineTables.processingTimes(period: period, in: database).map(Self.line)
    }

    /// The line of one stored unit and procedure.
    static func line(_ t: DeadlineTables.ProcessingTime) -> TimeLine {
        TimeLine(
            unitCode: t.unitCode, unitName: t.unitName, procedureCode: t.procedureCode, procedureName: t.procedureName,
            resolved: t.resolved, meanHundredths: (200 * t.totalDays + t.resolved) / (2 * t.resolved),
            medianHundredths: t.medianTwice * 50, p90: t.p90, statutoryTime: t.statutoryTime, timeUnit: t.timeUnit)
    }
}
