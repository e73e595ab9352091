import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// `consolidated.html`: the province's consolidated table, the submitted rows whose identities do
/// not hold, and the reconciliation of submitted with computed figures, side by side (docs/contract.md
/// §10). Self-contained, in Vietnamese; every data value escaped.
public struct ConsolidationPage {
    public var table: Consolidation
    /// Shown only when given (SOURCE_DATE_EPOCH), so identical inputs give identical pages.
    public var generatedAt: String?

    public init(table: Consolidation, generatedAt: String?) {
        self.table = table
        self.generatedAt = generatedAt
    }

    /// The sources as the page and the form name them.
    public static let sourceNames: [Consolidation.Source: String] = [
        .dossiers: "hồ sơ", .submitted: "báo cáo", .both: "hồ sơ (có báo cáo)",
    ]

    /// The table's notes in Vietnamese (the CSV keeps the codes).
    static func vietnamese(_ note: String) -> String {
        note.replacing("unit name matches several units", with: "tên khớp với nhiều đơn vị")
            .replacing("unit not matched", with: "không khớp với đơn vị nào")
    }

    /// The most rows a table of the page lists: a province has a few hundred units; a file of
    /// two hundred thousand rows would make a page no browser opens. The CSVs keep every row.
    static let maxListed = 2_000

    /// The row closing a table cut at `maxListed`: how many more rows, and where they all are.
    static func more(_ count: Int, columns: Int, file: String) -> String {
        guard count > 0 else { return "" }
        return "<tr><td colspan=\"\(columns)\">… và \(VietnameseFormat.integer(count)) dòng nữa, đầy đủ trong "
            + "\(HTML.escape(file))</td></tr>\n"
    }

