import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// What the data-quality section of a report shows: the inputs behind the figures and what was
/// refused or did not add up.
public struct DataQuality {
    /// One ingested input file.
    public struct IngestedFile {
        public var name: String
        public var sha256: String
        public var read: Int
        public var accepted: Int
        public var rejected: Int
        public var replaced: Int
        public var unchanged: Int
        /// For a workbook: the sheet read, the rows skipped and the title rows above the header
        /// (the unit and period the file states); nil for CSV.
        public var table: (sheet: String, skipped: Int, title: String)?
        /// The issuing body and period (first and last day) the title rows state, when recognisable.
        public var statedUnit = ""
        public var statedPeriod: ClosedRange<Int>?
    }

    /// Every ingested file, in ingest order.
    public var inputs: [IngestedFile] = []
    /// Refused rows of all inputs by reason code, in reason order.
    public var rejectionsByReason: [(reason: String, count: Int)] = []
    /// The rule set the period was computed with.
    public var ruleSet = ""
    /// The counting rules the period was computed under.
    public var counting = CountingRules()
    /// True when files were ingested after the period was computed.
    public var isStale = false

    /// Nothing ingested, nothing refused (tests and previews).
    public static var empty: DataQuality { DataQuality() }

    private init() {}

    /// Reads the inputs and refusals from the store.
    public init(database: Database, period: ReportingPeriod) throws {
        inputs = try BatchTable.all(in: database).map { batch in
            IngestedFile(
                name: batch.fileName, sha256: batch.sha256, read: batch.read, accepted: batch.accepted,
                rejected: batch.rejected, replaced: batch.replaced, unchanged: batch.unchanged,
                table: batch.skipped.map { (sheet: batch.sheet, skipped: $0, title: batch.title) },
                statedUnit: batch.statedUnit, statedPeriod: batch.statedPeriod)
        }
        let counts = try BatchTable.rejectionsByReason(in: database)
        rejectionsByReason = RejectReason.allCases.compactMap { reason in
            counts[reason.rawValue].map { (reason.rawValue, $0) }
        }
        if let run = try ComputeRunTable.run(of: period.description, in: database) {
            ruleSet = run.ruleSet
            if case .success(let rules) = CountingRules.parse(run.counting) { counting = rules }
            isStale = try BatchTable.latestFigureInput(in: database) > run.lastBatch
        }
    }
}
