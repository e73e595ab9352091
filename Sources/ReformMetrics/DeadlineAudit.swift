import ReformModel
import ReformStore
import ReformSupport

/// The deadline audit of one reporting period (docs/contract.md §4; the calendar issue):
///
/// - For dossiers received in the period whose procedure has a statutory time in the catalogue and
///   that carry an appointment date: the statutory due day is recomputed from the receipt with the
///   working-day calendar and the rule set of the receipt date; an appointment later than it hides
///   lateness (the dossier looks on time while the law was not met), an earlier one is flagged too.
/// - For dossiers resolved in the period: the on-time rate against the statutory due day, beside
///   the reported one, and the processing time in working days per unit and procedure.
public struct DeadlineAudit {
    /// One unit's audit counts (the stored shape: one declaration for both).
    public typealias UnitCounts = DeadlineTables.UnitCounts
    /// A dossier whose appointment differs from the statutory due day.
    public typealias Finding = DeadlineTables.Finding

    /// Processing times of one unit and procedure (working days, resolved dossiers of the period).
    public struct ProcessingRow: Equatable, Sendable {
        public var unitID: Int64
        public var procedureID: Int64
        public var days: [Int]
    }

    public var units: [Int64: UnitCounts] = [:]
    public var processing: [String: ProcessingRow] = [:]
    public var findings: [Finding] = []
    /// The rule sets that judged the period's dossiers, in date order.
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

    private let periodStart: Int, periodEnd: Int
    private let settings: ComputeSettings
    private var ruleSetsSeen = Set<String>()

    /// An empty audit of `period`, filled with `add` (by one scan or several, then `merge`d).
    init(period: ReportingPeriod, settings: ComputeSettings) {
        periodStart = period.firstDay
        periodEnd = period.endDay
        self.settings = settings
    }

    /// Computes the audit of `period` from its own scan of the dossiers.
    public init(database: Database, period: ReportingPeriod, settings: ComputeSettings) throws {
        self.init(period: period, settings: settings)
        try DossierTable.forEachForDeadlineAudit(firstDay: periodStart, endDay: periodEnd, in: database) {
            row, time, unit in
            try add(
                Dossier(
                    dossierID: row.dossierID, unitID: row.unitID, procedureID: row.procedureID,
                    receivedAt: row.receivedAt, receivedDay: row.receivedDay, dueDay: row.dueDay, status: row.status,
                    endDay: row.endDay, statutoryTime: time, timeUnit: unit))
        }
    }

    /// True when `dossier` concerns the period's audit: received in it, or resolved in it (never a
    /// not-accepted one).
    func concerns(status: Int, receivedDay: Int, endDay: Int?) -> Bool {
        guard status != LifecycleClass.notAccepted.rawValue else { return false }
        if (periodStart..<periodEnd).contains(receivedDay) { return true }
        guard status == LifecycleClass.resolved.rawValue, let endDay else { return false }
        return (periodStart..<periodEnd).contains(endDay)
    }

    /// Audits one dossier of the period (one `concerns` accepts).
    mutating func add(_ dossier: Dossier) throws {
        let s = periodStart, e = periodEnd
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
        var unitRow = units[unitID] ?? UnitCounts(unitID: unitID)
        if (s..<e).contains(dossier.receivedDay) {
            unitRow.received += 1
            if let statutory, let dueDay = dossier.dueDay {
                unitRow.checked += 1
                if dueDay == statutory {
                    unitRow.matches += 1
                } else {
                    if dueDay > statutory { unitRow.later += 1 } else { unitRow.earlier += 1 }
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

    /// Adds the audit of other dossiers of the same period; `other`'s findings come after these.
    mutating func merge(_ other: DeadlineAudit) {
        units.merge(other.units) { a, b in
            var sum = a
            sum.received += b.received
            sum.checked += b.checked
            sum.matches += b.matches
            sum.later += b.later
            sum.earlier += b.earlier
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

    /// Replaces the stored audit of `period`.
    public func store(in database: Database, period: ReportingPeriod) throws {
        let unitRows = units.values.sorted(by: { $0.unitID < $1.unitID })

        let times = processing.values.sorted(by: { ($0.unitID, $0.procedureID) < ($1.unitID, $1.procedureID) }).map {
            row in
            let days = row.days.sorted()
            let n = days.count
            let medianTwice = n % 2 == 1 ? 2 * days[n / 2] : days[n / 2 - 1] + days[n / 2]
            let p90 = days[(9 * n + 9) / 10 - 1]  // nearest rank: the ⌈0.9·n⌉-th smallest
            return DeadlineTables.Times(
                unitID: row.unitID, procedureID: row.procedureID, resolved: n, totalDays: days.reduce(0, +),
                medianTwice: medianTwice, p90: p90)
        }
        try DeadlineTables.replace(
            period: period.description, units: unitRows, findings: findings, times: times, in: database)
    }
}
