import ReformModel
import ReformStore
import ReformSupport

/// Aliases of renamed units (`--kind unit-aliases`, docs/contract.md §10): `old_name,new_name,from`
/// — from that day a submitted report naming the unit by its old name means the unit now called
/// the new name ("Sở Du lịch" → "Sở Văn hóa, Thể thao và Du lịch" in 2025).
public struct UnitAliasIngester {
    private let database: Database
    private let rejectsFolder: String
    public var sheet: String?

    public init(database: Database, rejectsFolder: String) {
        self.database = database
        self.rejectsFolder = rejectsFolder
    }

    static let columns = [
        InputFile.Column(name: "old_name", aliases: ["Tên cũ"], required: true, isText: true),
        InputFile.Column(name: "new_name", aliases: ["Tên mới"], required: true, isText: true),
        InputFile.Column(name: "from", aliases: ["Từ ngày", "from_date"], required: true),
    ]

    /// Ingests one file; throws `IngestRefusal` when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        let database = database
        // The renames stored and read so far, by normalised old name: loaded once, grown row by row.
        var renames = try Self.renames(in: database)
        return try InputFile.ingestReference(
            path: path, kind: "unit-aliases", columns: Self.columns, database: database,
            rejectsFolder: rejectsFolder, sheet: sheet, key: { $0("old_name") },
            prepare: { try SubmittedReportTable.prepareAliasInsert(in: database) },
            row: { value, batch in
                guard let day = ReportingPeriod.day(value("from")) else { return .reject(.badDate, column: "from") }
                // A rename that leads back to its old name (A → B with B → A stored, or A → A) would
                // send a unit's own name away from it: refused, the row named.
                let old = UnitNameMatcher.normalized(value("old_name"))
                let new = UnitNameMatcher.normalized(value("new_name"))
                if Self.closesCycle(old: old, new: new, renames: renames) {
                    return .reject(.badValue, column: "new_name")
                }
                renames[old] = new
                return .store([.text(value("old_name")), .text(value("new_name")), .int(day), .int(Int(batch))])
            })
    }

    /// The stored renames, old name to new, both normalised as matching compares them.
    static func renames(in database: Database) throws -> [String: String] {
        var next: [String: String] = [:]
        for alias in try SubmittedReportTable.aliases(in: database) {
            next[UnitNameMatcher.normalized(alias.old)] = UnitNameMatcher.normalized(alias.new)
        }
        return next
    }

    /// True when following `renames` from `new` reaches `old` (both normalised).
    static func closesCycle(old: String, new: String, renames: [String: String]) -> Bool {
        var name = new
        var seen: Set<String> = []
        while name != old {
            guard seen.insert(name).inserted, let following = renames[name] else { return false }
            name = following
        }
        return true
    }
}
