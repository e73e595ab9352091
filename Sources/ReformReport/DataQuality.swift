import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// What the data-quality section of a report shows: the inputs behind the figures and what was
/// refused or did not add up.
public struct DataQuality {
    /// Every ingested file, in ingest order.
    public var inputs: [BatchTable.Summary] = []
    /// Files refused whole and not read since, with why.
    public var refused: [RefusedFileTable.Refusal] = []
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
        inputs = try BatchTable.all(in: database)
        refused = try RefusedFileTable.all(in: database)
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
