import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// The yearly indices page (`indices.html`): Decision 766, SIPAS, PAR INDEX and delegation
/// coverage, each with numerators and denominators, and ranked bar charts. Self-contained, in
/// Vietnamese, printable; every data value escaped.
public struct IndicesPage {
    public var year: Int
    /// The year's results, as computed or stored.
    public var indices: YearlyIndices
    public var generatedAt: String?
    /// True when inputs were ingested after the year was computed: the page says so at the top.
    public var isStale: Bool

    /// The page of `year` from its results.
    public init(year: Int, indices: YearlyIndices, generatedAt: String?, isStale: Bool = false) {
        self.year = year
        self.indices = indices
        self.generatedAt = generatedAt
        self.isStale = isStale
    }

    /// Hundredths → `96,5` (or `96,5%` with `percent`); no value → `—`.
    static func number(_ hundredths: Int?, percent: Bool = false) -> String {
        guard let hundredths else { return "—" }
        return percent
            ? VietnameseFormat.percent(hundredths: hundredths) : VietnameseFormat.decimal(hundredths: hundredths)
    }

    /// Points kept in ten-thousandths, shown to two decimals as the CSV writes them.
    static func points(_ tenThousandths: Int) -> String { number(Points.hundredths(tenThousandths)) }

    /// A count; no value → `—`.
    static func count(_ value: Int?) -> String { value.map(VietnameseFormat.integer) ?? "—" }

    /// The unit's name, or its code when the data gives no name.
    static func label(_ code: String, _ name: String) -> String { name.isEmpty ? code : name }

    public func html() -> String {
        var out = """
            \(HTML.documentStart(title: "Các chỉ số cải cách hành chính năm \(year)"))
            <header>
            <h1>Các chỉ số cải cách hành chính năm \(year)</h1>
            <p class="sub">Bộ chỉ số 766, chỉ số hài lòng SIPAS, chỉ số PAR INDEX và tỷ lệ phân cấp, ủy quyền giải quyết TTHC</p>

            """
        if let generatedAt { out += "<p class=\"sub\">Lập lúc \(HTML.escape(generatedAt))</p>\n" }
        if isStale {
            out +=
                "<p class=\"warn\" \(HTML.staleMarker)>Cảnh báo: có tệp dữ liệu được nạp sau lần tính các chỉ số năm \(year); "
                + "hãy chạy lại bước tính (reform-compute --year \(year)) để số liệu cập nhật.</p>\n"
        }
        out += "</header>\n<main>\n"
        out += section766() + sectionPublished766() + sectionSIPAS() + sectionPAR() + sectionDelegation()
        return out + "</main>\n</body>\n</html>\n"
    }

    private func chart(_ title: String, _ items: [(label: String, value: Int?)]) -> String {
        let ranked = items.sorted { ($0.value ?? -1, $1.label) > ($1.value ?? -1, $0.label) }
        return BarChart(title: title, items: ranked.map { .init(label: $0.label, hundredths: $0.value) }).svg()
    }

