import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

/// The compute stage: Biểu 06 of one month by unit and by field, with every identity checked,
/// stored in one transaction (a month is replaced whole).
public enum ComputeStage {
    /// What a compute run found.
    public struct Result {
        public var month: Month
        public var unitRows: Int
        public var fieldRows: Int
        public var violations: [(Bieu06Dimension, IdentityViolation)]
        public var appointmentsLater = 0
        public var appointmentsEarlier = 0

        /// The line printed on stdout.
        public var line: String {
            "period=\(month) units=\(unitRows) fields=\(fieldRows) identity_violations=\(violations.count) "
                + "appointments_later=\(appointmentsLater) appointments_earlier=\(appointmentsEarlier)"
        }
    }

    /// Computes and stores `month`.
    public static func run(database: Database, month: Month, settings: ComputeSettings) throws -> Result {
        let calculator = Bieu06Calculator(database: database)
        let table = Bieu06Table(database: database)
        return try database.transaction {
            var violations: [(Bieu06Dimension, IdentityViolation)] = []
            var counts: [Bieu06Dimension: Int] = [:]
            // One scan, on both cores, gives this month and the previous one (for the chain, when it
            // was never stored) and the deadline audit; compute changes no dossier while it reads.
            let scan = try MonthScan(month: month, settings: settings).run(database: database)
            let fresh = try calculator.tables(from: scan.counts)
            for dimension in Bieu06Dimension.allCases {
                let rows = fresh[month]![dimension]!
                // carried_in(P) = pending(P − 1): against the stored previous month when it was computed
                // (a later export that rewrote history shows here), else against a fresh computation.
                let previous =
                    try table.rows(month: month.previous, dimension: dimension) ?? fresh[month.previous]![dimension]!
                let pendingBefore = Dictionary(previous.map { ($0.key, $0.pending) }, uniquingKeysWith: +)
                for row in rows {
                    violations += row.brokenIdentities().map { (dimension, $0) }
                    let expected = pendingBefore[row.key] ?? 0
                    if row.carriedIn != expected {
                        violations.append(
                            (
                                dimension,
                                IdentityViolation(
                                    key: row.key, identity: "carried_in(\(month)) = pending(\(month.previous))",
                                    left: row.carriedIn, right: expected)
                            ))
                    }
                }
                let present = Set(rows.map(\.key))
                for (key, pending) in pendingBefore.sorted(by: { $0.key < $1.key })
                where pending > 0 && !present.contains(key) {
                    violations.append(
                        (
                            dimension,
                            IdentityViolation(
                                key: key, identity: "carried_in(\(month)) = pending(\(month.previous))", left: 0,
                                right: pending)
                        ))
                }
                try table.replace(rows, month: month, dimension: dimension)
                counts[dimension] = rows.filter { $0.total > 0 }.count
            }
            try table.replaceViolations(violations, month: month)
            let audit = scan.audit
            try audit.store(in: database, month: month)
            let lastBatch = try BatchTable.latestFigureInput(in: database)
            let ruleSets =
                audit.ruleSetsUsed.isEmpty
                ? RuleSet.applying(to: month.firstDay, in: settings.ruleSets).name
                : audit.ruleSetsUsed.joined(separator: ",")
            try ComputeRunTable.record(
                period: month.description, lastBatch: lastBatch, ruleSet: ruleSets, in: database)
            var result = Result(
                month: month, unitRows: counts[.unit] ?? 0, fieldRows: counts[.field] ?? 0, violations: violations)
            result.appointmentsLater = audit.findings.filter(\.later).count
            result.appointmentsEarlier = audit.findings.count - result.appointmentsLater
            return result
        }
    }
}
