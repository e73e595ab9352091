import ReformModel
import ReformSupport

/// The compute_run table: which rule sets computed a period, and the latest input it saw.
public enum ComputeRunTable {
    /// The stored run of `period`: its rule sets and the latest input batch then; nil when never computed.
    public static func run(of period: String, in database: Database) throws -> (ruleSet: String, lastBatch: Int64)? {
        var found: (String, Int64)?
        try database.prepare("SELECT rule_set, last_batch_id FROM compute_run WHERE period = ?").forEachRow([
            .text(period)
        ]) { found = ($0.text(0), $0.int64(1)) }
        return found
    }

    /// Records that `period` was computed with `ruleSet` over the inputs up to `lastBatch`.
    public static func record(period: String, lastBatch: Int64, ruleSet: String, in database: Database) throws {
        database.requireTransaction()
        try database.prepare("INSERT OR REPLACE INTO compute_run(period, last_batch_id, rule_set) VALUES (?, ?, ?)")
            .run([.text(period), .int(lastBatch), .text(ruleSet)])
    }
}
