import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// The period's report page (`report.html`): self-contained (inline CSS and SVG, no script, no
/// external asset), in Vietnamese, printable on A4. Every data value is escaped.
public struct Bieu06Page {
    public var period: ReportingPeriod
    public var units: [Bieu06Row]
    public var fields: [Bieu06Row]
    public var violations: [(Bieu06Dimension, IdentityViolation)]
    public var quality: DataQuality
    /// Shown only when given (SOURCE_DATE_EPOCH), so identical inputs give identical pages.
    public var generatedAt: String?
    /// The deadline audit and processing times, when computed.
    public var deadlines: DeadlineResults?
    /// Each unit against the previous period of the same kind, when given.
    public var change: PeriodChange?

    public init(
        period: ReportingPeriod, units: [Bieu06Row], fields: [Bieu06Row],
        violations: [(Bieu06Dimension, IdentityViolation)],
        quality: DataQuality, generatedAt: String?
    ) {
        self.period = period
        self.units = units
        self.fields = fields
        self.violations = violations
        self.quality = quality
        self.generatedAt = generatedAt
    }

    /// The rule sets named readably (`decree-61-2018,decree-118-2025` → their decrees).
    static func ruleSetTitle(_ names: String) -> String {
        names.split(separator: ",").map { RuleSet.titles[String($0)] ?? String($0) }.joined(separator: "; ")
    }

