import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The deadline audit and processing times of a computed month, as read back from the store for
/// `deadline_audit.csv`, `processing_time.csv` and the report page.
public struct DeadlineReport {
    /// One unit's audit row.
    public struct UnitRow {
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

    /// Processing time of one unit and procedure.
    public struct TimeRow {
        public var unitCode: String
        public var unitName: String
        public var procedureCode: String
        public var procedureName: String
        public var resolved: Int
        public var totalDays: Int
        public var medianTwice: Int
        public var p90: Int
        public var statutoryTime: String
        public var timeUnit: String

        /// Mean working days, hundredths, half-up from the exact sum.
        public var meanHundredths: Int { (200 * totalDays + resolved) / (2 * resolved) }
    }

    public var units: [UnitRow] = []
    public var times: [TimeRow] = []

    /// Reads the stored audit of `month`; `bieu06` supplies the reported rates.
    public init(database: Database, month: Month, bieu06: [Bieu06Row]) throws {
        let period = SQLValue.text(month.description)
        let reported = Dictionary(bieu06.map { ($0.key, $0.onTimeRateHundredths) }, uniquingKeysWith: { a, _ in a })
        var examples: [Int64: [String]] = [:]
        try database.prepare(
            "SELECT unit_id, dossier_id FROM deadline_finding WHERE period = ? AND finding = 'appointment_later' ORDER BY unit_id, dossier_id"
        ).forEachRow([period]) { row in
            if examples[row.int64(0), default: []].count < 5 { examples[row.int64(0), default: []].append(row.text(1)) }
        }
        try database.prepare(
            """
            SELECT a.unit_id, u.code, u.name, a.received, a.checked, a.matches, a.appointment_later, a.appointment_earlier,
                   a.statutory_decided, a.statutory_on_time
            FROM deadline_audit a JOIN unit u ON u.id = a.unit_id WHERE a.period = ? ORDER BY u.code
            """
        ).forEachRow([period]) { r in
            units.append(
                UnitRow(
                    code: r.text(1), name: r.text(2), received: r.int(3), checked: r.int(4), matches: r.int(5),
                    later: r.int(6),
                    earlier: r.int(7), laterExamples: examples[r.int64(0)] ?? [],
                    reportedRate: reported[r.text(1)] ?? nil,
                    statutoryDecided: r.int(8), statutoryOnTime: r.int(9)))
        }
        try database.prepare(
            """
            SELECT u.code, u.name, p.code, p.name, t.resolved, t.total_working_days, t.median_twice, t.p90,
                   IFNULL(p.statutory_time, ''), IFNULL(p.time_unit, '')
            FROM processing_time t JOIN unit u ON u.id = t.unit_id JOIN procedure p ON p.id = t.procedure_id
            WHERE t.period = ? ORDER BY u.code, p.code
            """
        ).forEachRow([period]) { r in
            times.append(
                TimeRow(
                    unitCode: r.text(0), unitName: r.text(1), procedureCode: r.text(2), procedureName: r.text(3),
                    resolved: r.int(4),
                    totalDays: r.int(5), medianTwice: r.int(6), p90: r.int(7), statutoryTime: r.text(8),
                    timeUnit: r.text(9)))
        }
    }

    /// `deadline_audit.csv`: one row per unit with receipts or resolutions in the month.
    public func auditCSV(month: Month) -> [UInt8] {
        var writer = CSVWriter(header: [
            "period", "unit_code", "unit_name", "received", "checked", "matches", "appointment_later",
            "appointment_earlier",
            "unchecked", "later_examples", "reported_on_time_rate", "statutory_decided", "statutory_on_time",
            "statutory_on_time_rate",
        ])
        for row in units {
            writer.writeRow(
                [.text(month.description), .text(row.code), .text(row.name)]
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

    /// `processing_time.csv`: one row per unit and procedure with resolutions in the month.
    public func timeCSV(month: Month) -> [UInt8] {
        var writer = CSVWriter(header: [
            "period", "unit_code", "unit_name", "procedure_code", "procedure_name", "resolved", "mean_working_days",
            "median_working_days", "p90_working_days", "statutory_time", "time_unit",
        ])
        for row in times {
            writer.writeRow([
                .text(month.description), .text(row.unitCode), .text(row.unitName), .text(row.procedureCode),
                .text(row.procedureName), .int(row.resolved), .number(Percentage.plain(row.meanHundredths)),
                .number(Percentage.plain(row.medianTwice * 50)), .int(row.p90),
                row.statutoryTime.isEmpty ? .empty : .number(row.statutoryTime), .text(row.timeUnit),
            ])
        }
        return writer.bytes
    }
}
