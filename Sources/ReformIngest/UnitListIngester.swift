import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

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

    /// The statistics office's own layout (its Excel 97–2003 lists, and the 2025 list of 34
    /// provinces and their communes): one row per commune naming its province and, before July
    /// 2025, its district, with "Cấp" the commune's kind.
    static let statisticsOfficeColumns: [Column] = [
        Column(
            name: "province_code", aliases: ["Mã TP", "Mã tỉnh", "Mã Tỉnh/TP", "Mã tỉnh/thành phố"], required: true),
        Column(
            name: "province_name",
            aliases: ["Tỉnh / Thành Phố", "Tỉnh Thành Phố", "Tỉnh/Thành phố", "Tên tỉnh", "Tên tỉnh/thành phố"],
            required: true, isText: true),
        Column(name: "district_code", aliases: ["Mã QH", "Mã huyện", "Mã quận/huyện"], required: false),
        Column(
            name: "district_name", aliases: ["Quận Huyện", "Quận / Huyện", "Tên huyện", "Tên quận/huyện"],
            required: false, isText: true),
        Column(name: "commune_code", aliases: ["Mã PX", "Mã xã", "Mã phường/xã"], required: false),
        Column(
            name: "commune_name", aliases: ["Phường Xã", "Phường / Xã", "Tên xã", "Tên phường/xã"], required: false,
            isText: true),
        Column(name: "commune_kind", aliases: ["Cấp", "Loại"], required: false),
    ]

    /// The kinds of unit "Cấp" (or a name's first words) give, by level.
    static func level(ofKind kind: String) -> String? {
        switch TextKey.matchKey(kind) {
        case "tỉnh", "thành phố trung ương", "thành phố thuộc trung ương": return "province"
        case "quận", "huyện", "thị xã", "thành phố", "thành phố thuộc tỉnh": return "district"
        case "phường", "xã", "thị trấn", "đặc khu": return "commune"
        default: return nil
        }
    }

    /// The kind a unit's name starts with ("Quận Ba Đình" → Quận, "Thành phố Hà Nội" at the top →
    /// Thành phố Trung ương); "" when none does.
    static func kind(ofName name: String, level: String) -> String {
        let key = TextKey.matchKey(name)
        switch level {
        case "province":
            if key.hasPrefix("thành phố ") { return "Thành phố Trung ương" }
            return key.hasPrefix("tỉnh ") ? "Tỉnh" : ""
        case "district":
            for kind in ["Quận", "Huyện", "Thị xã", "Thành phố"] where key.hasPrefix(TextKey.matchKey(kind) + " ") {
                return kind
            }
            return ""
        default:
            for kind in ["Phường", "Xã", "Thị trấn", "Đặc khu"] where key.hasPrefix(TextKey.matchKey(kind) + " ") {
                return kind
            }
            return ""
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

    /// Ingests one file; throws `IngestRefusal` when it is refused whole. A unit list is read in the
    /// project's layout (`level,code,name,parent_code,type`), else in the statistics office's.
    public func ingest(path: String) throws -> IngestSummary {
        let fileName = RawPath.displayName(of: path)
        guard let day = Self.effectiveDay(fileName: fileName) else { throw IngestRefusal.undatedFileName(fileName) }
        guard kind == .units else { return try ingest(path: path, day: day) }
        do {
            return try ingest(path: path, day: day)
        } catch let refusal where Self.lacksColumns(refusal) {
            // Not the project's layout: the statistics office's, else the first refusal stands.
            do {
                return try ingestStatisticsOfficeList(path: path, day: day)
            } catch let other where Self.lacksColumns(other) {
                throw refusal
            }
        }
    }

    /// True when a file was refused for not having a layout's columns (so another layout may fit).
    static func lacksColumns(_ error: Error) -> Bool {
        if case IngestRefusal.missingHeader = error { return true }
        if case WorkbookError.headerNotFound = error { return true }
        return false
    }

    /// A list in the statistics office's layout: each row gives its commune, and its district and
    /// province the first time they appear; the level comes from "Cấp" (or the name's first word).
    func ingestStatisticsOfficeList(path: String, day: Int) throws -> IngestSummary {
        var seen = Set<String>()
        let database = database
        return try InputFile.ingestReference(
            path: path, kind: Kind.units.rawValue, columns: Self.statisticsOfficeColumns, database: database,
            rejectsFolder: rejectsFolder, sheet: sheet,
            key: { value in value("commune_code").isEmpty ? value("province_code") : value("commune_code") },
            prepare: { try ReferenceTable.unitList(validFromDay: day).prepareInsert(in: database) },
            row: { value, batch in
                var rows: [[SQLValue]] = []
                func unit(_ level: String, _ code: String, _ name: String, parent: String, kind: String) {
                    guard seen.insert(code).inserted else { return }
                    rows.append([
                        .int(day), .text(level), .text(code), .text(name), .text(parent), .text(kind), .int(batch),
                    ])
                }
                let province = value("province_code"), district = value("district_code")
                let commune = value("commune_code")
                let stated = value("commune_kind")
                // A name without its code (or the reverse) cannot be listed.
                if district.isEmpty != value("district_name").isEmpty {
                    return .reject(.missingValue, column: district.isEmpty ? "district_code" : "district_name")
                }
                if commune.isEmpty != value("commune_name").isEmpty {
                    return .reject(.missingValue, column: commune.isEmpty ? "commune_code" : "commune_name")
                }
                if !stated.isEmpty && Self.level(ofKind: stated) == nil {
                    return .reject(.badValue, column: "commune_kind")
                }
                // A commune listed twice makes the list ambiguous.
                if !commune.isEmpty && seen.contains(commune) { return .reject(.badValue, column: "commune_code") }
                let provinceName = value("province_name")
                unit(
                    "province", province, provinceName, parent: "",
                    kind: Self.kind(ofName: provinceName, level: "province"))
                if !district.isEmpty {
                    let name = value("district_name")
                    unit("district", district, name, parent: province, kind: Self.kind(ofName: name, level: "district"))
                }
                if !commune.isEmpty {
                    let name = value("commune_name")
                    let kind = stated.isEmpty ? Self.kind(ofName: name, level: "commune") : stated
                    unit("commune", commune, name, parent: district.isEmpty ? province : district, kind: kind)
                }
                return .storeEach(rows)
            })
    }

    /// Ingests a file in the project's layout.
    func ingest(path: String, day: Int) throws -> IngestSummary {
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
