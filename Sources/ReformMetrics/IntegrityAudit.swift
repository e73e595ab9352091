import FoundationEssentials
import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Integrity checks for auditors (`audit.csv`, docs/contract.md §7.2): patterns in what the exports said
/// that make a unit's figures doubtful. Each finding is counted per check, reported unit and month,
/// with the smallest dossier ids as examples an auditor can look up.
public struct IntegrityAudit {
    /// The check codes, in output order.
    public enum Check: String, CaseIterable, Sendable {
        case completedBeforeReceived = "completed_before_received"
        case conflictingDuplicate = "conflicting_duplicate"
        case dueBeforeReceived = "due_before_received"
        case dueChanged = "due_changed"
        case dueDateGaming = "due_date_gaming"
        case lateWithoutApology = "late_without_apology"
        case stateRegressed = "state_regressed"
    }

    /// One line of `audit.csv`.
    public struct Finding: Sendable, Equatable {
        public var check: Check
        public var unit: ReportedUnit
        public var name: String
        public var period: Month
        public var count: Int
        /// Up to five, the smallest in byte order.
        public var examples: [String]
    }

    /// Completions on the due date must be at least this many times the count expected by chance…
    public static let gamingRatio = 2.0
    /// …and that many or more must be less likely by chance than 0.1% shared among every unit and month
    /// checked (Bonferroni), so a city of many units does not raise false alarms by sheer number.
    public static let gamingFamilyError = 0.001

    public let findings: [Finding]

    /// Dossiers found by `check`, over every unit and month.
    public func total(of check: Check) -> Int { findings.filter { $0.check == check }.reduce(0) { $0 + $1.count } }