    /// The whole page.
    public func html() -> String {
        let shownUnits = units.filter { $0[.total] > 0 }
        let shownFields = fields.filter { $0[.total] > 0 }
        let total = Bieu06Row.sum(shownUnits, name: "Tổng cộng")
        let periodText = VietnameseFormat.period(period)
        var out = """
            \(HTML.documentStart(title: "Biểu 06 – Tình hình, kết quả giải quyết TTHC – \(periodText)"))
            <header>
            <h1>Tình hình, kết quả giải quyết thủ tục hành chính</h1>
            <p class="sub">Biểu 06 · \(periodText) · Quy tắc phân loại: \
            \(HTML.escape(Self.ruleSetTitle(quality.ruleSet)))</p>
            <p class="sub">Cách đếm: \(HTML.escape(VietnameseFormat.counting(quality.counting)))</p>

            """
        if let generatedAt { out += "<p class=\"sub\">Lập lúc \(HTML.escape(generatedAt))</p>\n" }
        if quality.isStale {
            out +=
                "<p class=\"warn\" \(HTML.staleMarker)>Cảnh báo: có tệp dữ liệu được nạp sau lần tính gần nhất của kỳ này; "
                + "hãy chạy lại bước tính (reform-compute) để số liệu cập nhật.</p>\n"
        }
        out += "</header>\n<main>\n"
        out += summary(total)
        out += "<section>\n<h2>Kết quả theo đơn vị giải quyết</h2>\n"
        out += table(shownUnits, total: total, keyHeader: "Mã đơn vị", nameHeader: "Đơn vị", showName: true)
        out += "</section>\n"
        if let change { out += change.section(shownUnits) }
        out += "<section class=\"chart-section\">\n<h2>Tỷ lệ giải quyết đúng hạn theo đơn vị</h2>\n"
        let ranked = shownUnits.sorted { a, b in
            let ra = a.onTimeRateHundredths ?? -1, rb = b.onTimeRateHundredths ?? -1
            return ra != rb ? ra > rb : Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))
        }
        out +=
            shownUnits.isEmpty
            ? "<p>Không có hồ sơ trong kỳ.</p>"
            : BarChart(
                title:
                    "Tỷ lệ (trước hạn + đúng hạn) / đã giải quyết có hạn, \(periodText.prefix(1).lowercased() + periodText.dropFirst())",
                items: ranked.map {
                    .init(label: $0.name.isEmpty ? $0.key : $0.name, hundredths: $0.onTimeRateHundredths)
                }
            ).svg()
        out += "\n</section>\n<section>\n<h2>Kết quả theo lĩnh vực</h2>\n"
        let fieldTotal = Bieu06Row.sum(shownFields, name: "Tổng cộng")
        out += table(
            shownFields.map {
                var r = $0; if r.key.isEmpty { r.key = "(không ghi lĩnh vực)" }; return r
            },
            total: fieldTotal, keyHeader: "Lĩnh vực", nameHeader: "", showName: false)
        out += "</section>\n"
        if let deadlines { out += deadlineSection(deadlines) }
        out += qualitySection(total)
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private func summary(_ total: Bieu06Row) -> String {
        func card(_ label: String, _ value: String) -> String {
            "<div class=\"card\"><div class=\"v\">\(HTML.escape(value))</div><div class=\"l\">\(HTML.escape(label))</div></div>"
        }
        return """
            <section class="cards">
            \(card("Tổng số hồ sơ phải giải quyết", VietnameseFormat.integer(total[.total])))
            \(card("Đã giải quyết", VietnameseFormat.integer(total[.resolved])))
            \(card("Tỷ lệ đúng và trước hạn", VietnameseFormat.percent(hundredths: total.onTimeRateHundredths)))
            \(card("Đang giải quyết quá hạn", VietnameseFormat.integer(total[.pendingOverdue])))
            </section>

            """
    }

    private func table(_ rows: [Bieu06Row], total: Bieu06Row, keyHeader: String, nameHeader: String, showName: Bool)
        -> String
    {
        if rows.isEmpty { return "<p>Không có hồ sơ trong kỳ.</p>\n" }
        let nameColumns = showName ? 3 : 2
        var out = "<table>\n<thead>\n<tr><th rowspan=\"2\">STT</th><th rowspan=\"2\">\(HTML.escape(keyHeader))</th>"
        if showName { out += "<th rowspan=\"2\">\(HTML.escape(nameHeader))</th>" }
        out += Self.header + "</thead>\n<tbody>\n"
        func cells(_ row: Bieu06Row) -> String {
            Bieu06Column.pageOrder.map { HTML.cell(VietnameseFormat.integer(row[$0]), numeric: true) }.joined()
                + HTML.cell(VietnameseFormat.percent(hundredths: row.onTimeRateHundredths), numeric: true)
        }
        for (index, row) in rows.enumerated() {
            out += "<tr>" + HTML.cell(String(index + 1), numeric: true) + HTML.cell(row.key)
            if showName { out += HTML.cell(row.name) }
            out += cells(row) + "</tr>\n"
        }
        out +=
            "</tbody>\n<tfoot><tr><th colspan=\"\(nameColumns)\">Tổng cộng</th>\(cells(total))</tr></tfoot>\n</table>\n"
        return out
    }

    /// The count columns' two header rows, from the declaration (`Bieu06Column.pageOrder`): a
    /// group's columns under its title, a column without a group spanning both rows, then the rate.
    static let header: String = {
        var top = "", bottom = ""
        var index = 0
        let columns = Bieu06Column.pageOrder
        while index < columns.count {
            guard let group = columns[index].group else {
                top += "<th rowspan=\"2\">\(HTML.escape(columns[index].pageHeader))</th>"
                index += 1
                continue
            }
            let span = columns[index...].prefix { $0.group == group }.count
            top += "<th colspan=\"\(span)\">\(HTML.escape(group.title))</th>"
            for column in columns[index..<index + span] { bottom += "<th>\(HTML.escape(column.pageHeader))</th>" }
            index += span
        }
        return top + "<th rowspan=\"2\">Tỷ lệ đúng hạn</th></tr>\n<tr>" + bottom + "</tr>\n"
    }()

    private func deadlineSection(_ report: DeadlineResults) -> String {
        var out = "<section>\n<h2>Kiểm tra ngày hẹn trả theo thời hạn luật định</h2>\n"
        out +=
            "<p>Ngày hẹn trả của hồ sơ tiếp nhận trong tháng được so với thời hạn giải quyết của thủ tục, tính lại "
            + "theo ngày làm việc từ ngày tiếp nhận. Hẹn muộn hơn thời hạn làm hồ sơ trễ hạn trông như đúng hạn. "
            + "Tỷ lệ theo thời hạn luật định tính trên hồ sơ đã giải quyết trong tháng.</p>\n"
        if report.units.isEmpty { return out + "<p>Không có hồ sơ trong kỳ.</p>\n</section>\n" }
        out +=
            "<table><thead><tr><th>Mã đơn vị</th><th>Đơn vị</th><th>Tiếp nhận</th><th>Đã kiểm tra</th><th>Khớp</th>"
            + "<th>Hẹn muộn hơn luật định</th><th>Hẹn sớm hơn</th><th>Ví dụ hẹn muộn</th><th>Tỷ lệ đúng hạn (báo cáo)</th>"
            + "<th>Tỷ lệ đúng hạn (luật định)</th></tr></thead><tbody>\n"
        for row in report.units {
            out += "<tr>\(HTML.cell(row.code))\(HTML.cell(row.name))"
            for n in [row.received, row.checked, row.matches, row.later, row.earlier] {
                out += HTML.cell(VietnameseFormat.integer(n), numeric: true)
            }
            out += HTML.cell(row.laterExamples.joined(separator: " "))
            out += HTML.cell(VietnameseFormat.percent(hundredths: row.reportedRate), numeric: true)
            out += HTML.cell(VietnameseFormat.percent(hundredths: row.statutoryRate), numeric: true) + "</tr>\n"
        }
        out += "</tbody></table>\n<h3>Thời gian giải quyết thực tế (ngày làm việc)</h3>\n"
        out += "<p>Hồ sơ đã giải quyết trong tháng, theo đơn vị và thủ tục: trung bình, trung vị và phân vị 90.</p>\n"
        out +=
            "<table><thead><tr><th>Đơn vị</th><th>Thủ tục</th><th>Số hồ sơ</th><th>Trung bình</th><th>Trung vị</th>"
            + "<th>Phân vị 90</th><th>Thời hạn</th></tr></thead><tbody>\n"
        for row in report.times {
            let mean = VietnameseFormat.decimal(hundredths: row.meanHundredths)
            let median = VietnameseFormat.decimal(hundredths: row.medianHundredths)
            out +=
                "<tr>\(HTML.cell(row.unitName.isEmpty ? row.unitCode : row.unitName))\(HTML.cell(row.procedureName.isEmpty ? row.procedureCode : row.procedureName))"
                + HTML.cell(VietnameseFormat.integer(row.resolved), numeric: true) + HTML.cell(mean, numeric: true)
                + HTML.cell(median, numeric: true) + HTML.cell(VietnameseFormat.integer(row.p90), numeric: true)
                + HTML.cell(row.statutoryTime.isEmpty ? "—" : "\(row.statutoryTime) \(Self.unitTitle(row.timeUnit))")
                + "</tr>\n"
        }
        return out + "</tbody></table>\n</section>\n"
    }

    static func unitTitle(_ unit: String) -> String {
        ["working_days": "ngày làm việc", "days": "ngày", "hours": "giờ", "months": "tháng"][unit] ?? unit
    }

    private func qualitySection(_ total: Bieu06Row) -> String {
        var out = "<section>\n<h2>Chất lượng dữ liệu</h2>\n<ul>\n"
        out +=
            "<li>Hồ sơ không được tiếp nhận trong tháng (không tính vào biểu): "
            + "\(VietnameseFormat.integer(total[.notAccepted]))</li>\n"
        out +=
            "<li>Hồ sơ không có ngày hẹn trả (tính vào tổng, không tính vào tỷ lệ đúng hạn): "
            + "\(VietnameseFormat.integer(total[.noDue]))</li>\n"
        out += "</ul>\n<h3>Dòng bị từ chối khi nạp dữ liệu, theo lý do</h3>\n"
        if quality.rejectionsByReason.isEmpty {
            out += "<p>Không có dòng nào bị từ chối.</p>\n"
        } else {
            out += "<table class=\"narrow\"><thead><tr><th>Lý do</th><th>Số dòng</th></tr></thead><tbody>\n"
            for (reason, count) in quality.rejectionsByReason {
                out += "<tr>\(HTML.cell(reason))\(HTML.cell(VietnameseFormat.integer(count), numeric: true))</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += "<h3>Kiểm tra các đẳng thức của biểu</h3>\n"
        if violations.isEmpty {
            out += "<p>Tất cả các đẳng thức đều đúng trên mọi dòng (theo đơn vị và theo lĩnh vực).</p>\n"
        } else {
            out +=
                "<table class=\"narrow\"><thead><tr><th>Bảng</th><th>Dòng</th><th>Đẳng thức</th><th>Vế trái</th>"
                + "<th>Vế phải</th></tr></thead><tbody>\n"
            for (dimension, v) in violations {
                out +=
                    "<tr>\(HTML.cell(dimension == .unit ? "đơn vị" : "lĩnh vực"))\(HTML.cell(v.key))"
                    + "\(HTML.cell(v.identity))\(HTML.cell(VietnameseFormat.integer(v.left), numeric: true))"
                    + "\(HTML.cell(VietnameseFormat.integer(v.right), numeric: true))</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += "<h3>Tệp dữ liệu đầu vào</h3>\n"
        out +=
            "<table class=\"files\"><thead><tr><th>Tệp</th><th>SHA-256</th><th>Số dòng đọc</th><th>Nhận</th>"
            + "<th>Từ chối</th><th>Thay thế</th><th>Không đổi</th></tr></thead><tbody>\n"
        for file in quality.inputs {
            if let table = file.workbook {
                // Where the workbook's table was found, and what the file says of itself above it.
                var provenance = "trang tính “\(table.sheet)”, bỏ qua \(VietnameseFormat.integer(table.skipped)) dòng"
                if let period = file.statedPeriod {
                    provenance +=
                        "; kỳ ghi trên tệp: " + VietnameseFormat.date(period.lowerBound) + " – "
                        + VietnameseFormat.date(period.upperBound)
                }
                if !file.statedUnit.isEmpty { provenance += "; đơn vị ghi trên tệp: " + file.statedUnit }
                if !table.title.isEmpty { provenance += "; tiêu đề: " + table.title }
                out += "<tr><td>\(HTML.escape(file.fileName))<br><small>\(HTML.escape(provenance))</small></td>"
            } else {
                out += "<tr>\(HTML.cell(file.fileName))"
            }
            out += "<td class=\"hash\">\(HTML.escape(file.sha256))</td>"
            for n in [file.read, file.accepted, file.rejected, file.replaced, file.unchanged] {
                out += HTML.cell(VietnameseFormat.integer(n), numeric: true)
            }
            out += "</tr>\n"
        }
        out += "</tbody></table>\n"
        if !quality.refused.isEmpty {
            out += "<h3>Tệp bị từ chối (không nằm trong số liệu)</h3>\n"
            out +=
                "<table class=\"files\"><thead><tr><th>Tệp</th><th>Loại</th><th>SHA-256</th><th>Lý do</th></tr></thead>"
                + "<tbody>\n"
            for file in quality.refused {
                out +=
                    "<tr>\(HTML.cell(file.fileName))\(HTML.cell(file.kind))<td class=\"hash\">\(HTML.escape(file.sha256))</td>"
                    + "\(HTML.cell(file.reason))</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += "</section>\n"
        return out
    }
}