    public func html() -> String {
        let periodText = VietnameseFormat.period(table.period)
        var out = HTML.documentStart(title: "Tổng hợp kết quả giải quyết TTHC – \(periodText)")
        out += "<header>\n<h1>Tổng hợp kết quả giải quyết thủ tục hành chính toàn tỉnh</h1>\n"
        out +=
            "<p class=\"sub\">\(HTML.escape(periodText)) · Cách đếm số liệu hồ sơ: "
            + "\(HTML.escape(VietnameseFormat.counting(table.rules)))</p>\n"
        if let generatedAt { out += "<p class=\"sub\">Lập lúc \(HTML.escape(generatedAt))</p>\n" }
        out += "</header>\n<main>\n<section>\n<h2>Số liệu theo đơn vị</h2>\n"
        out +=
            "<p>Đơn vị có dữ liệu hồ sơ lấy số liệu từ hồ sơ; đơn vị chỉ có báo cáo lấy số liệu báo cáo. "
            + "Tỷ lệ tính lại từ số đã cộng, không lấy trung bình.</p>\n"
        let unsplit = table.rows.count { !$0.counts.notGiven.isEmpty }
        if unsplit > 0 {
            out +=
                "<p>\(VietnameseFormat.integer(unsplit)) đơn vị gửi báo cáo không tách hồ sơ tiếp nhận trực tuyến và "
                + "trực tiếp, bưu chính: các ô đó để trống (—), và ô tổng của cột cũng để trống.</p>\n"
        }
        out +=
            "<table>\n<thead><tr><th>Mã</th><th>Đơn vị</th><th>Nguồn</th>"
            + FormColumn.allCases.map { "<th>\(HTML.escape($0.shortHeader))</th>" }.joined()
            + "<th>Tỷ lệ đúng hạn</th><th>Xếp hạng</th><th>Ghi chú</th></tr></thead>\n<tbody>\n"
        func line(
            _ code: String, _ name: String, _ source: String, _ counts: FormCounts, _ note: String, rank: Int?,
            bold: Bool
        ) -> String {
            let cells =
                HTML.cell(code) + HTML.cell(name) + HTML.cell(source)
                + FormColumn.allCases.map { column in
                    // A count the report does not give (a summary without the online split) is no 0.
                    HTML.cell(counts.given(column).map(VietnameseFormat.integer) ?? "—", numeric: true)
                }.joined()
                + HTML.cell(VietnameseFormat.percent(hundredths: counts.onTimeRateHundredths), numeric: true)
                + HTML.cell(rank.map(String.init) ?? "", numeric: true) + HTML.cell(note)
            return (bold ? "<tr class=\"total\">" : "<tr>") + cells + "</tr>\n"
        }
        let ranks = table.ranks
        for (index, row) in table.rows.enumerated().prefix(Self.maxListed) {
            out += line(
                row.unitCode, row.unitName, Self.sourceNames[row.source] ?? "", row.counts,
                Self.vietnamese(row.identityProblems), rank: ranks[index], bold: false)
        }
        out += Self.more(
            table.rows.count - Self.maxListed, columns: 3 + FormColumn.allCases.count + 3,
            file: "consolidated_by_unit.csv")
        for total in table.totals {
            out += line("", ConsolidationTables.totalName(total), "", total.counts, "", rank: nil, bold: true)
        }
        out += "</tbody>\n</table>\n</section>\n"
        out += "<section>\n<h2>Báo cáo có số liệu không khớp đẳng thức của biểu</h2>\n"
        let broken = table.submitted.filter { !$0.problems.isEmpty }
        if broken.isEmpty {
            out +=
                "<p>Mọi dòng báo cáo đều khớp: (3) = (4)+(5)+(6) = (7)+(11), (7) ≥ (8)+(9)+(10), (11) ≥ (12)+(13).</p>\n"
        } else {
            out +=
                "<table>\n<thead><tr><th>Tệp</th><th>Dòng</th><th>Đơn vị</th><th>Sai lệch</th></tr></thead>\n<tbody>\n"
            for row in broken.prefix(Self.maxListed) {
                out +=
                    "<tr>" + HTML.cell(row.fileName) + HTML.cell(String(row.sheetRow), numeric: true)
                    + HTML.cell(row.unitName.isEmpty ? row.unitCode : row.unitName) + HTML.cell(row.problems)
                    + "</tr>\n"
            }
            out += Self.more(broken.count - Self.maxListed, columns: 4, file: "consolidated_by_unit.csv")
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n<section>\n<h2>Đối chiếu số liệu báo cáo với số liệu hồ sơ</h2>\n"
        if table.differences.isEmpty {
            out += "<p>Không có đơn vị nào có số liệu báo cáo khác số liệu hồ sơ.</p>\n"
        } else {
            out +=
                "<p>Mỗi dòng là một cột có số báo cáo khác số tính từ hồ sơ; cột cuối nêu cách đếm "
                + "(hoặc ngày chốt số liệu) cho ra đúng số báo cáo, để trống khi không cách nào cho ra.</p>\n"
            out +=
                "<table>\n<thead><tr><th>Mã</th><th>Đơn vị</th><th>Cột</th><th>Báo cáo</th><th>Hồ sơ</th>"
                + "<th>Chênh lệch</th><th>Giải thích</th></tr></thead>\n<tbody>\n"
            for d in table.differences.prefix(Self.maxListed) {
                out +=
                    "<tr>" + HTML.cell(d.unitCode) + HTML.cell(d.unitName) + HTML.cell(d.column.rawValue)
                    + HTML.cell(VietnameseFormat.integer(d.submitted), numeric: true)
                    + HTML.cell(VietnameseFormat.integer(d.computed), numeric: true)
                    + HTML.cell(VietnameseFormat.integer(d.submitted - d.computed), numeric: true)
                    + HTML.cell(d.explainedBy.isEmpty ? "—" : d.explainedBy) + "</tr>\n"
            }
            out += Self.more(table.differences.count - Self.maxListed, columns: 7, file: "reconciliation.csv")
            out += "</tbody>\n</table>\n"
        }
        // No ingest times on the page: the same inputs give the same page (the store keeps them).
        out +=
            "</section>\n<section>\n<h2>Tệp báo cáo đã nạp</h2>\n<table>\n<thead><tr><th>Tệp</th><th>SHA-256</th>"
            + "<th>Dòng</th><th>Đơn vị</th><th>Trạng thái</th></tr></thead>\n<tbody>\n"
        // The first rows of both lists, without joining them (each can hold every unit of the province).
        let fileCount = table.submitted.count + table.replaced.count
        let listed =
            table.submitted.prefix(Self.maxListed)
            + table.replaced.prefix(Self.maxListed - min(Self.maxListed, table.submitted.count))
        for row in listed {
            out +=
                "<tr>" + HTML.cell(row.fileName) + HTML.cell(String(row.sha256.prefix(16)) + "…")
                + HTML.cell(String(row.sheetRow), numeric: true)
                + HTML.cell(row.unitName.isEmpty ? row.unitCode : row.unitName)
                + HTML.cell(Self.standing(row)) + "</tr>\n"
        }
        out += Self.more(fileCount - Self.maxListed, columns: 5, file: "bảng submitted_row của cơ sở dữ liệu")
        out += "</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// Whether a submitted row is in use: replaced by a later report, or a repeat of a unit its
    /// report already states (its problem names the line that counts).
    static func standing(_ row: SubmittedReportTable.Row) -> String {
        if row.replacedByBatch != nil { return "đã được thay bằng báo cáo sau" }
        if let line = SubmittedReportTable.countedLine(of: row) {
            return "trùng đơn vị với dòng \(line): không tính"
        }
        return "đang dùng"
    }
}