    /// Runs every check over dossiers received in `months` (completions in `months` for gaming).
    public init(
        database: Database, crosswalk: UnitCrosswalk, months: [Month], view: UnitView, calendar: WorkingCalendar
    ) throws {
        guard let first = months.first, let last = months.last else {
            findings = []
            return
        }
        let (start, end) = (first.firstDay, last.endDay)
        var attributions = try AttributionCache(
            crosswalk: crosswalk, view: view, rangeEndDay: end, database: database)
        func unit(_ unitID: Int64, _ received: Int) -> ReportedUnit {
            attributions.attribute(unitID: unitID, receivedDay: received).unit
        }
        struct Key: Hashable {
            var check: Check
            var unit: ReportedUnit
            var period: Month
        }
        var found: [Key: Set<String>] = [:]
        var anonymous: [Key: Int] = [:]
        func note(_ check: Check, _ unit: ReportedUnit, period: Int, id: String) {
            let key = Key(check: check, unit: unit, period: Month(containingDay: period))
            if id.isEmpty { anonymous[key, default: 0] += 1 } else { found[key, default: []].insert(id) }
        }
        try AuditQueries.forEachCompletedBeforeReceived(firstDay: start, endDay: end, in: database) {
            id, code, received in
            let unit = attributions.attribute(code: code, receivedDay: received).unit
            note(.completedBeforeReceived, unit, period: received, id: id)
        }

        try AuditQueries.forEachReceived(firstDay: start, endDay: end, in: database) { d in
            let owner = unit(d.unitID, d.receivedDay)
            if let due = d.dueDay, due < d.receivedDay {
                note(.dueBeforeReceived, owner, period: d.receivedDay, id: d.dossierID)
            }
            if d.status == LifecycleClass.resolved.rawValue, let due = d.dueDay, let done = d.endDay, done > due,
                !d.apology
            {
                note(.lateWithoutApology, owner, period: d.receivedDay, id: d.dossierID)
            }
        }

        // What each export said: the replaced versions and the current row, in ingest order.
        struct Said {
            var batch: Int
            var line: Int
            var status: Int
            var due: Int?
            var end: Int?
            var replacedInSameBatch: Bool
        }
        var history: [String: [Said]] = [:]
        try AuditQueries.forEachReplacedVersion(firstDay: start, endDay: end, in: database) { id, v in
            history[id, default: []].append(
                Said(
                    batch: v.batch, line: v.line, status: v.status, due: v.dueDay, end: v.endDay,
                    replacedInSameBatch: v.replacedByBatch == v.batch))
        }
        if !history.isEmpty {
            try AuditQueries.forEachCurrentWithVersions(firstDay: start, endDay: end, in: database) {
                id, v, unitID, received in
                let owner = unit(unitID, received)
                guard var said = history[id] else { return }
                said.append(
                    Said(
                        batch: v.batch, line: v.line, status: v.status, due: v.dueDay, end: v.endDay,
                        replacedInSameBatch: false))
                said.sort { ($0.batch, $0.line) < ($1.batch, $1.line) }
                if said.contains(where: \.replacedInSameBatch) {
                    note(.conflictingDuplicate, owner, period: received, id: id)
                }
                // Between exports, each export's last word about the dossier.
                let perExport = said.indices.filter { $0 == said.count - 1 || said[$0 + 1].batch != said[$0].batch }
                    .map { said[$0] }
                var regressed = false, dueChanged = false
                for (before, after) in zip(perExport, perExport.dropFirst()) {
                    let finished =
                        before.status != LifecycleClass.pending.rawValue
                        && before.status != LifecycleClass.notAccepted.rawValue
                    if finished && after.status == LifecycleClass.pending.rawValue { regressed = true }
                    if let was = before.end, let now = after.end, now < was { regressed = true }
                    if let was = before.due, after.due != was { dueChanged = true }
                }
                if regressed { note(.stateRegressed, owner, period: received, id: id) }
                if dueChanged { note(.dueChanged, owner, period: received, id: id) }
            }
        }

        // Due-date gaming: per unit and completion month, completions on the due date against the
        // share chance gives it among the working days of the five days before (from receipt on).
        struct Tally {
            var onDue: [String] = []
            var shares: [Double] = []
        }
        var tallies: [Key: Tally] = [:]
        var workingDay: [Int: Bool] = [:]
        func isWorking(_ day: Int) throws -> Bool {
            if let known = workingDay[day] { return known }
            let value = try calendar.isWorkingDay(day)
            workingDay[day] = value
            return value
        }
        try AuditQueries.forEachResolvedNearDue(firstDay: start, endDay: end, in: database) { d in
            let id = d.dossierID, received = d.receivedDay, due = d.dueDay!, completed = d.endDay!
            var before = 0
            for day in max(due - 5, received)..<due where try isWorking(day) { before += 1 }
            let share = 1 / Double(1 + before)
            let key = Key(
                check: .dueDateGaming, unit: unit(d.unitID, received),
                period: Month(containingDay: completed))
            var tally = tallies[key, default: Tally()]
            tally.shares.append(share)
            if completed == due { tally.onDue.append(id) }
            tallies[key] = tally
        }
        let threshold = Self.gamingFamilyError / Double(max(tallies.count, 1))
        for (key, tally) in tallies {
            let expected = tally.shares.reduce(0, +)
            guard Double(tally.onDue.count) >= Self.gamingRatio * expected,
                Statistics.upperTail(tally.onDue.count, shares: tally.shares) < threshold
            else { continue }
            found[key] = Set(tally.onDue)
        }

        let byteOrder = { (a: String, b: String) in Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        var findings: [Finding] = []
        for key in Set(found.keys).union(anonymous.keys) {
            let ids = (found[key] ?? []).sorted(by: byteOrder)
            findings.append(
                Finding(
                    check: key.check, unit: key.unit, name: crosswalk.name(of: key.unit), period: key.period,
                    count: ids.count + (anonymous[key] ?? 0), examples: Array(ids.prefix(5))))
        }
        self.findings = findings.sorted { a, b in
            if a.check != b.check { return a.check.rawValue < b.check.rawValue }
            if a.unit != b.unit { return a.unit < b.unit }
            return a.period < b.period
        }
    }
}
