import ReformIngest
import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// The compute stage: Biểu 06 of one reporting period by unit and by field under the counting
/// rules, with every identity checked, stored in one transaction (a period is replaced whole).
public enum ComputeStage {
    /// What a compute run found.
    public struct Result {
        public var period: ReportingPeriod
        public var counting: CountingRules
        public var unitRows: Int
        public var fieldRows: Int
        public var violations: [(Bieu06Dimension, IdentityViolation)]
        public var appointmentsLater = 0
        public var appointmentsEarlier = 0

        /// The line printed on stdout.
        public var line: String {
            "period=\(period) units=\(unitRows) fields=\(fieldRows) identity_violations=\(violations.count) "
                + "appointments_later=\(appointmentsLater) appointments_earlier=\(appointmentsEarlier)"
        }
    }

    /// Computes and stores `period`; warnings are signed `tool` (`reform` under `reform run`).
    public static func run(
        database: Database, period: ReportingPeriod, settings: ComputeSettings, tool: String = "reform-compute"
    ) throws -> Result {
        if settings.counting.supplementWaiting == .within {
            let unknown = try DossierTable.pendingWithoutWaitingFlag(
                firstDay: period.firstDay, endDay: period.endDay, in: database)
            if unknown > 0 {
                Diagnostics.error(
                    "\(tool): warning: \(unknown) pending dossiers were stored by a ReformIndex that did not keep "
                        + "supplement-waiting statuses, so supplement_waiting=within counts them as not waiting; "
                        + "rebuild the database from the exports (a new --db) to count them")
            }
        }
        let older = try DossierTable.formDossiersWithoutModeAndExtension(
            firstDay: period.firstDay, endDay: period.endDay, in: database)
        if older > 0 {
            Diagnostics.error(
                "\(tool): warning: \(older) dossiers of the period were stored by a ReformIndex that did not keep "
                    + "the online mode or extended appointments, so they count as neither fully nor partly online and "
                    + "not extended; rebuild the database from the exports (a new --db) to count them")
        }
        let calculator = Bieu06Calculator(database: database)
        let table = Bieu06Table(database: database)
        return try database.transaction {
            var violations: [(Bieu06Dimension, IdentityViolation)] = []
            var counts: [Bieu06Dimension: Int] = [:]
            // One scan, on both cores, gives this period and the previous one (for the chain, when it
            // was never stored) and the deadline audit; compute changes no dossier while it reads.
            let scan = try PeriodScan(period: period, settings: settings).run(database: database)
            let fresh = try calculator.tables(from: scan.counts)
            let stored = try storedPeriodBefore(period, in: database)
            let chain = "carried_in(\(period)) = pending(\(stored ?? period.previous))"
            for dimension in Bieu06Dimension.allCases {
                let rows = fresh[period]![dimension]!
                // carried_in(P) = pending(P − 1): against the stored period ending the day before when
                // one was computed (a later export that rewrote history shows here), else against a
                // fresh computation.
                let previous =
                    try stored.flatMap { try table.rows(period: $0, dimension: dimension) }
                    ?? fresh[period.previous]![dimension]!
                for row in rows { violations += row.brokenIdentities().map { (dimension, $0) } }
                violations += Bieu06Chain.violations(rows: rows, previous: previous, identity: chain).map {
                    (dimension, $0)
                }
                try table.replace(rows, period: period, dimension: dimension)
                counts[dimension] = rows.filter { $0[.total] > 0 }.count
            }
            try table.replaceViolations(violations, period: period)
            let audit = scan.audit
            try audit.store(in: database, period: period)
            let lastBatch = try BatchTable.latestFigureInput(in: database)
            let ruleSets =
                audit.ruleSetsUsed.isEmpty
                ? RuleSet.applying(to: period.firstDay, in: settings.ruleSets).name
                : audit.ruleSetsUsed.joined(separator: ",")
            try ComputeRunTable.record(
                period: period.description, lastBatch: lastBatch, ruleSet: ruleSets,
                counting: settings.counting.description, in: database)
            var result = Result(
                period: period, counting: settings.counting, unitRows: counts[.unit] ?? 0,
                fieldRows: counts[.field] ?? 0, violations: violations)
            result.appointmentsLater = audit.findings.filter(\.later).count
            result.appointmentsEarlier = audit.findings.count - result.appointmentsLater
            return result
        }
    }

    /// The stored period whose pending dossiers are `period`'s carried-in ones: the previous one of
    /// the same kind when computed, else any computed period ending the day before `period` begins
    /// (the earliest beginning, then by label); nil when none is stored.
    static func storedPeriodBefore(_ period: ReportingPeriod, in database: Database) throws -> ReportingPeriod? {
        let labels = try ComputeRunTable.periods(in: database)
        if labels.contains(period.previous.description) { return period.previous }
        return labels.compactMap(ReportingPeriod.init(label:))
            .filter { $0.endDay == period.firstDay }
            .min { ($0.firstDay, $0.description) < ($1.firstDay, $1.description) }
    }
}
