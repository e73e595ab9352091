import ReformMetrics
import ReformModel
import ReformSupport

/// The reports' home page (`OUT/index.html`, docs/contract.md §9.1): every period present, newest
/// first and grouped by kind, with its headline figures and a link to each of its files; the
/// latest official form one click away; the trend of the province and of each unit over the
/// months present; the yearly indices side by side; every input behind the figures. Built from
/// `OutputInventory` alone, so the same folder gives the same bytes whichever job wrote last.
/// Self-contained (inline style and SVG, no script), in Vietnamese, printable on A4.
public struct HomePage {
    public let inventory: OutputInventory
    /// The counting rules in use, lettered in order of first appearance (the tables show the letter).
    private let countingLetters: [(key: String, text: String)]

    /// The page over `inventory`.
    public init(inventory: OutputInventory) {
        self.inventory = inventory
        var seen: [(key: String, text: String)] = []
        for period in inventory.periods {
            let key = Self.countingKey(period)
            if !seen.contains(where: { $0.key == key }) {
                let rules = period.counting.map { VietnameseFormat.counting($0) } ?? "không ghi trong provenance.csv"
                let sets = Bieu06Page.ruleSetTitle(period.ruleSets)
                seen.append((key, rules + (sets.isEmpty ? "" : ". Quy tắc phân loại: " + sets)))
            }
        }
        countingLetters = seen
    }

    /// What marks a home page as written by reform: one without it is a page of someone else,
    /// never overwritten.
    public static let generatorMarker = "<meta name=\"generator\" content=\"reform home page\">"

    /// Titles of the files the stages write, for the links.
    static let fileTitles: [String: String] = [
        "report.html": "Trang báo cáo", "bieu06.xlsx": "Biểu II.06a (Excel)",
        "bieu06_by_unit.csv": "Theo đơn vị (CSV)", "bieu06_by_field.csv": "Theo lĩnh vực (CSV)",
        "deadline_audit.csv": "Kiểm tra ngày hẹn (CSV)", "processing_time.csv": "Thời gian giải quyết (CSV)",
        "provenance.csv": "Nguồn gốc số liệu (CSV)", "consolidated.html": "Trang tổng hợp báo cáo đơn vị",
        "consolidated.xlsx": "Tổng hợp (Excel)", "consolidated_by_unit.csv": "Tổng hợp theo đơn vị (CSV)",
        "reconciliation.csv": "Đối chiếu (CSV)", "indices.html": "Trang chỉ số", "indices.xlsx": "Chỉ số (Excel)",
        "comparison.html": "Trang so sánh", "comparison.xlsx": "So sánh (Excel)", "comparison.csv": "So sánh (CSV)",
        "audit.csv": "Kiểm tra tính toàn vẹn (CSV)", "index.html": "Trang tổng hợp",
    ]

