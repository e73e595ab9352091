import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Decision 766 scores as the national portal publishes them (docs/contract.md §5): the workbooks a
/// Department downloads, one row per unit with the six group scores (CKMB, TDGQ, CLGQ, TTTT, MDHL,
/// MDSH), TONG_SCORE and ROW_STT, the unit by MA_COQUAN and TEN, its kind by LOAI_COQUAN (1
/// province, 2 department, 3 commune).
///
/// Every sheet of a workbook that has these columns is read into one batch ("Điểm năm", "Điểm
/// tháng", "Sở Ban", "Xã Phường"); the others (the trend sheets) are left. The period comes from
/// `period`, else from the file name (`bao_cao_T10_2025.xlsx` is October 2025); a sheet named for
/// the year ("Điểm năm") holds the year's scores. A row is refused (`bad_value`, the column named)
/// when a score is not a number, exceeds its group's maximum — which is how a misread pairing of
/// columns and groups shows — or the total differs from the sum of the groups by more than 0.01.
public struct Published766Ingester {
    typealias Column = InputFile.Column

    static let columns: [Column] =
        [
            Column(name: "unit_code", aliases: ["MA_COQUAN", "Mã cơ quan", "Mã đơn vị"], required: true),
            Column(name: "unit_name", aliases: ["TEN", "Tên", "Tên đơn vị"], required: true, isText: true),
            Column(name: "unit_kind", aliases: ["LOAI_COQUAN", "Loại cơ quan"], required: false),
        ]
        + Decision766Group.allCases.map { Column(name: $0.rawValue, aliases: [$0.portalColumn], required: true) }
        + [
            Column(name: "total", aliases: ["TONG_SCORE", "Tổng điểm"], required: true),
            Column(name: "portal_order", aliases: ["ROW_STT", "STT"], required: false),
        ]

    /// The kind its batches are recorded under (`reform-ingest --kind published-766`).
    static let kind = "published-766"

    /// The most a total may differ from the sum of its groups (rounding of two-decimal scores), in
    /// ten-thousandths of a point.
    static let totalTolerance = 100

    private let database: Database
    private let rejectsFolder: String
    /// The period of the scores; from the file name when nil.
    public var period: ReportingPeriod?
    /// One sheet to read (a name or a number from 1); every sheet with the score columns when nil.
    public var sheet: String?

    public init(database: Database, rejectsFolder: String) {
        self.database = database
        self.rejectsFolder = rejectsFolder
    }

