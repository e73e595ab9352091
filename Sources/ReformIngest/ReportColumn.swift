import ReformModel
import ReformSupport

/// What a column of a submitted report holds, read from its header (docs/contract.md §10). The
/// forms in use word their three-row headers differently ("Số hồ sơ nhận giải quyết – Trong kỳ –
/// Trực tuyến", "Tiếp nhận – Trực tuyến toàn trình", "Đã giải quyết – Quá hạn – Có văn bản xin
/// lỗi"), so a header joined top to bottom is classified by its group (received, resolved,
/// pending) and its leaf; columns that split one count (online full and partial; late with and
/// without an apology letter) add up. ReformIndex's own CSV columns are read by name.
package enum ReportColumn: Equatable {
    /// One of the eleven counts of the form.
    case count(FormColumn)
    /// New receipts of the period without the online/direct split ("Tiếp nhận trong kỳ" of
    /// OpenCPS's statistics): checked against (3) − (6), never stored.
    case receivedNew
    /// Late overall, resolved late plus pending overdue ("Tổng số trễ hạn"): checked, not stored.
    case lateOverall
    /// The unit's (or field's) name; `isField` for a report by field.
    case name(isField: Bool)
    case code
    /// The row number (TT, STT).
    case number
    /// A period label (ReformIndex's own CSVs).
    case period
    /// A row's source or kind (ReformIndex's consolidated CSV): total rows are skipped by it.
    case source

    /// ReformIndex's own column names, each with the count it adds to: the form's columns by their
    /// stored names, and the Biểu 06 CSVs' counts by the form column they fill (as declared; the
    /// counts the form cannot show are not read).
    static let ownNames: [String: ReportColumn] = {
        var names: [String: ReportColumn] = [
            "unit_code": .code, "unit_name": .name(isField: false), "field": .name(isField: true), "period": .period,
            "source": .source,
        ]
        for column in FormColumn.allCases { names[column.rawValue] = .count(column) }
        for column in Bieu06Column.allCases {
            if let form = column.formColumn { names[column.rawValue] = .count(form) }
        }
        return names
    }()

    /// The classes of a whole header row. Online receipts split into fully and partly online ("toàn
    /// trình", "một phần") add up to the online count when the form has no column of its own for it,
    /// and are left out when it has one: ReformIndex's own form shows (4) and its parts (19), (20).
    package static func classify(header names: [String]) -> [ReportColumn?] {
        var columns = names.map { classify($0) }
        let isSplit = names.map { name in
            let key = TextKey.matchKey(name)
            return key.contains("toàn trình") || key.contains("một phần")
        }
        let hasWhole = columns.indices.contains { columns[$0] == .count(.receivedOnline) && !isSplit[$0] }
        if hasWhole {
            for index in columns.indices where isSplit[index] && columns[index] == .count(.receivedOnline) {
                columns[index] = nil
            }
        }
        // "Số đầu kỳ" is the opening balance, i.e. the carried-in count — except on OpenCPS's
        // statistics, which number it (3=4+5) beside a column of its own for the carried-in: there
        // it is everything handled in the period, the form's (3).
        let opening = names.indices.filter { Self.words(of: names[$0]).hasSuffix("số đầu kỳ") }
        let carriedApart = columns.indices.contains { columns[$0] == .count(.carriedIn) && !opening.contains($0) }
        for index in opening {
            columns[index] =
                carriedApart && !columns.contains(.count(.receivedTotal)) ? .count(.receivedTotal) : .count(.carriedIn)
        }
        return columns
    }

    /// A header's words: case-folded, NFC, joined by single spaces without the punctuation forms
    /// put between the levels of a merged header.
    static func words(of header: String) -> String {
        TextKey.matchKey(header).replacing("uỷ", with: "ủy").replacing("-", with: " ").replacing(">", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" }).joined(separator: " ")
    }

    /// The class of a header, or nil for a column the report kind does not read.
    package static func classify(_ header: String) -> ReportColumn? {
        let text = TextKey.matchKey(header).replacing("uỷ", with: "ủy")
        if let own = ownNames[text] { return own }
        let words = Self.words(of: header)
        switch words {
        case "tt", "stt", "số tt", "số thứ tự": return .number
        case "mã đơn vị", "mã cơ quan", "mã": return .code
        case "đơn vị", "tên đơn vị", "cơ quan đơn vị", "cơ quan", "đơn vị giải quyết", "tên cơ quan đơn vị",
            "đơn vị thực hiện":
            return .name(isField: false)
        // A report by procedure is read as one by field: its rows are the reporting unit's parts.
        case "lĩnh vực", "lĩnh vực giải quyết", "tên lĩnh vực", "thủ tục", "tên thủ tục", "thủ tục hành chính",
            "tên thủ tục hành chính":
            return .name(isField: true)
        case "tổng số trễ hạn", "tổng số quá hạn", "tổng trễ hạn", "tổng quá hạn": return .lateOverall
        default: break
        }
        // OpenCPS's statistics: "Kỳ trước chuyển qua" and "Tiếp nhận trong kỳ" stand alone.
        if words.hasSuffix("kỳ trước chuyển qua") || words.hasSuffix("kỳ trước chuyển sang") {
            return .count(.carriedIn)
        }
        let pending =
            words.contains("đang giải quyết") || words.contains("đang xử lý") || words.contains("chưa giải quyết")
        let resolved =
            !pending
            && (words.contains("đã giải quyết") || words.contains("giải quyết xong") || words.contains("đã xử lý"))
        let received = !pending && !resolved && (words.contains("nhận") || words.contains("tiếp nhận"))
        // The outside-the-boundary receipts ("phi địa giới") cut across the channels: not read.
        if words.contains("phi địa giới") { return nil }
        if received {
            if words.contains("kỳ trước") || words.contains("chuyển sang") { return .count(.carriedIn) }
            if words.contains("trực tuyến") { return .count(.receivedOnline) }
            if words.contains("trực tiếp") || words.contains("bưu chính") { return .count(.receivedDirectPostal) }
            if words.hasSuffix("tổng số") || words.hasSuffix("tổng") { return .count(.receivedTotal) }
            if words.hasSuffix("nhận trong kỳ") || words.hasSuffix("mới tiếp nhận") || words.hasSuffix("nhận mới") {
                return .receivedNew
            }
        } else if resolved {
            if words.contains("trước hạn") || words.contains("sớm hạn") { return .count(.early) }
            if words.contains("đúng hạn") { return .count(.onTime) }
            if words.contains("quá hạn") || words.contains("trễ hạn") { return .count(.late) }
            if words.hasSuffix("tổng số") || words.hasSuffix("tổng") { return .count(.resolvedTotal) }
        } else if pending {
            if words.contains("trong hạn") || words.contains("còn hạn") || words.contains("chưa đến hạn") {
                return .count(.pendingWithin)
            }
            if words.contains("quá hạn") || words.contains("trễ hạn") { return .count(.pendingOverdue) }
            if words.hasSuffix("tổng số") || words.hasSuffix("tổng") { return .count(.pendingTotal) }
        }
        return nil
    }

    /// A count cell: empty or "-" is 0; "1.234", "1,234" and "1 234" are grouped thousands; a
    /// spreadsheet number "12.0" is 12; "-3" is -3 (kept, and marked by the identities). Nil for anything
    /// else (a fraction, a word, a count over `FormCounts.maxCount`).
    package static func count(_ text: String) -> Int? {
        let trimmed = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" }
        if trimmed.isEmpty || trimmed == "-" { return 0 }
        let bytes = Array(trimmed.utf8)
        // A negative count is read (the row is kept, its identities marked, docs/contract.md §10).
        if bytes.first == UInt8(ascii: "-") || bytes.first == 0xE2 && trimmed.hasPrefix("\u{2212}") {
            let rest = String(trimmed.dropFirst().prefix(64))
            guard rest.first?.isNumber == true else { return nil }
            return count(rest).map { -$0 }
        }
        // At most `FormCounts.maxCount`, however the digits are grouped.
        guard bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C }),
            bytes.filter({ $0 >= 0x30 && $0 <= 0x39 }).count <= 12, let first = bytes.first,
            first >= 0x30 && first <= 0x39
        else { return nil }
        guard let value = plainCount(trimmed), value <= FormCounts.maxCount else { return nil }
        return value
    }

    private static func plainCount(_ trimmed: String) -> Int? {
        let groups = trimmed.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        if groups.count == 1 { return Int(trimmed) }
        // A spreadsheet's "12.0" (one or two zeros); three digits after the mark are thousands.
        if groups.count == 2, groups[1].count < 3, groups[1].allSatisfy({ $0 == "0" }) { return Int(groups[0]) }
        // Thousands: one to three digits, then groups of exactly three, one separator throughout.
        let separators = Set(trimmed.filter { $0 == "." || $0 == "," })
        guard separators.count == 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return Int(groups.joined())
    }
}
