import ReformModel
import ReformSupport

/// The compute_run table: which rule sets and counting rules computed a period, and the latest
/// input it saw.
public enum ComputeRunTable {
    /// One stored run.
    public struct Run: Sendable, Equatable {
        /// The rule sets' names, comma-separated.
        public var ruleSet: String
        /// The latest input batch when the period was computed.
        public var lastBatch: Int64
        /// The counting rules as `key=value` pairs (empty: computed before rules were recorded, i.e.
        /// the defaults).
        public var counting: String
    }

    /// The stored run of `period`; nil when never computed.
    public static func run(of period: String, in database: Database) throws -> Run? {
        var found: Run?
        try database.prepare("SELECT rule_set, last_batch_id, counting FROM compute_run WHERE period = ?").forEachRow([
            .text(period)
        ]) {
            found = Run(
                ruleSet: $0.text("rule_set"), lastBatch: $0.int64("last_batch_id"), counting: $0.text("counting"))
        }
        return found
    }

    /// Every computed period's label, in byte order.
    public static func periods(in database: Database) throws -> [String] {
        var labels: [String] = []
        try database.prepare("SELECT period FROM compute_run ORDER BY period").forEachRow {
            labels.append($0.text("period"))
        }
        return labels
    }

    /// Records that `period` was computed with `ruleSet` and `counting` over the inputs up to `lastBatch`.
    public static func record(
        period: String, lastBatch: Int64, ruleSet: String, counting: String, in database: Database
    ) throws {
        database.requireTransaction()
        try database.prepare(
            "INSERT OR REPLACE INTO compute_run(period, last_batch_id, rule_set, counting) VALUES (?, ?, ?, ?)"
        ).run([.text(period), .int(lastBatch), .text(ruleSet), .text(counting)])
    }
}