    /// Ingests one file; throws `IngestRefusal` when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        let fileName = RawPath.displayName(of: path)
        guard let filePeriod = period ?? Self.period(fileName: fileName) else {
            throw IngestRefusal.publishedPeriodUnknown(fileName)
        }
        let workbook = try Self.scoreSheets(path: path)
        // Rejects name a row by the sheet's number (a sheet's name is free text) and the unit's code.
        let numbers = workbook.numbers
        var sheetName = ""
        let database = database
        return try InputFile.ingestReference(
            path: path, kind: Self.kind, columns: Self.columns, database: database,
            rejectsFolder: rejectsFolder, sheets: sheet.map { [$0] } ?? workbook.withScores,
            onSheet: { sheetName = $0 },
            key: { value in (numbers[sheetName].map { "sheet\($0)/" } ?? "") + value("unit_code") },
            prepare: { try ReferenceTable.published766.prepareInsert(in: database) },
            row: { value, batch in
                Self.values(
                    value, batch: batch, period: Self.period(ofSheet: sheetName, in: filePeriod),
                    sheetName: sheetName)
            })
    }

    /// The sheets of a workbook that have the score columns, in order (nil — the one table — for a
    /// file that is not a workbook (.xlsx or .xls) or has no such sheet: its refusal then says why), and the
    /// number (from 1) of every sheet by name.
    static func scoreSheets(path: String) throws -> (withScores: [String]?, numbers: [String: Int]) {
        let names: [String]
        switch try InputFormat.of(path: path) {
        case .ooxml: names = try XLSXWorkbook(path: path).sheets.map(\.name)
        case .biff: names = try BIFFWorkbook(path: path).sheets.map(\.name)
        default: return (nil, [:])
        }
        let found = names.filter { name in
            guard var opened = try? InputFile.openReference(path: path, kind: kind, columns: columns, sheet: name)
            else { return false }
            opened.reader.close()
            return true
        }
        let numbers = Dictionary(names.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        return (found.isEmpty ? nil : found, numbers)
    }

    /// The values of one row, or why it is refused.
    static func values(_ value: (String) -> String, batch: Int64, period: String, sheetName: String)
        -> InputFile.ReferenceRow
    {
        let scope: String
        switch value("unit_kind") {
        case "1": scope = "province"
        case "2": scope = "department"
        case "3": scope = "commune"
        case "": scope = scopeOf(sheetName: sheetName)
        default: return .reject(.badValue, column: "unit_kind")
        }
        var scores: [Int] = []
        for group in Decision766Group.allCases {
            guard let points = Points.parse(value(group.rawValue)), points <= group.maxHundredths * 100 else {
                return .reject(.badValue, column: group.rawValue)
            }
            scores.append(points)
        }
        guard let total = Points.parse(value("total")), total <= 100 * 10_000,
            abs(total - scores.reduce(0, +)) <= totalTolerance
        else { return .reject(.badValue, column: "total") }
        let orderText = value("portal_order")
        let order = Int(orderText)
        if !orderText.isEmpty && !(1...10_000_000).contains(order ?? 0) {
            return .reject(.badValue, column: "portal_order")
        }
        return .store(
            [.text(period), .text(scope), .text(value("unit_code")), .text(value("unit_name"))]
                + scores.map { SQLValue.int($0) } + [.int(total), order.map { .int($0) } ?? .null, .int(Int(batch))])
    }

    /// The scope a sheet's name implies when rows do not give LOAI_COQUAN ("Sở Ban", "Xã Phường").
    static func scopeOf(sheetName: String) -> String {
        let words = Set(TextKey.matchKey(sheetName).split(separator: " ").map(String.init))
        if !words.isDisjoint(with: ["sở", "so", "ban", "ngành", "nganh"]) { return "department" }
        if !words.isDisjoint(with: ["xã", "xa", "phường", "phuong", "commune"]) { return "commune" }
        return "province"
    }

    /// The period of a sheet: the file's year for a sheet named for the year ("Điểm năm"), else the
    /// file's period.
    static func period(ofSheet sheetName: String, in filePeriod: ReportingPeriod) -> String {
        let words = Set(TextKey.matchKey(sheetName).split(separator: " ").map(String.init))
        return words.isDisjoint(with: ["năm", "nam", "year"]) ? filePeriod.name : CivilDate.pad(filePeriod.year, 4)
    }

    /// The period a portal file's name gives: `T10_2025` or `thang_10_2025` (a month), `Q4_2025` or
    /// `quy_4_2025` (a quarter), `2025-10`, `nam_2025` or a lone year; nil when it gives none.
    public static func period(fileName: String) -> ReportingPeriod? {
        var stem = fileName
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        let words = TextKey.matchKey(stem).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        func number(_ text: Substring, in range: ClosedRange<Int>) -> Int? {
            guard (1...2).contains(text.count), text.allSatisfy(\.isASCII), let value = Int(text), range.contains(value)
            else { return nil }
            return value
        }
        let years = words.indices.filter {
            words[$0].count == 4 && Int(words[$0]).map { (2000...2100).contains($0) } == true
        }
        guard years.count == 1, let yearIndex = years.first, let year = Int(words[yearIndex]) else { return nil }
        let y = CivilDate.pad(year, 4)
        for (index, word) in words.enumerated() where index != yearIndex {
            let next = index + 1 < words.count ? Substring(words[index + 1]) : ""
            if word.hasPrefix("t"), word.count > 1, let month = number(word.dropFirst(), in: 1...12),
                !word.hasPrefix("th")
            {
                return ReportingPeriod(name: "\(y)-\(CivilDate.pad(month, 2))")
            }
            if word == "thang" || word == "tháng", let month = number(next, in: 1...12) {
                return ReportingPeriod(name: "\(y)-\(CivilDate.pad(month, 2))")
            }
            if word.hasPrefix("q"), word.count == 2, let quarter = number(word.dropFirst(), in: 1...4) {
                return ReportingPeriod(name: "\(y)-Q\(quarter)")
            }
            if word == "quy" || word == "quý", let quarter = number(next, in: 1...4) {
                return ReportingPeriod(name: "\(y)-Q\(quarter)")
            }
        }
        if yearIndex + 1 < words.count, let month = number(Substring(words[yearIndex + 1]), in: 1...12) {
            return ReportingPeriod(name: "\(y)-\(CivilDate.pad(month, 2))")
        }
        return ReportingPeriod(name: y)
    }
}
