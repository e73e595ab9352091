import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// `comparison.html`: units and months side by side for auditors — a heat map of on-time rates
/// (unit × month), trend lines, the latest month's units ranked with their intervals, the integrity
/// checks and the data quality of the attribution. Self-contained, like every report page.
public struct ComparisonPage {
    public var comparison: UnitComparison
    public var audit: IntegrityAudit
    public var crosswalk: UnitCrosswalk
    public var generatedAt: String?

    public init(comparison: UnitComparison, audit: IntegrityAudit, crosswalk: UnitCrosswalk, generatedAt: String?) {
        self.comparison = comparison
        self.audit = audit
        self.crosswalk = crosswalk
        self.generatedAt = generatedAt
    }

    var months: [Month] { comparison.months }

    /// Whether `month` is the first month after the reorganisation (the heat map draws a line there).
    func startsReform(_ month: Month) -> Bool {
        let day = crosswalk.reformDay
        return month.firstDay <= day && day < month.endDay && months.first != month
    }

    public func html() -> [UInt8] {
        let range = "\(VietnameseFormat.month(months.first!)) – \(VietnameseFormat.month(months.last!))"
        var out = HTML.documentStart(title: "So sánh đơn vị \(range)")
        out += "<style>\(Self.style)</style>\n"
        out += "<h1>So sánh tỷ lệ giải quyết đúng hạn giữa các đơn vị, \(range)</h1>\n"
        let viewText =
            comparison.view == .current
            ? "Đơn vị hiện hành (dữ liệu trước khi sắp xếp được quy đổi sang đơn vị mới)"
            : "Quận, huyện, thị xã trước ngày sắp xếp (xã, phường mới được quy về quận, huyện cũ)"
        out += "<p class=\"sub\">Cách quy đổi: \(HTML.escape(viewText)).</p>\n"
        if let generatedAt { out += "<p class=\"sub\">Lập lúc \(HTML.escape(generatedAt))</p>\n" }
        out += cards()
        out += reading()
        out += heatMap()
        out += trends()
        out += ranking()
        out += integrity()
        out += quality()
        out += "</body>\n</html>\n"
        return Array(out.utf8)
    }

    func cards() -> String {
        let decided = comparison.decided
        let units = Set(comparison.rows.map(\.unit)).count
        let items = [
            (VietnameseFormat.integer(units), "đơn vị"), (VietnameseFormat.integer(months.count), "tháng"),
            (VietnameseFormat.integer(decided), "hồ sơ đã giải quyết có hạn"),
            (VietnameseFormat.integer(audit.findings.count), "dấu hiệu cần kiểm tra"),
            (VietnameseFormat.integer(comparison.quality.estimated), "hồ sơ quy đổi ước tính"),
        ]
        return "<div class=\"cards\">"
            + items.map { "<div class=\"card\"><div class=\"v\">\($0.0)</div><div class=\"l\">\($0.1)</div></div>" }
            .joined() + "</div>\n"
    }

    func reading() -> String {
        """
        <section><h2>Cách đọc</h2>
        <ul>
        <li>Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / (trước hạn + đúng hạn + quá hạn), kèm khoảng tin cậy 95% (Wilson).</li>
        <li>Xếp hạng theo cận dưới của khoảng tin cậy: đơn vị ít hồ sơ không vượt lên chỉ nhờ may mắn.</li>
        <li><b>*</b> thay đổi so với tháng trước lớn hơn mức ngẫu nhiên giải thích được (kiểm định z hai tỷ lệ, |z| ≥ 1,96).</li>
        <li><b>~</b> số liệu quy đổi qua bảng sắp xếp đơn vị không khớp hoàn toàn (ước tính).</li>
        <li>Số liệu trước và sau ngày sắp xếp chỉ được đặt cạnh nhau qua bảng quy đổi; không cộng gộp hai hệ thống đơn vị.</li>
        </ul></section>

        """
    }