    private func section766() -> String {
        let all = indices.index766
        let data = all.filter { $0.period == String(year) }
        var out = "<section>\n<h2>Bộ chỉ số 766: các tiêu chí tính được từ dữ liệu hồ sơ</h2>\n"
        guard !data.isEmpty else { return out + "<p>Không có hồ sơ trong năm.</p>\n</section>\n" }
        let totals = data.filter(\.isTotal)
        out += chart(
            "Tổng điểm 766 (trên số điểm tối đa tính được), xếp hạng",
            totals.map { (Self.label($0.unitCode, $0.unitName), $0.shareOfMaximum) })
        out +=
            "<table><thead><tr><th>Mã đơn vị</th><th>Đơn vị</th><th>Tiêu chí</th><th>Tử số</th><th>Mẫu số</th>"
            + "<th>Tỷ lệ</th><th>Điểm tối đa</th><th>Điểm</th><th>Hạng</th><th>Nhóm xếp hạng</th></tr></thead><tbody>\n"
        for row in data {
            out += row.isTotal ? "<tr class=\"total\">" : "<tr>"
            out += HTML.cell(row.unitCode) + HTML.cell(row.unitName) + HTML.cell(row.isTotal ? "Tổng" : row.criterion)
            out += HTML.cell(Self.count(row.numerator), numeric: true)
            out += HTML.cell(Self.count(row.denominator), numeric: true)
            out +=
                HTML.cell(Self.number(row.ratio, percent: true), numeric: true)
                + HTML.cell(Self.number(row.maxPoints), numeric: true)
            out +=
                HTML.cell(Self.number(row.score), numeric: true) + HTML.cell(row.rank.map(String.init) ?? "")
                + HTML.cell(row.isTotal ? RankGroupLabel.text(row.group) : "") + "</tr>\n"
        }
        out += "</tbody></table>\n"
        // Monthly totals: one row per unit, one column per month.
        let months = Array(Set(all.map(\.period)).filter { $0 != String(year) }).sorted()
        if !months.isEmpty {
            out +=
                "<h3>Tổng điểm 766 theo tháng</h3>\n<table class=\"narrow\"><thead><tr><th>Đơn vị</th>"
                + months.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            let monthly = Dictionary(
                all.filter { $0.isTotal && $0.period != String(year) }.map {
                    ("\($0.unitCode)|\($0.period)", $0.score)
                },
                uniquingKeysWith: { a, _ in a })
            for total in totals {
                out +=
                    "<tr>" + HTML.cell(Self.label(total.unitCode, total.unitName))
                    + months.map { month in
                        HTML.cell(Self.number(monthly["\(total.unitCode)|\(month)"] ?? nil), numeric: true)
                    }.joined()
                    + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func sectionSIPAS() -> String {
        let data = indices.sipas
        var out = "<section>\n<h2>Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)</h2>\n"
        guard !data.isEmpty else { return out + "<p>Không có phiếu khảo sát trong năm.</p>\n</section>\n" }
        let elements = [
            "1": "Tiếp cận dịch vụ", "2": "Thủ tục hành chính", "3": "Công chức", "4": "Kết quả",
            "5": "Tiếp nhận và xử lý góp ý",
        ]
        out += chart(
            "SIPAS chung theo đơn vị (trung bình 5 yếu tố), xếp hạng",
            data.filter(\.isOverall).map { (Self.label($0.unitCode, $0.unitName), $0.index) })
        let procedures = data.filter { $0.element == "2" && $0.index != nil }
        let ranked = procedures.sorted { ($0.index ?? -1, $1.unitCode) > ($1.index ?? -1, $0.unitCode) }
        out += BarChart(
            title: "Yếu tố 2 – Thủ tục hành chính: tỷ lệ hài lòng và khoảng tin cậy 95%, xếp hạng",
            items: ranked.map { row in
                let interval = row.ciLow.flatMap { low in row.ciHigh.map { (low, $0) } }
                return .init(label: Self.label(row.unitCode, row.unitName), hundredths: row.index, interval: interval)
            }
        ).svg()
        out += "<p>Khoảng tin cậy 95% (Wilson) cho từng yếu tố; cỡ mẫu là số câu trả lời hợp lệ.</p>\n"
        out +=
            "<table><thead><tr><th>Mã đơn vị</th><th>Đơn vị</th><th>Yếu tố</th><th>Số trả lời</th><th>Hài lòng</th>"
            + "<th>Chỉ số</th><th>Khoảng tin cậy 95%</th><th>Hạng</th><th>Nhóm xếp hạng</th></tr></thead><tbody>\n"
        for row in data {
            let interval =
                row.ciLow == nil
                ? "—" : "\(Self.number(row.ciLow, percent: true)) – \(Self.number(row.ciHigh, percent: true))"
            out +=
                (row.isOverall ? "<tr class=\"total\">" : "<tr>") + HTML.cell(row.unitCode) + HTML.cell(row.unitName)
                + HTML.cell(row.isOverall ? "Chung" : "\(row.element). \(elements[row.element] ?? "")")
                + HTML.cell(VietnameseFormat.integer(row.answers), numeric: true)
                + HTML.cell(VietnameseFormat.integer(row.satisfied), numeric: true)
                + HTML.cell(Self.number(row.index, percent: true), numeric: true) + HTML.cell(interval, numeric: true)
                + HTML.cell(row.rank.map(String.init) ?? "", numeric: true)
                + HTML.cell(row.isOverall ? RankGroupLabel.text(row.group) : "") + "</tr>\n"
        }
        out += "</tbody></table>\n"
        let expectations = indices.expectations
        if !expectations.isEmpty {
            out +=
                "<h3>Câu hỏi về sự mong đợi (không tính vào chỉ số)</h3>\n<table class=\"narrow\"><thead><tr><th>Đơn vị</th>"
                + "<th>Câu hỏi</th><th>Số trả lời</th><th>Mức 4–5</th><th>Tỷ lệ</th></tr></thead><tbody>\n"
            for row in expectations {
                out +=
                    "<tr>" + HTML.cell(Self.label(row.unitCode, row.unitName)) + HTML.cell(row.questionCode)
                    + HTML.cell(VietnameseFormat.integer(row.answers), numeric: true)
                    + HTML.cell(VietnameseFormat.integer(row.high), numeric: true)
                    + HTML.cell(Self.number(row.share, percent: true), numeric: true) + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func sectionPAR() -> String {
        let data = indices.par
        var out = "<section>\n<h2>Chỉ số cải cách hành chính (PAR INDEX)</h2>\n"
        guard !data.isEmpty else { return out + "<p>Không có điểm PAR INDEX trong năm.</p>\n</section>\n" }
        let totals = data.filter(\.isTotal)
        out += chart("PAR INDEX theo đơn vị, xếp hạng", totals.map { (Self.label($0.unitCode, $0.unitName), $0.index) })
        out +=
            "<table><thead><tr><th>Nhóm xếp hạng</th><th>Hạng</th><th>Mã đơn vị</th><th>Đơn vị</th><th>Điểm</th>"
            + "<th>Điểm tối đa</th><th>Chỉ số</th><th>Xếp loại</th><th>Thay đổi so với năm trước (điểm %)</th>"
            + (1...8).map { "<th>Lĩnh vực \($0)</th>" }.joined()
            + "<th>Điểm thưởng, điểm trừ</th></tr></thead><tbody>\n"
        // By group; within it unranked units (no index) first, as rank 0 sorts; then by rank and code.
        let order = totals.sorted {
            ($0.group, $0.rank ?? 0, $0.unitCode) < ($1.group, $1.rank ?? 0, $1.unitCode)
        }
        for total in order {
            let unitRows = data.filter { $0.unitCode == total.unitCode && !$0.isTotal }
            let fields = Dictionary(unitRows.map { ($0.field, $0.subIndex) }, uniquingKeysWith: { a, _ in a })
            let bonus = unitRows.first { $0.field == String(PARRow.bonusField) }
            out +=
                "<tr>" + HTML.cell(RankGroupLabel.text(total.group)) + HTML.cell(total.rank.map(String.init) ?? "")
                + HTML.cell(total.unitCode)
                + HTML.cell(total.unitName)
                + HTML.cell(Self.points(total.points), numeric: true)
                + HTML.cell(Self.points(total.maxPoints), numeric: true)
                + HTML.cell(Self.number(total.index, percent: true), numeric: true) + HTML.cell(total.grade ?? "")
                + HTML.cell(Self.number(total.changePP), numeric: true)
                + (1...8).map { HTML.cell(Self.number(fields[String($0)] ?? nil, percent: true), numeric: true) }
                .joined() + HTML.cell(bonus.map { Self.points($0.points) } ?? "", numeric: true) + "</tr>\n"
        }
        return out + "</tbody></table>\n</section>\n"
    }

    private func sectionDelegation() -> String {
        let data = indices.delegation
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
            let agrees = row.agrees.map { $0 ? "Khớp" : "KHÔNG khớp" } ?? "—"
            let published = row.publishedRate ?? ""
            out +=
                "<tr>" + HTML.cell(titles[row.measure] ?? row.measure)
                + HTML.cell(VietnameseFormat.integer(row.numerator), numeric: true)
                + HTML.cell(VietnameseFormat.integer(row.denominator), numeric: true)
                + HTML.cell(Self.number(row.rate, percent: true), numeric: true)
                + HTML.cell(published.isEmpty ? "—" : published + "%", numeric: true) + HTML.cell(agrees)
                + HTML.cell(row.asOf) + "</tr>\n"
        }
        out += "</tbody></table>\n"
        for row in data where row.agrees == false {
            let title = titles[row.measure] ?? row.measure
            out +=
                "<p class=\"warn\">\(HTML.escape(title)): số đã công bố \(HTML.escape(row.publishedRate ?? ""))% "
                + "không khớp với \(row.numerator)/\(row.denominator) = \(HTML.escape(Self.number(row.rate, percent: true))).</p>\n"
        }
        return out + "</section>\n"
    }
}
