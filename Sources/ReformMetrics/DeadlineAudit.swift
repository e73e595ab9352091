import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The deadline audit of one month (docs/contract.md §4; the calendar issue):
///
/// - For dossiers received in the month whose procedure has a statutory time in the catalogue and
///   that carry an appointment date: the statutory due day is recomputed from the receipt with the
///   working-day calendar and the rule set of the receipt date; an appointment later than it hides
///   lateness (the dossier looks on time while the law was not met), an earlier one is flagged too.
/// - For dossiers resolved in the month: the on-time rate against the statutory due day, beside
///   the reported one, and the processing time in working days per unit and procedure.
public struct DeadlineAudit {
    /// One unit's audit counts.
    public struct UnitRow: Equatable, Sendable {
        public var unitID: Int64
        public var received = 0
        public var checked = 0
        public var matches = 0
        public var appointmentLater = 0
        public var appointmentEarlier = 0
        public var statutoryDecided = 0
        public var statutoryOnTime = 0
    }

    /// Processing times of one unit and procedure (working days, resolved dossiers of the month).
    public struct ProcessingRow: Equatable, Sendable {
        public var unitID: Int64
        public var procedureID: Int64
        public var days: [Int]
    }

    /// A dossier whose appointment differs from the statutory due day.
    public struct Finding: Equatable, Sendable {
        public var dossierID: String
        public var unitID: Int64
        public var later: Bool
        public var appointmentDay: Int
        public var statutoryDay: Int
    }

    public var units: [Int64: UnitRow] = [:]
    public var processing: [String: ProcessingRow] = [:]
    public var findings: [Finding] = []
    /// The rule sets that judged the month's dossiers, in date order.
    public var ruleSetsUsed: [String] = []

    /// A dossier as the audit reads it, with its procedure's statutory time from the catalogue.
    struct Dossier {
        var dossierID: String
        var unitID: Int64
        var procedureID: Int64
        var receivedAt: Int64
        var receivedDay: Int
        var dueDay: Int?
        var status: Int
        var endDay: Int?
        var statutoryTime: Int? = nil
        var timeUnit: String? = nil
    }

    private let monthStart: Int, monthEnd: Int
    private let settings: ComputeSettings
    private var ruleSetsSeen = Set<String>()

    /// An empty audit of `month`, filled with `add` (by one scan or several, then `merge`d).
    init(month: Month, settings: ComputeSettings) {
        monthStart = month.firstDay
        monthEnd = month.endDay
        self.settings = settings
    }

    /// Computes the audit of `month` from its own scan of the dossiers.
    public init(database: Database, month: Month, settings: ComputeSettings) throws {
        self.init(month: month, settings: settings)
        let statement = try database.prepare(
            """
            SELECT d.dossier_id, d.unit_id, d.procedure_id, d.received_at, d.received_day, d.due_day, d.status, d.end_day,
                   p.statutory_time, p.time_unit
            FROM dossier d JOIN procedure p ON p.id = d.procedure_id
            WHERE d.status <> 6 AND ((d.received_day >= ?1 AND d.received_day < ?2) OR (d.status = 1 AND d.end_day >= ?1 AND d.end_day < ?2))
            ORDER BY d.dossier_id
            """)
        try statement.forEachRow([.int(monthStart), .int(monthEnd)]) { row in
            try add(
                Dossier(
                    dossierID: row.text(0), unitID: row.int64(1), procedureID: row.int64(2), receivedAt: row.int64(3),
                    receivedDay: row.int(4), dueDay: row.isNull(5) ? nil : row.int(5), status: row.int(6),
                    endDay: row.isNull(7) ? nil : row.int(7), statutoryTime: row.isNull(8) ? nil : row.int(8),
                    timeUnit: row.isNull(9) ? nil : row.text(9)))
        }
    }

    /// True when `dossier` concerns the month's audit: received in it, or resolved in it (never a
    /// not-accepted one).
    func concerns(status: Int, receivedDay: Int, endDay: Int?) -> Bool {
        guard status != LifecycleClass.notAccepted.rawValue else { return false }
        if (monthStart..<monthEnd).contains(receivedDay) { return true }
        guard status == LifecycleClass.resolved.rawValue, let endDay else { return false }
        return (monthStart..<monthEnd).contains(endDay)
    }

