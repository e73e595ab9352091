import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// What the data-quality section of a report shows: the inputs behind the figures and what was
/// refused or did not add up.
public struct DataQuality {
    /// One ingested input file.
    public struct InputFile {
        public var name: String
        public var sha256: String
        public var read: Int
        public var accepted: Int
        public var rejected: Int
        public var replaced: Int
        public var unchanged: Int
    }

    /// Every ingested file, in ingest order.
    public var inputs: [InputFile] = []
    /// Refused rows of all inputs by reason code, in reason order.
    public var rejectionsByReason: [(reason: String, count: Int)] = []
    /// The rule set the month was computed with.
    public var ruleSet = ""
    /// True when files were ingested after the month was computed.
    public var isStale = false

    /// Nothing ingested, nothing refused (tests and previews).
    public static var empty: DataQuality { DataQuality() }

    private init() {}

    /// Reads the inputs and refusals from the store.
    public init(database: Database, month: Month) throws {
        let files = try database.prepare(
            "SELECT file_name, sha256, records_read, accepted, rejected, replaced, unchanged FROM batch ORDER BY id")
        try files.forEachRow { r in
            inputs.append(
                InputFile(
                    name: r.text(0), sha256: r.text(1), read: r.int(2), accepted: r.int(3), rejected: r.int(4),
                    replaced: r.int(5), unchanged: r.int(6)))
        }
        var counts: [String: Int] = [:]
        try database.prepare("SELECT reason, COUNT(*) FROM reject GROUP BY reason").forEachRow { r in
            counts[r.text(0)] = r.int(1)
        }
        rejectionsByReason = RejectReason.allCases.compactMap { reason in
            counts[reason.rawValue].map { (reason.rawValue, $0) }
        }
        let run = try database.prepare("SELECT rule_set, last_batch_id FROM compute_run WHERE period = ?")
        try run.forEachRow([.text(month.description)]) { r in
            ruleSet = r.text(0)
            let latest = try BatchTable.latestFigureInput(in: database)
            isStale = latest > r.int64(1)
        }
    }
}