    /// The whole page.
    public func html() -> String {
        var out = HTML.documentStart(
            title: "Báo cáo kết quả giải quyết thủ tục hành chính – Trang tổng hợp",
            head: "\n" + Self.generatorMarker + "\n<style>" + Sparkline.style + Self.style + "</style>")
        out += "<header>\n<h1>Báo cáo kết quả giải quyết thủ tục hành chính</h1>\n"
        out += "<p class=\"sub\">Trang tổng hợp mọi kỳ báo cáo trong thư mục này, kỳ mới nhất trước.</p>\n"
        let stale = inventory.folders.filter(\.isStale)
        for folder in stale {
            out +=
                "<p class=\"warn\">Cảnh báo: thư mục <a href=\"\(HTML.href(folder.path))/\">\(HTML.escape(folder.path))</a> "
                + "có tệp dữ liệu được nạp sau lần tính số liệu; hãy chạy lại bước tính để số liệu cập nhật.</p>\n"
        }
        if inventory.isTruncated {
            out +=
                "<p class=\"warn\">Thư mục có hơn \(VietnameseFormat.integer(OutputInventory.entryLimit)) mục; "
                + "trang chỉ liệt kê phần đầu. Hãy dùng một thư mục riêng cho báo cáo.</p>\n"
        }
        out += "</header>\n<main>\n"
        out += latest()
        out += contents()
        let months = inventory.periods.filter { $0.period.kind == .month }
        let ranges = inventory.periods.filter { $0.period.kind != .month && $0.period.kind != .year }
        let years = inventory.periods.filter { $0.period.kind == .year }
        out += periodSection(
            id: "thang", title: "Báo cáo tháng", months, empty: "Chưa có báo cáo tháng.")
        out += periodSection(
            id: "quy", title: "Báo cáo quý, 6 tháng, 9 tháng và theo khoảng ngày", ranges,
            empty: "Chưa có báo cáo quý hay theo khoảng ngày.")
        out += yearSection(years)
        out += comparisonSection()
        out += trendSection()
        out += indicesSection()
        out += inputSection()
        out += otherSection()
        if !inventory.problems.isEmpty {
            out += "<section>\n<h2>Tệp không đọc được</h2>\n<ul>\n"
            for problem in inventory.problems { out += "<li>\(HTML.escape(problem))</li>\n" }
            out += "</ul>\n</section>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    static let style =
        "nav ul{columns:2;margin:4px 0}td.files a{white-space:nowrap;margin-right:8px}td.n{white-space:nowrap}"
        + ".down{color:#b00020;font-weight:600}.up{color:#1e6b34}.latest .v a{font-size:18px}"
        + "tr.province td{font-weight:700;background:#f3f6f9}.small{font-size:11px;color:#444}"
        + "@media print{nav{display:none}.spark{width:90px}}"

    private func link(_ folder: String, _ file: String) -> String {
        let path = folder == "." ? file : folder + "/" + file
        return "<a href=\"\(HTML.href(path))\">\(HTML.escape(Self.fileTitles[file] ?? file))</a>"
    }

    private func fileLinks(_ folder: OutputInventory.Folder) -> String {
        folder.files.map { link(folder.path, $0) }.joined(separator: " ")
    }

    /// The latest official form of each kind, one click away.
    private func latest() -> String {
        var cards: [String] = []
        var shown: Set<String> = []
        func card(_ label: String, _ period: OutputInventory.Period?) {
            // The latest form is often the latest month too: one card says it.
            guard let period, period.folder.files.contains("bieu06.xlsx"), shown.insert(period.folder.path).inserted
            else { return }
            var value = "<a href=\"\(HTML.href(period.folder.path + "/bieu06.xlsx"))\">"
            value += "\(HTML.escape(VietnameseFormat.period(period.period)))</a>"
            var under = link(period.folder.path, "bieu06.xlsx")
            if period.folder.files.contains("report.html") { under += " · " + link(period.folder.path, "report.html") }
            cards.append(
                "<div class=\"card latest\"><div class=\"l\">\(HTML.escape(label))</div><div class=\"v\">\(value)</div>"
                    + "<div class=\"small\">\(under)</div></div>")
        }
        card("Biểu II.06a mới nhất", inventory.periods.first { $0.folder.files.contains("bieu06.xlsx") })
        card("Tháng mới nhất", inventory.periods.first { $0.period.kind == .month })
        card(
            "Quý hoặc khoảng ngày mới nhất",
            inventory.periods.first { $0.period.kind != .month && $0.period.kind != .year })
        if let year = inventory.years.first {
            cards.append(
                "<div class=\"card latest\"><div class=\"l\">Chỉ số năm mới nhất</div><div class=\"v\">"
                    + "<a href=\"\(HTML.href(year.folder.path + "/indices.html"))\">Năm \(year.year)</a></div>"
                    + "<div class=\"small\">\(fileLinks(year.folder))</div></div>")
        }
        if cards.isEmpty { return "<p>Thư mục chưa có kỳ báo cáo nào.</p>\n" }
        return "<section class=\"cards\">\n" + cards.joined(separator: "\n") + "\n</section>\n"
    }

    private func contents() -> String {
        """
        <nav><ul>
        <li><a href="#thang">Báo cáo tháng</a></li><li><a href="#quy">Báo cáo quý và theo khoảng ngày</a></li>
        <li><a href="#nam">Báo cáo năm và chỉ số</a></li><li><a href="#so-sanh">So sánh và kiểm tra</a></li>
        <li><a href="#xu-huong">Xu hướng theo tháng</a></li><li><a href="#chi-so">Chỉ số năm theo đơn vị</a></li>
        <li><a href="#dau-vao">Tệp dữ liệu đầu vào</a></li><li><a href="#khac">Thư mục khác</a></li>
        </ul></nav>

        """
    }

    private static func countingKey(_ period: OutputInventory.Period) -> String {
        (period.counting.map { "\($0)" } ?? "") + "|" + period.ruleSets
    }

    private func countingLetter(_ period: OutputInventory.Period) -> String {
        let index = countingLetters.firstIndex { $0.key == Self.countingKey(period) } ?? 0
        return Self.letter(index)
    }

    static func letter(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : "A\(index)"
    }

    private func periodTable(_ periods: [OutputInventory.Period]) -> String {
        var out =
            "<table>\n<thead><tr><th>Kỳ báo cáo</th><th>Tiếp nhận mới</th><th>Phải giải quyết</th><th>Đã giải quyết</th>"
            + "<th>Tỷ lệ đúng hạn</th><th>Đang giải quyết quá hạn</th><th>Cách đếm</th><th>Tệp</th></tr></thead>\n<tbody>\n"
        for period in periods {
            let title = VietnameseFormat.period(period.period)
            let main = period.folder.files.contains("report.html") ? "report.html" : "consolidated.html"
            out += "<tr><td><a href=\"\(HTML.href(period.folder.path + "/" + main))\">\(HTML.escape(title))</a>"
            if period.folder.isStale { out += " <span class=\"down\">(cần tính lại)</span>" }
            out += "</td>"
            if let total = period.total {
                out += HTML.cell(VietnameseFormat.integer(total[.newOnline] + total[.newDirectPostal]), numeric: true)
                out += HTML.cell(VietnameseFormat.integer(total[.total]), numeric: true)
                out += HTML.cell(VietnameseFormat.integer(total[.resolved]), numeric: true)
                out += HTML.cell(VietnameseFormat.percent(hundredths: total.onTimeRateHundredths), numeric: true)
                out += HTML.cell(VietnameseFormat.integer(total[.pendingOverdue]), numeric: true)
            } else {
                out += "<td colspan=\"5\">Không có bảng theo đơn vị</td>"
            }
            out += HTML.cell(countingLetter(period))
            out += "<td class=\"files\">\(fileLinks(period.folder))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func countingNotes(_ periods: [OutputInventory.Period]) -> String {
        let used = Set(periods.map(Self.countingKey))
        var out = ""
        for (index, entry) in countingLetters.enumerated() where used.contains(entry.key) {
            out += "<p class=\"small\">Cách đếm \(Self.letter(index)): \(HTML.escape(entry.text))</p>\n"
        }
        return out
    }

    private func periodSection(id: String, title: String, _ periods: [OutputInventory.Period], empty: String)
        -> String
    {
        var out = "<section id=\"\(id)\">\n<h2>\(HTML.escape(title))</h2>\n"
        if periods.isEmpty { return out + "<p>\(HTML.escape(empty))</p>\n</section>\n" }
        out += periodTable(periods) + countingNotes(periods)
        return out + "</section>\n"
    }

    private func yearSection(_ periods: [OutputInventory.Period]) -> String {
        var out = "<section id=\"nam\">\n<h2>Báo cáo năm và chỉ số năm</h2>\n"
        if periods.isEmpty && inventory.years.isEmpty { return out + "<p>Chưa có báo cáo năm.</p>\n</section>\n" }
        if !periods.isEmpty { out += periodTable(periods) + countingNotes(periods) }
        if !inventory.years.isEmpty {
            out +=
                "<table>\n<thead><tr><th>Chỉ số năm</th><th>Số đơn vị</th><th>Tệp</th></tr></thead>\n<tbody>\n"
            for year in inventory.years {
                out += "<tr><td><a href=\"\(HTML.href(year.folder.path + "/indices.html"))\">Năm \(year.year)</a>"
                if year.folder.isStale { out += " <span class=\"down\">(cần tính lại)</span>" }
                out += "</td>" + HTML.cell(VietnameseFormat.integer(year.units.count), numeric: true)
                out += "<td class=\"files\">\(fileLinks(year.folder))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    private func comparisonSection() -> String {
        var out = "<section id=\"so-sanh\">\n<h2>So sánh đơn vị và kiểm tra tính toàn vẹn</h2>\n"
        if inventory.comparisons.isEmpty { return out + "<p>Chưa có bảng so sánh.</p>\n</section>\n" }
        out +=
            "<table>\n<thead><tr><th>Thư mục</th><th>Từ tháng</th><th>Đến tháng</th><th>Số đơn vị</th><th>Tệp</th></tr></thead>\n<tbody>\n"
        for comparison in inventory.comparisons {
            let months = comparison.rows.map(\.month)
            let units = Set(comparison.rows.map { $0.code + "\u{1F}" + $0.name }).count
            out += "<tr><td><a href=\"\(HTML.href(comparison.folder.path + "/comparison.html"))\">"
            out += "\(HTML.escape(comparison.folder.path))</a></td>"
            out += HTML.cell(months.min() ?? "—") + HTML.cell(months.max() ?? "—")
            out += HTML.cell(VietnameseFormat.integer(units), numeric: true)
            out += "<td class=\"files\">\(fileLinks(comparison.folder))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func trendSection() -> String {
        var out = "<section id=\"xu-huong\">\n<h2>Xu hướng theo tháng</h2>\n"
        if let months = TrendTable.months(inventory.periods) {
            out +=
                "<p>Tỷ lệ giải quyết đúng hạn (đúng và trước hạn trên số đã giải quyết có hạn) và số hồ sơ tiếp nhận "
                + "mới của toàn tỉnh và từng đơn vị qua các tháng có báo cáo (tối đa \(TrendTable.periodLimit) tháng). "
                + "Đơn vị xếp theo thay đổi tỷ lệ trong ba tháng gần nhất, giảm nhiều nhất trước. Một đơn vị là mã "
                + "cùng tên: đơn vị đổi mã hay đổi tên là một dòng mới, và đường không nối qua ngày sắp xếp đơn vị "
                + "hành chính 01/07/2025 (vạch đỏ); số liệu nối qua bảng chuyển đổi nằm ở bảng so sánh.</p>\n"
            out += trendTable(months, volumeTitle: "Tiếp nhận mới", changeTitle: "Thay đổi 3 tháng")
        } else {
            out += "<p>Chưa có báo cáo tháng nào.</p>\n"
        }
        for comparison in inventory.comparisons {
            guard let table = TrendTable.comparison(comparison) else { continue }
            out += "<h3>Theo bảng so sánh \(HTML.escape(comparison.folder.path))</h3>\n"
            out +=
                "<p>Đơn vị theo bảng so sánh: số liệu trước và sau ngày sắp xếp đã được quy về cùng đơn vị qua bảng "
                + "chuyển đổi; chấm rỗng là ước tính (đơn vị bị chia tách).</p>\n"
            out += trendTable(table, volumeTitle: "Đã giải quyết", changeTitle: "Thay đổi 3 tháng")
        }
        return out + "</section>\n"
    }

    private func trendTable(_ table: TrendTable, volumeTitle: String, changeTitle: String) -> String {
        let maximumVolume = max(
            1, ((table.province.map { [$0] } ?? []) + table.units).flatMap { $0.volumes.compactMap { $0 } }.max() ?? 1)
        var out = "<table>\n<thead><tr><th>Mã</th><th>Đơn vị</th><th>Tỷ lệ đúng hạn</th>"
        out += "<th>\(HTML.escape(volumeTitle))</th><th>\(HTML.escape(changeTitle))</th>"
        for period in table.periods { out += "<th>\(HTML.escape(period))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        func row(_ line: UnitTrend, province: Bool) {
            let volumeTop = province ? max(1, line.volumes.compactMap { $0 }.max() ?? 1) : maximumVolume
            out += province ? "<tr class=\"province\">" : "<tr>"
            out += HTML.cell(line.code) + HTML.cell(line.name)
            out +=
                "<td>"
                + Sparkline(
                    values: line.rates, maximum: 10000, breaks: line.breaks, estimates: line.estimates,
                    title: "\(line.name): tỷ lệ đúng hạn"
                ).svg() + "</td>"
            out +=
                "<td>"
                + Sparkline(
                    values: line.volumes, maximum: volumeTop, breaks: line.breaks, estimates: line.estimates,
                    title: "\(line.name): \(volumeTitle.lowercased())"
                ).svg() + "</td>"
            out += Self.changeCell(line.change)
            for index in table.periods.indices {
                let rate = line.rates[index].map { VietnameseFormat.percent(hundredths: $0) } ?? "—"
                let volume = line.volumes[index].map(VietnameseFormat.integer) ?? "—"
                let mark = line.estimates.contains(index) ? "*" : ""
                out += "<td class=\"n v\">\(HTML.escape(rate + mark))<br>\(HTML.escape(volume))</td>"
            }
            out += "</tr>\n"
        }
        if let province = table.province { row(province, province: true) }
        for line in table.units { row(line, province: false) }
        out += "</tbody>\n</table>\n"
        out += "<p class=\"small\">Mỗi ô: tỷ lệ đúng hạn, dưới là \(HTML.escape(volumeTitle.lowercased())); "
        out += "— là không có số liệu hoặc không có hồ sơ đã giải quyết có hạn; * là ước tính.</p>\n"
        return out
    }

    /// A change in points with its sign (`-3,5 điểm` in red, `+1,2 điểm`), `—` without one.
    static func changeCell(_ change: Int?) -> String {
        guard let change else { return "<td class=\"n\">—</td>" }
        let text = (change > 0 ? "+" : "") + VietnameseFormat.decimal(hundredths: change) + " điểm"
        let css = change < 0 ? "n down" : change > 0 ? "n up" : "n"
        return "<td class=\"\(css)\">\(HTML.escape(text))</td>"
    }

    private func indicesSection() -> String {
        var out = "<section id=\"chi-so\">\n<h2>Chỉ số năm theo đơn vị</h2>\n"
        let years = inventory.years.sorted { $0.year < $1.year }
        guard !years.isEmpty else { return out + "<p>Chưa có chỉ số năm.</p>\n</section>\n" }
        out +=
            "<p>Điểm Quyết định 766 (trên tổng điểm tối đa), chỉ số hài lòng SIPAS chung và PAR INDEX của từng đơn vị "
            + "theo năm.</p>\n<table>\n<thead><tr><th rowspan=\"2\">Mã</th><th rowspan=\"2\">Đơn vị</th>"
        for year in years { out += "<th colspan=\"3\">Năm \(year.year)</th>" }
        out += "</tr>\n<tr>"
        for _ in years { out += "<th>766</th><th>SIPAS</th><th>PAR INDEX</th>" }
        out += "</tr></thead>\n<tbody>\n"
        var keys: [String: (code: String, name: String)] = [:]
        for year in years {
            for unit in year.units { keys[unit.code + "\u{1F}" + unit.name] = (unit.code, unit.name) }
        }
        let ordered = keys.values.sorted {
            $0.code != $1.code
                ? OutputInventory.bytewise($0.code, $1.code) : OutputInventory.bytewise($0.name, $1.name)
        }
        for unit in ordered {
            out += "<tr>" + HTML.cell(unit.code) + HTML.cell(unit.name)
            for year in years {
                let found = year.units.first { $0.code == unit.code && $0.name == unit.name }
                let score =
                    found?.score766.map {
                        VietnameseFormat.decimal(hundredths: $0)
                            + (found?.max766.map { "/" + VietnameseFormat.decimal(hundredths: $0) } ?? "")
                    } ?? "—"
                out += HTML.cell(score, numeric: true)
                out += HTML.cell(VietnameseFormat.percent(hundredths: found?.sipas), numeric: true)
                out += HTML.cell(found?.par.map { VietnameseFormat.decimal(hundredths: $0) } ?? "—", numeric: true)
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// Every input file named in the periods' provenance or with a rejects file, once per content.
    private func inputSection() -> String {
        struct Input {
            var name: String
            var sha256: String
            var periods: [String] = []
            var refusal: String?
            var rejects: [(path: String, rows: Int?)] = []
        }
        var inputs: [String: Input] = [:]
        for period in inventory.periods {
            for input in period.inputs {
                let key = input.name + "\u{1F}" + input.sha256
                inputs[key, default: Input(name: input.name, sha256: input.sha256)].periods.append(period.period.name)
            }
            for file in period.refused {
                let key = file.name + "\u{1F}" + file.sha256
                inputs[key, default: Input(name: file.name, sha256: file.sha256)].refusal = file.reason
                inputs[key]?.periods.append(period.period.name)
            }
        }
        for (path, rows) in inventory.rejectFiles {
            let name = String(FilePath.lastComponent(of: path).dropLast(".rejects.csv".count))
            let matching = inputs.keys.filter { inputs[$0]!.name == name && inputs[$0]!.refusal == nil }
            if matching.isEmpty {
                inputs[name + "\u{1F}", default: Input(name: name, sha256: "")].rejects.append((path, rows))
            } else {
                for key in matching { inputs[key]?.rejects.append((path, rows)) }
            }
        }
        var out = "<section id=\"dau-vao\">\n<h2>Tệp dữ liệu đầu vào</h2>\n"
        guard !inputs.isEmpty else { return out + "<p>Chưa có tệp nào được ghi nhận.</p>\n</section>\n" }
        out +=
            "<p>Mỗi tệp đã nạp (theo nội dung, SHA-256), các kỳ có số liệu dựa trên nó, các dòng bị từ chối khi nạp, "
            + "và các tệp bị từ chối toàn bộ cùng lý do. Trang chỉ dựa trên các tệp kết quả (cùng dữ liệu cho cùng "
            + "một trang); thời điểm nạp từng tệp được ghi trong cơ sở dữ liệu của lần chạy.</p>\n"
        out +=
            "<table>\n<thead><tr><th>Tệp</th><th>SHA-256</th><th>Các kỳ dùng tệp</th><th>Dòng bị từ chối</th>"
            + "<th>Tình trạng</th></tr></thead>\n<tbody>\n"
        let ordered = inputs.values.sorted {
            $0.name != $1.name
                ? OutputInventory.bytewise($0.name, $1.name) : OutputInventory.bytewise($0.sha256, $1.sha256)
        }
        for input in ordered {
            out += "<tr>" + HTML.cell(input.name) + "<td class=\"hash\">\(HTML.escape(input.sha256))</td>"
            var periods: [String] = []
            for name in input.periods where !periods.contains(name) { periods.append(name) }
            out += HTML.cell(periods.isEmpty ? "—" : periods.joined(separator: ", "))
            let rejects = input.rejects.map { file in
                let count = file.rows.map(VietnameseFormat.integer) ?? "?"
                return "<a href=\"\(HTML.href(file.path))\">\(HTML.escape(count)) dòng</a>"
            }
            out += "<td class=\"n\">\(rejects.isEmpty ? "—" : rejects.joined(separator: " "))</td>"
            if let refusal = input.refusal {
                out += "<td class=\"down\">Bị từ chối: \(HTML.escape(refusal))</td>"
            } else {
                out += HTML.cell("Đã nạp")
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// Folders not shown above (rejects, another home page, files left beside the reports): every
    /// file is linked from somewhere on the page.
    private func otherSection() -> String {
        let shown = Set(
            inventory.periods.map(\.folder.path) + inventory.years.map(\.folder.path)
                + inventory.comparisons.map(\.folder.path))
        let others = inventory.folders.filter { !shown.contains($0.path) && !$0.files.isEmpty }
        var out = "<section id=\"khac\">\n<h2>Thư mục khác</h2>\n"
        if others.isEmpty { return out + "<p>Không có.</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th>Thư mục</th><th>Tệp</th></tr></thead>\n<tbody>\n"
        for folder in others {
            out += "<tr>" + HTML.cell(folder.path == "." ? "(thư mục gốc)" : folder.path)
            out += "<td class=\"files\">\(fileLinks(folder))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