    /// Rows of one unit, by month.
    var byUnit: [(unit: ReportedUnit, name: String, rows: [Month: UnitComparison.Row])] {
        var units: [ReportedUnit: (String, [Month: UnitComparison.Row])] = [:]
        for row in comparison.rows {
            units[row.unit, default: (row.name, [:])].1[row.period] = row
        }
        return units.map { (unit: $0.key, name: $0.value.0, rows: $0.value.1) }.sorted { $0.unit < $1.unit }
    }

    static func color(_ hundredths: Int) -> String {
        // Red (low) through yellow to green (high), light enough for black text.
        let hue = max(0, min(120, (hundredths - 5000) * 120 / 5000))
        return "hsl(\(hue),70%,78%)"
    }

    func heatMap() -> String {
        var out = "<section><h2>Bản đồ nhiệt: tỷ lệ đúng hạn theo đơn vị và tháng</h2>\n"
        out += "<table class=\"heat\"><thead><tr><th>Mã</th><th>Đơn vị</th>"
        for month in months {
            out += "<th class=\"n\(startsReform(month) ? " reform" : "")\">\(VietnameseFormat.month(month))</th>"
        }
        out += "<th>Xu hướng</th></tr></thead><tbody>\n"
        for (unit, name, rows) in byUnit {
            out += "<tr><td>\(HTML.escape(unit.code))</td><td>\(HTML.escape(name))</td>"
            for month in months {
                let reform = startsReform(month) ? " reform" : ""
                guard let row = rows[month] else {
                    out += "<td class=\"n empty\(reform)\"></td>"
                    continue
                }
                guard let rate = row.rate else {
                    out += "<td class=\"n\(reform)\" title=\"chưa có hồ sơ giải quyết có hạn\">—</td>"
                    continue
                }
                let marks = (row.significant == true ? "*" : "") + (row.estimate ? "~" : "")
                let title =
                    "\(row.counts.onTime)/\(row.counts.decided); KTC 95%: "
                    + "\(VietnameseFormat.percent(hundredths: row.interval?.low)) – "
                    + "\(VietnameseFormat.percent(hundredths: row.interval?.high))"
                out +=
                    "<td class=\"n\(reform)\" style=\"background:\(Self.color(rate))\" title=\"\(HTML.escape(title))\">"
                out += "\(VietnameseFormat.percent(hundredths: rate))\(marks)</td>"
            }
            out += "<td>\(sparkline(months.map { rows[$0]?.rate }))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    func sparkline(_ values: [Int?]) -> String {
        let width = 90, height = 22
        let step = values.count > 1 ? Double(width - 4) / Double(values.count - 1) : 0
        var segments: [[String]] = [[]]
        for (index, value) in values.enumerated() {
            guard let value else {
                segments.append([])
                continue
            }
            let x = 2 + step * Double(index), y = Double(height - 2) - Double(height - 4) * Double(value) / 10000
            segments[segments.count - 1].append("\(Self.fixed(x)),\(Self.fixed(y))")
        }
        var out = "<svg class=\"spark\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        for points in segments where !points.isEmpty {
            out +=
                points.count == 1
                ? "<circle cx=\"\(points[0].split(separator: ",")[0])\" cy=\"\(points[0].split(separator: ",")[1])\" r=\"1.5\"/>"
                : "<polyline points=\"\(points.joined(separator: " "))\"/>"
        }
        return out + "</svg>"
    }

    static func fixed(_ value: Double) -> String { HTML.coordinate(value) }

