import ReformModel
import ReformStore
import ReformSupport

/// Dated unit lists and the merge map of a reorganisation (docs/contract.md §6), as the General Statistics
/// Office publishes them:
///
/// - a unit list `…_YYYY-MM-DD.csv`: `level,code,name,parent_code,type` (level province, district or
///   commune), the units in force from that date until the next list;
/// - a merge map `…_YYYY-MM-DD.csv`: `new_code,new_name,old_code,old_name,merge_type` (`full` when the
///   whole old unit went into the new one, `partial` when only part of it did), effective that date.
///
/// The date is read from the file name because the published files carry it nowhere else. A file
/// replaces the list (or map) of its date, in one transaction; bad rows go to the rejects file.
public struct UnitListIngester {
    /// Which file this is.
    public enum Kind: String, Sendable {
        case units
        case mergeMap = "merge-map"
    }

    typealias Column = InputFile.Column

    static func columns(_ kind: Kind) -> [Column] {
        switch kind {
        case .units:
            return [
                Column(name: "level", aliases: ["Cấp"], required: true),
                Column(name: "code", aliases: ["Mã", "Mã đơn vị"], required: true),
                Column(name: "name", aliases: ["Tên", "Tên đơn vị"], required: true, isText: true),
                Column(name: "parent_code", aliases: ["Mã cấp trên"], required: false),
                Column(name: "type", aliases: ["Loại"], required: false),
            ]
        case .mergeMap:
            return [
                Column(name: "new_code", aliases: ["Mã mới"], required: true),
                Column(name: "new_name", aliases: ["Tên mới"], required: false, isText: true),
                Column(name: "old_code", aliases: ["Mã cũ"], required: true),
                Column(name: "old_name", aliases: ["Tên cũ"], required: false, isText: true),
                Column(name: "merge_type", aliases: ["Hình thức"], required: true),
            ]
        }
    }

    private let database: Database
    private let rejectsFolder: String
    private let kind: Kind
    /// The sheet of a workbook to read (a name or a number from 1); the first when nil.
    public var sheet: String?

    public init(database: Database, rejectsFolder: String, kind: Kind) {
        self.database = database
        self.rejectsFolder = rejectsFolder
        self.kind = kind
    }

    /// The day a file took effect, from the `YYYY-MM-DD` ending its name (before `.csv`, `.xlsx`,
    /// `.xls`, `.html` or `.htm`).
    package static func effectiveDay(fileName: String) -> Int? {
        var stem = fileName
        for suffix in [".csv", ".xlsx", ".xls", ".html", ".htm"] where stem.lowercased().hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        guard stem.count >= 10 else { return nil }
        let date = String(stem.suffix(10))
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year >= 1970,
            (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        return CivilDate.dayNumber(year: year, month: month, day: day)
    }

    /// Ingests one file; throws `IngestRefusal` when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        let fileName = RawPath.displayName(of: path)
        guard let day = Self.effectiveDay(fileName: fileName) else { throw IngestRefusal.undatedFileName(fileName) }
        let kind = kind, database = database
        func key(_ value: (String) -> String) -> String {
            kind == .units ? value("code") : value("new_code") + "/" + value("old_code")
        }
        var seen = Set<String>()
        return try InputFile.ingestReference(
            path: path, kind: kind.rawValue, columns: Self.columns(kind), database: database,
            rejectsFolder: rejectsFolder, sheet: sheet, key: key,
            prepare: {
                // The file is the whole list (or map) of its date.
                switch kind {
                case .units: return try ReferenceTable.unitList(validFromDay: day).prepareInsert(in: database)
                case .mergeMap: return try ReferenceTable.unitMerge(effectiveDay: day).prepareInsert(in: database)
                }
            },
            row: { value, batch in
                var values: [SQLValue]
                switch kind {
                case .units:
                    let level = TextKey.matchKey(value("level"))
                    guard ["province", "district", "commune"].contains(level) else {
                        return .reject(.badValue, column: "level")
                    }
                    values = [
                        .int(day), .text(level), .text(value("code")), .text(value("name")),
                        .text(value("parent_code")), .text(value("type")),
                    ]
                case .mergeMap:
                    let type = TextKey.matchKey(value("merge_type"))
                    guard type == "full" || type == "partial" else { return .reject(.badValue, column: "merge_type") }
                    values = [
                        .int(day), .text(value("new_code")), .text(value("new_name")), .text(value("old_code")),
                        .text(value("old_name")), .text(type),
                    ]
                }
                // A code listed twice (or a pair mapped twice) would make the list ambiguous.
                guard seen.insert(key(value)).inserted else {
                    return .reject(.badValue, column: kind == .units ? "code" : "old_code")
                }
                return .store(values + [.int(batch)])
            })
    }
}