    /// Audits one dossier of the month (one `concerns` accepts).
    mutating func add(_ dossier: Dossier) throws {
        let s = monthStart, e = monthEnd
        let unitID = dossier.unitID
        let resolvedHere =
            dossier.status == LifecycleClass.resolved.rawValue && dossier.endDay.map { (s..<e).contains($0) } == true
        let ruleSet = RuleSet.applying(to: dossier.receivedDay, in: settings.ruleSets)
        if ruleSetsSeen.insert(ruleSet.name).inserted {
            ruleSetsUsed = settings.ruleSets.map(\.name).filter { ruleSetsSeen.contains($0) }
        }
        var statutory: Int?
        if let amount = dossier.statutoryTime, let unit = dossier.timeUnit.flatMap(TimeUnit.init(rawValue:)) {
            statutory = try settings.calendar.dueDay(
                receivedAt: dossier.receivedAt, amount: amount, unit: unit, cutoffMinute: ruleSet.cutoffMinute)
        }
        var unitRow = units[unitID] ?? UnitRow(unitID: unitID)
        if (s..<e).contains(dossier.receivedDay) {
            unitRow.received += 1
            if let statutory, let dueDay = dossier.dueDay {
                unitRow.checked += 1
                if dueDay == statutory {
                    unitRow.matches += 1
                } else {
                    if dueDay > statutory { unitRow.appointmentLater += 1 } else { unitRow.appointmentEarlier += 1 }
                    findings.append(
                        Finding(
                            dossierID: dossier.dossierID, unitID: unitID, later: dueDay > statutory,
                            appointmentDay: dueDay, statutoryDay: statutory))
                }
            }
        }
        if resolvedHere, let endDay = dossier.endDay {
            if let statutory {
                unitRow.statutoryDecided += 1
                if endDay <= statutory { unitRow.statutoryOnTime += 1 }
            }
            let key = "\(unitID)/\(dossier.procedureID)"
            processing[key, default: ProcessingRow(unitID: unitID, procedureID: dossier.procedureID, days: [])].days
                .append(try settings.calendar.workingDays(from: dossier.receivedDay, to: endDay))
        }
        units[unitID] = unitRow
    }

    /// Adds the audit of other dossiers of the same month; `other`'s findings come after these.
    mutating func merge(_ other: DeadlineAudit) {
        units.merge(other.units) { a, b in
            var sum = a
            sum.received += b.received
            sum.checked += b.checked
            sum.matches += b.matches
            sum.appointmentLater += b.appointmentLater
            sum.appointmentEarlier += b.appointmentEarlier
            sum.statutoryDecided += b.statutoryDecided
            sum.statutoryOnTime += b.statutoryOnTime
            return sum
        }
        processing.merge(other.processing) { a, b in
            var both = a
            both.days += b.days
            return both
        }
        findings += other.findings
        ruleSetsSeen.formUnion(other.ruleSetsSeen)
        ruleSetsUsed = settings.ruleSets.map(\.name).filter { ruleSetsSeen.contains($0) }
    }

    /// Replaces the stored audit of `month`.
    public func store(in database: Database, month: Month) throws {
        let period = SQLValue.text(month.description)
        for table in ["deadline_audit", "deadline_finding", "processing_time"] {
            try database.prepare("DELETE FROM \(table) WHERE period = ?").run([period])
        }
        let unitInsert = try database.prepare(
            """
            INSERT INTO deadline_audit(period, unit_id, received, checked, matches, appointment_later, appointment_earlier,
                statutory_decided, statutory_on_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in units.values.sorted(by: { $0.unitID < $1.unitID }) {
            try unitInsert.run(
                [period, .int(row.unitID)]
                    + [
                        row.received, row.checked, row.matches, row.appointmentLater, row.appointmentEarlier,
                        row.statutoryDecided, row.statutoryOnTime,
                    ]
                    .map { SQLValue.int($0) })
        }
        let findingInsert = try database.prepare(
            "INSERT INTO deadline_finding(period, dossier_id, unit_id, finding, appointment_day, statutory_day) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for finding in findings {
            try findingInsert.run([
                period, .text(finding.dossierID), .int(finding.unitID),
                .text(finding.later ? "appointment_later" : "appointment_earlier"),
                .int(finding.appointmentDay), .int(finding.statutoryDay),
            ])
        }
        let timeInsert = try database.prepare(
            "INSERT INTO processing_time(period, unit_id, procedure_id, resolved, total_working_days, median_twice, p90) VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        for row in processing.values.sorted(by: { ($0.unitID, $0.procedureID) < ($1.unitID, $1.procedureID) }) {
            let days = row.days.sorted()
            let n = days.count
            let medianTwice = n % 2 == 1 ? 2 * days[n / 2] : days[n / 2 - 1] + days[n / 2]
            let p90 = days[(9 * n + 9) / 10 - 1]  // nearest rank: the ⌈0.9·n⌉-th smallest
            try timeInsert.run([
                period, .int(row.unitID), .int(row.procedureID), .int(n), .int(days.reduce(0, +)), .int(medianTwice),
                .int(p90),
            ])
        }
    }
}