    /// City-wide rate by month, and the lines of the best and worst ranked units of the last month.
    func trends() -> String {
        let width = 760, height = 300, left = 50, right = 190, top = 20, bottom = 40
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double {
            months.count > 1
                ? Double(left) + Double(plotWidth) * Double(index) / Double(months.count - 1) : Double(left)
        }
        func y(_ hundredths: Int) -> Double { Double(top) + Double(plotHeight) * (1 - Double(hundredths) / 10000) }
        var out = "<section><h2>Xu hướng</h2>\n"
        out += "<svg class=\"chart trend\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
        out += "<title>Tỷ lệ đúng hạn toàn thành phố và các đơn vị đứng đầu, đứng cuối tháng cuối</title>"
        for tick in stride(from: 0, through: 100, by: 25) {
            let ty = Self.fixed(y(tick * 100))
            out += "<line x1=\"\(left)\" y1=\"\(ty)\" x2=\"\(left + plotWidth)\" y2=\"\(ty)\" class=\"grid\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(ty)\" class=\"label\">\(tick)%</text>"
        }
        for (index, month) in months.enumerated() {
            out += "<text x=\"\(Self.fixed(x(index)))\" y=\"\(height - bottom + 16)\" class=\"tick\">"
            out += "\(VietnameseFormat.month(month))</text>"
            if startsReform(month) {
                let rx = Self.fixed((x(index - 1) + x(index)) / 2)
                out +=
                    "<line x1=\"\(rx)\" y1=\"\(top)\" x2=\"\(rx)\" y2=\"\(top + plotHeight)\" class=\"reform-line\"/>"
                out += "<text x=\"\(rx)\" y=\"\(top + plotHeight + 32)\" class=\"tick\">sắp xếp đơn vị</text>"
            }
        }
        var lines: [(label: String, css: String, values: [Int?])] = []
        let cityValues = months.map(comparison.overallRate)
        lines.append(("Toàn thành phố", "city", cityValues))
        let last = comparison.rows.filter { $0.period == months.last && $0.rank != nil }.sorted {
            $0.rank! != $1.rank! ? $0.rank! < $1.rank! : $0.unit < $1.unit
        }
        let units = byUnit
        for (index, row)
            in (Array(last.prefix(3))
            + Array(last.suffix(3).filter { r in !last.prefix(3).contains { $0.unit == r.unit } }))
            .enumerated()
        {
            guard let entry = units.first(where: { $0.unit == row.unit }) else { continue }
            lines.append(
                ("\(row.unit.code) \(row.name)", index < 3 ? "best" : "worst", months.map { entry.rows[$0]?.rate }))
        }
        for (index, line) in lines.enumerated() {
            let points = line.values.enumerated().compactMap { i, v in
                v.map { "\(Self.fixed(x(i))),\(Self.fixed(y($0)))" }
            }
            if points.count > 1 {
                out += "<polyline points=\"\(points.joined(separator: " "))\" class=\"line \(line.css)\"/>"
            }
            for point in points {
                let parts = point.split(separator: ",")
                out += "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"2.5\" class=\"dot \(line.css)\"/>"
            }
            let ly = top + 12 + index * 18
            out += "<line x1=\"\(width - right + 10)\" y1=\"\(ly - 4)\" x2=\"\(width - right + 30)\" y2=\"\(ly - 4)\" "
            out += "class=\"line \(line.css)\"/><text x=\"\(width - right + 34)\" y=\"\(ly)\" class=\"value\">"
            out += "\(HTML.escape(String(line.label.prefix(28))))</text>"
        }
        out += "</svg>\n<p class=\"sub\">Đường đậm: toàn thành phố; xanh: ba đơn vị xếp đầu, đỏ: ba đơn vị xếp cuối "
        out += "tháng \(VietnameseFormat.month(months.last!)).</p></section>\n"
        return out
    }

