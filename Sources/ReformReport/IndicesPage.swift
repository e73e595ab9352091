import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// The yearly indices page (`indices.html`): Decision 766, SIPAS, PAR INDEX and delegation
/// coverage, each with numerators and denominators, and ranked bar charts. Self-contained, in
/// Vietnamese, printable; every data value escaped.
public struct IndicesPage {
    public var year: Int
    /// Rows of each output file, as stored.
    public var tables: [String: [[String]]]
    public var generatedAt: String?

    /// The page of `year` from the stored rows of each output.
    public init(year: Int, tables: [String: [[String]]], generatedAt: String?) {
        self.year = year
        self.tables = tables
        self.generatedAt = generatedAt
    }

    /// `96.50` → `96,5`; empty → `—`.
    static func number(_ text: String, percent: Bool = false) -> String {
        guard !text.isEmpty else { return "—" }
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".")
        guard parts.count == 2, let whole = Int(parts[0]), let fraction = Int(parts[1]) else { return text }
        let value = VietnameseFormat.percent(hundredths: whole * 100 + fraction)
        return (negative ? "-" : "") + (percent ? value : String(value.dropLast()))
    }

    static func hundredths(_ text: String) -> Int? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let whole = Int(parts[0]), let fraction = Int(parts[1]) else { return nil }
        return whole * 100 + (whole < 0 ? -fraction : fraction)
    }

    public func html() -> String {
        var out = """
            \(HTML.documentStart(title: "Các chỉ số cải cách hành chính năm \(year)"))
            <header>
            <h1>Các chỉ số cải cách hành chính năm \(year)</h1>
            <p class="sub">Bộ chỉ số 766, chỉ số hài lòng SIPAS, chỉ số PAR INDEX và tỷ lệ phân cấp, ủy quyền giải quyết TTHC</p>

            """
        if let generatedAt { out += "<p class=\"sub\">Lập lúc \(HTML.escape(generatedAt))</p>\n" }
        out += "</header>\n<main>\n"
        out += section766() + sectionSIPAS() + sectionPAR() + sectionDelegation()
        return out + "</main>\n</body>\n</html>\n"
    }

    private func rows(_ name: String) -> [[String]] { tables[name] ?? [] }

    private func chart(_ title: String, _ items: [(label: String, value: Int?)]) -> String {
        let ranked = items.sorted { ($0.value ?? -1, $1.label) > ($1.value ?? -1, $0.label) }
        return BarChart(title: title, items: ranked.map { .init(label: $0.label, hundredths: $0.value) }).svg()
    }

    private func section766() -> String {
        let all = rows("index766_by_unit.csv")
        let data = all.filter { $0[0] == String(year) }
        var out = "<section>\n<h2>Bộ chỉ số 766: các tiêu chí tính được từ dữ liệu hồ sơ</h2>\n"
        guard !data.isEmpty else { return out + "<p>Không có hồ sơ trong năm.</p>\n</section>\n" }
        let totals = data.filter { $0[3] == "total" }
        out += chart(
            "Tổng điểm 766 (trên số điểm tối đa tính được), xếp hạng",
            totals.map { row in
                let score = Self.hundredths(row[8]) ?? 0, maximum = Self.hundredths(row[7]) ?? 0
                return (row[2].isEmpty ? row[1] : row[2], maximum > 0 ? Percentage.hundredths(score, maximum) : nil)
            })
        out +=
            "<table><thead><tr><th>Mã đơn vị</th><th>Đơn vị</th><th>Tiêu chí</th><th>Tử số</th><th>Mẫu số</th>"
            + "<th>Tỷ lệ</th><th>Điểm tối đa</th><th>Điểm</th><th>Hạng</th></tr></thead><tbody>\n"
        for row in data {
            let isTotal = row[3] == "total"
            out += isTotal ? "<tr class=\"total\">" : "<tr>"
            out += HTML.cell(row[1]) + HTML.cell(row[2]) + HTML.cell(isTotal ? "Tổng" : row[3])
            out += HTML.cell(row[4].isEmpty ? "—" : VietnameseFormat.integer(Int(row[4]) ?? 0), numeric: true)
            out += HTML.cell(row[5].isEmpty ? "—" : VietnameseFormat.integer(Int(row[5]) ?? 0), numeric: true)
            out +=
                HTML.cell(Self.number(row[6], percent: true), numeric: true)
                + HTML.cell(Self.number(row[7]), numeric: true)
            out += HTML.cell(Self.number(row[8]), numeric: true) + HTML.cell(row[9]) + "</tr>\n"
        }
        out += "</tbody></table>\n"
        // Monthly totals: one row per unit, one column per month.
        let months = Array(Set(all.map { $0[0] }).filter { $0 != String(year) }).sorted()
        if !months.isEmpty {
            out +=
                "<h3>Tổng điểm 766 theo tháng</h3>\n<table class=\"narrow\"><thead><tr><th>Đơn vị</th>"
                + months.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            let monthly = Dictionary(
                all.filter { $0[3] == "total" && $0[0] != String(year) }.map { ("\($0[1])|\($0[0])", $0[8]) },
                uniquingKeysWith: { a, _ in a })
            for total in totals {
                out +=
                    "<tr>" + HTML.cell(total[2].isEmpty ? total[1] : total[2])
                    + months.map { HTML.cell(Self.number(monthly["\(total[1])|\($0)"] ?? ""), numeric: true) }.joined()
                    + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func sectionSIPAS() -> String {
        let data = rows("sipas_by_unit.csv")
        var out = "<section>\n<h2>Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)</h2>\n"
        guard !data.isEmpty else { return out + "<p>Không có phiếu khảo sát trong năm.</p>\n</section>\n" }
        let elements = [
            "1": "Tiếp cận dịch vụ", "2": "Thủ tục hành chính", "3": "Công chức", "4": "Kết quả",
            "5": "Tiếp nhận và xử lý góp ý",
        ]
        out += chart(
            "SIPAS chung theo đơn vị (trung bình 5 yếu tố), xếp hạng",
            data.filter { $0[3] == "overall" }.map { ($0[2].isEmpty ? $0[1] : $0[2], Self.hundredths($0[6])) })
        let procedures = data.filter { $0[3] == "2" && !$0[6].isEmpty }
        let ranked = procedures.sorted { (Self.hundredths($0[6]) ?? -1, $1[1]) > (Self.hundredths($1[6]) ?? -1, $0[1]) }
        out += BarChart(
            title: "Yếu tố 2 – Thủ tục hành chính: tỷ lệ hài lòng và khoảng tin cậy 95%, xếp hạng",
            items: ranked.map { row in
                let interval = Self.hundredths(row[7]).flatMap { low in Self.hundredths(row[8]).map { (low, $0) } }
                return .init(
                    label: row[2].isEmpty ? row[1] : row[2], hundredths: Self.hundredths(row[6]), interval: interval)
            }
        ).svg()
        out += "<p>Khoảng tin cậy 95% (Wilson) cho từng yếu tố; cỡ mẫu là số câu trả lời hợp lệ.</p>\n"
        out +=
            "<table><thead><tr><th>Mã đơn vị</th><th>Đơn vị</th><th>Yếu tố</th><th>Số trả lời</th><th>Hài lòng</th>"
            + "<th>Chỉ số</th><th>Khoảng tin cậy 95%</th></tr></thead><tbody>\n"
        for row in data {
            let interval =
                row[7].isEmpty ? "—" : "\(Self.number(row[7], percent: true)) – \(Self.number(row[8], percent: true))"
            out +=
                (row[3] == "overall" ? "<tr class=\"total\">" : "<tr>") + HTML.cell(row[1]) + HTML.cell(row[2])
                + HTML.cell(row[3] == "overall" ? "Chung" : "\(row[3]). \(elements[row[3]] ?? "")")
                + HTML.cell(VietnameseFormat.integer(Int(row[4]) ?? 0), numeric: true)
                + HTML.cell(VietnameseFormat.integer(Int(row[5]) ?? 0), numeric: true)
                + HTML.cell(Self.number(row[6], percent: true), numeric: true) + HTML.cell(interval, numeric: true)
                + "</tr>\n"
        }
        out += "</tbody></table>\n"
        let expectations = rows("sipas_expectations.csv")
        if !expectations.isEmpty {
            out +=
                "<h3>Câu hỏi về sự mong đợi (không tính vào chỉ số)</h3>\n<table class=\"narrow\"><thead><tr><th>Đơn vị</th>"
                + "<th>Câu hỏi</th><th>Số trả lời</th><th>Mức 4–5</th><th>Tỷ lệ</th></tr></thead><tbody>\n"
            for row in expectations {
                out +=
                    "<tr>" + HTML.cell(row[2].isEmpty ? row[1] : row[2]) + HTML.cell(row[4])
                    + HTML.cell(VietnameseFormat.integer(Int(row[5]) ?? 0), numeric: true)
                    + HTML.cell(VietnameseFormat.integer(Int(row[6]) ?? 0), numeric: true)
                    + HTML.cell(Self.number(row[7], percent: true), numeric: true) + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func sectionPAR() -> String {
        let data = rows("par_index.csv")
        var out = "<section>\n<h2>Chỉ số cải cách hành chính (PAR INDEX)</h2>\n"
        guard !data.isEmpty else { return out + "<p>Không có điểm PAR INDEX trong năm.</p>\n</section>\n" }
        let totals = data.filter { $0[3] == "total" }
        out += chart(
            "PAR INDEX theo đơn vị, xếp hạng", totals.map { ($0[2].isEmpty ? $0[1] : $0[2], Self.hundredths($0[7])) })
        out +=
            "<table><thead><tr><th>Hạng</th><th>Mã đơn vị</th><th>Đơn vị</th><th>Điểm</th><th>Điểm tối đa</th>"
            + "<th>Chỉ số</th><th>Xếp loại</th><th>Thay đổi so với năm trước (điểm %)</th>"
            + (1...8).map { "<th>Lĩnh vực \($0)</th>" }.joined() + "</tr></thead><tbody>\n"
        for total in totals.sorted(by: { (Int($0[8]) ?? 0, $0[1]) < (Int($1[8]) ?? 0, $1[1]) }) {
            let fields = Dictionary(
                data.filter { $0[1] == total[1] && $0[3] != "total" }.map { ($0[3], $0[6]) },
                uniquingKeysWith: { a, _ in a })
            out +=
                "<tr>" + HTML.cell(total[8]) + HTML.cell(total[1]) + HTML.cell(total[2])
                + HTML.cell(Self.number(total[4]), numeric: true) + HTML.cell(Self.number(total[5]), numeric: true)
                + HTML.cell(Self.number(total[7], percent: true), numeric: true) + HTML.cell(total[9])
                + HTML.cell(total[10].isEmpty ? "—" : Self.number(total[10]), numeric: true)
                + (1...8).map { HTML.cell(Self.number(fields[String($0)] ?? "", percent: true), numeric: true) }
                .joined() + "</tr>\n"
        }
        return out + "</tbody></table>\n</section>\n"
    }

    private func sectionDelegation() -> String {
        let data = rows("delegation_coverage.csv")
        var out = "<section>\n<h2>Phân cấp, ủy quyền giải quyết thủ tục hành chính</h2>\n"
        guard !data.isEmpty else { return out + "<p>Chưa nạp danh mục thủ tục.</p>\n</section>\n" }
        let titles = [
            "plan_coverage": "Thủ tục có phương án phân cấp / tổng số thủ tục trong danh mục",
            "decision_rate": "Thủ tục đã có quyết định phân cấp / thủ tục cần quyết định",
            "internal_process_rate": "Thủ tục đã công bố quy trình nội bộ / thủ tục đã có quyết định",
        ]
        out +=
            "<table><thead><tr><th>Chỉ tiêu</th><th>Tử số</th><th>Mẫu số</th><th>Tỷ lệ</th><th>Số liệu đã công bố</th>"
            + "<th>Khớp</th><th>Tính đến ngày</th></tr></thead><tbody>\n"
        for row in data {
            let agrees = row[6] == "yes" ? "Khớp" : row[6] == "no" ? "KHÔNG khớp" : "—"
            out +=
                "<tr>" + HTML.cell(titles[row[1]] ?? row[1])
                + HTML.cell(VietnameseFormat.integer(Int(row[2]) ?? 0), numeric: true)
                + HTML.cell(VietnameseFormat.integer(Int(row[3]) ?? 0), numeric: true)
                + HTML.cell(Self.number(row[4], percent: true), numeric: true)
                + HTML.cell(row[5].isEmpty ? "—" : row[5] + "%", numeric: true) + HTML.cell(agrees) + HTML.cell(row[0])
                + "</tr>\n"
        }
        out += "</tbody></table>\n"
        for row in data where row[6] == "no" {
            out +=
                "<p class=\"warn\">\(HTML.escape(titles[row[1]] ?? row[1])): số đã công bố \(HTML.escape(row[5]))% "
                + "không khớp với \(HTML.escape(row[2]))/\(HTML.escape(row[3])) = \(HTML.escape(Self.number(row[4], percent: true))).</p>\n"
        }
        return out + "</section>\n"
    }
}