    func ranking() -> String {
        guard let last = months.last else { return "" }
        // Each group's ranking in turn (departments apart from communes).
        let rows = comparison.rows.filter { $0.period == last }.sorted {
            if $0.group != $1.group { return $0.group < $1.group }
            return ($0.rank ?? Int.max) != ($1.rank ?? Int.max)
                ? ($0.rank ?? Int.max) < ($1.rank ?? Int.max) : $0.unit < $1.unit
        }
        let grouped = Set(rows.map(\.group)).count > 1
        var out = "<section><h2>Xếp hạng tháng \(VietnameseFormat.month(last))</h2>\n"
        let chart = BarChart(
            title: "Tỷ lệ đúng hạn và khoảng tin cậy 95%, theo thứ hạng",
            items: rows.map {
                BarChart.Item(
                    label: "\($0.rank.map { "\($0). " } ?? "")\($0.unit.code) \($0.name)"
                        + (grouped ? " (\(RankGroupLabel.text($0.group)))" : ""), hundredths: $0.rate,
                    interval: $0.interval)
            })
        out += chart.svg() + "\n"
        out += "<table><thead><tr><th class=\"n\">Hạng</th><th>Mã</th><th>Đơn vị</th><th class=\"n\">Đúng hạn</th>"
        out += "<th class=\"n\">Đã giải quyết</th><th class=\"n\">Tỷ lệ</th><th class=\"n\">KTC 95%</th>"
        out += "<th class=\"n\">Tháng trước</th><th class=\"n\">Thay đổi (điểm %)</th><th class=\"n\">Cùng kỳ</th>"
        out += "<th>Có ý nghĩa</th><th>Ước tính</th><th>Nhóm xếp hạng</th></tr></thead><tbody>\n"
        for row in rows {
            let interval =
                row.interval.map {
                    "\(VietnameseFormat.percent(hundredths: $0.low)) – \(VietnameseFormat.percent(hundredths: $0.high))"
                } ?? "—"
            out += "<tr>" + HTML.cell(row.rank.map(String.init) ?? "—", numeric: true) + HTML.cell(row.unit.code)
            out += HTML.cell(row.name) + HTML.cell(VietnameseFormat.integer(row.counts.onTime), numeric: true)
            out += HTML.cell(VietnameseFormat.integer(row.counts.decided), numeric: true)
            out += HTML.cell(VietnameseFormat.percent(hundredths: row.rate), numeric: true)
            out += HTML.cell(interval, numeric: true)
            out += HTML.cell(VietnameseFormat.percent(hundredths: row.previousRate), numeric: true)
            out += HTML.cell(
                row.changeAgainstPrevious.map { VietnameseFormat.decimal(hundredths: $0) } ?? "—", numeric: true)
            out += HTML.cell(VietnameseFormat.percent(hundredths: row.yearAgoRate), numeric: true)
            out += HTML.cell(row.significant.map { $0 ? "có" : "không" } ?? "—")
            out += HTML.cell(row.estimate ? "có" : "không") + HTML.cell(RankGroupLabel.text(row.group)) + "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    /// What a check means, in one sentence an auditor reads on the (Vietnamese) page; the README
    /// says the same in English.
    static func explanation(of check: IntegrityAudit.Check) -> String {
        switch check {
        case .completedBeforeReceived:
            return "Dòng bị từ chối khi nạp dữ liệu vì ngày có kết quả hoặc ngày trả kết quả trước ngày tiếp nhận."
        case .conflictingDuplicate:
            return "Một tệp xuất liệt kê cùng một hồ sơ hai lần với nội dung khác nhau; chỉ dòng sau được giữ lại."
        case .dueBeforeReceived:
            return "Ngày hẹn trả trước ngày tiếp nhận — không lịch hẹn thật nào như vậy."
        case .dueChanged:
            return "Tệp xuất sau ghi ngày hẹn trả của hồ sơ khác (hoặc bỏ trống) so với tệp xuất trước."
        case .dueDateGaming:
            return "Số hồ sơ hoàn thành đúng vào ngày hẹn trả nhiều hơn hẳn so với các ngày làm việc ngay trước đó, "
                + "vượt mức ngẫu nhiên có thể giải thích: kết quả có thể được ghi là đúng hạn dù không đúng hạn."
        case .lateWithoutApology:
            return "Giải quyết sau ngày hẹn trả mà không có thư xin lỗi theo quy định."
        case .stateRegressed:
            return "Tệp xuất sau làm hồ sơ lùi trạng thái: hồ sơ đã xong lại thành đang xử lý, hoặc ngày có kết quả "
                + "bị lùi về trước."
        }
    }

    func integrity() -> String {
        var out = "<section><h2>Kiểm tra tính toàn vẹn dữ liệu</h2>\n"
        for check in IntegrityAudit.Check.allCases {
            let findings = audit.findings.filter { $0.check == check }
            let total = audit.total(of: check)
            out += "<h3>\(HTML.escape(check.rawValue)): \(VietnameseFormat.integer(total)) hồ sơ</h3>\n"
            out += "<p class=\"sub\">\(HTML.escape(Self.explanation(of: check)))</p>\n"
            guard !findings.isEmpty else {
                out += "<p>Không phát hiện.</p>\n"
                continue
            }
            out += "<table><thead><tr><th>Mã</th><th>Đơn vị</th><th>Tháng</th><th class=\"n\">Số hồ sơ</th>"
            out += "<th>Ví dụ (mã hồ sơ)</th></tr></thead><tbody>\n"
            for finding in findings {
                out += "<tr>" + HTML.cell(finding.unit.code) + HTML.cell(finding.name)
                out += HTML.cell(VietnameseFormat.month(finding.period))
                out += HTML.cell(VietnameseFormat.integer(finding.count), numeric: true)
                out += HTML.cell(finding.examples.joined(separator: " ")) + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    func quality() -> String {
        let quality = comparison.quality
        var out = "<section><h2>Chất lượng dữ liệu và quy đổi đơn vị</h2>\n<table class=\"narrow\"><tbody>\n"
        out +=
            "<tr><td>Hồ sơ trong các tháng so sánh</td><td class=\"n\">\(VietnameseFormat.integer(quality.dossiers))</td></tr>\n"
        out += "<tr><td>Mã đơn vị chỉ có trong danh mục của hệ thống đơn vị kia (đã quy đổi)</td>"
        out += "<td class=\"n\">\(VietnameseFormat.integer(quality.fromOtherSystem))</td></tr>\n"
        out += "<tr><td>Hồ sơ quy đổi không khớp hoàn toàn (ước tính)</td>"
        out += "<td class=\"n\">\(VietnameseFormat.integer(quality.estimated))</td></tr>\n"
        let unknown = quality.unknownCodes.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        out += "<tr><td>Mã đơn vị không có trong danh mục nào (giữ nguyên)</td>"
        out += "<td class=\"n\">\(VietnameseFormat.integer(quality.unknownDossiers))</td></tr>\n"
        out += "</tbody></table>\n"
        if !unknown.isEmpty {
            out += "<p class=\"sub\">Mã không có trong danh mục: "
            out += unknown.prefix(20).map { "\(HTML.escape($0.key)) (\(VietnameseFormat.integer($0.value)))" }
                .joined(separator: ", ")
            out += unknown.count > 20 ? ", …" : ""
            out += "</p>\n"
        }
        out += "<p class=\"sub\">Ngày sắp xếp đơn vị: \(CivilDate.isoString(crosswalk.reformDay)). "
        out += "Đơn vị của hồ sơ được xác định theo danh mục có hiệu lực tại ngày tiếp nhận.</p>\n"
        if !crosswalk.hasMergeMap {
            out += "<p class=\"warn\">Chưa nạp bảng sắp xếp đơn vị (merge map): số liệu trước và sau ngày sắp xếp "
            out += "không được quy đổi, mỗi bên giữ đơn vị của mình.</p>\n"
        }
        return out + "</section>\n"
    }

    static let style = """
        table.heat td{white-space:nowrap}table.heat td.empty{background:#f4f4f4}
        .reform{border-left:3px solid #111 !important}
        svg.spark polyline{fill:none;stroke:#2b5d8a;stroke-width:1.5}svg.spark circle{fill:#2b5d8a}
        .trend .line{fill:none;stroke-width:1.5}.trend .city{stroke:#111;stroke-width:3}.trend .dot.city{fill:#111}
        .trend .best{stroke:#1b7f3b}.trend .dot.best{fill:#1b7f3b}.trend .worst{stroke:#b00020}
        .trend .dot.worst{fill:#b00020}.trend .dot{stroke:none}.reform-line{stroke:#111;stroke-dasharray:4 3}
        @media print{table.heat{font-size:8px}}
        """
}
