import ReformMetrics
import ReformModel
import ReformSupport

extension IndicesPage {
    /// How many units a scope's trend draws (the best ranked in the latest month; the table has all).
    static let trendLines = 20

    /// Decision 766 as the national portal published it: for the year and the latest month, each
    /// scope's units by recomputed rank with the portal's order, the six groups, the total and the
    /// project's own score beside it; then each scope's totals month by month as lines.
    func sectionPublished766() -> String {
        let rows = indices.published766
        guard !rows.isEmpty else { return "" }
        var out = "<section>\n<h2>Bộ chỉ số 766 do Cổng Dịch vụ công quốc gia công bố</h2>\n"
        out +=
            "<p>Điểm theo sáu nhóm như Cổng công bố; hạng tính lại trong từng kỳ và từng nhóm đơn vị (tỉnh, sở ban "
            + "ngành, xã phường). Cột «Tự tính» là tổng điểm các tiêu chí dự án tính được từ dữ liệu hồ sơ của đơn vị "
            + "tương ứng (không gồm nhóm công khai, minh bạch), nên chênh lệch không chỉ do sai số.</p>\n"
        // The periods by kind ("2025-10" and "2025-Q4" are both seven characters): the year, the
        // latest quarter and the latest month are tabled, the months drawn.
        let all = Array(Set(rows.map(\.period))).sorted()
        func periods(_ kind: ReportingPeriod.Kind) -> [String] {
            all.filter { ReportingPeriod(name: $0)?.kind == kind }
        }
        let months = periods(.month)
        let shown = periods(.year) + [periods(.quarter).last, months.last].compactMap { $0 }
        let scopeNames = [
            "province": "Tỉnh, thành phố", "department": "Sở, ban, ngành", "commune": "Xã, phường, đặc khu",
        ]
        for period in shown {
            for scope in YearlyIndices.publishedScopes {
                let totals = rows.filter { $0.period == period && $0.scope == scope && $0.isTotal }
                    .sorted { ($0.rank ?? 0, $0.unitCode) < ($1.rank ?? 0, $1.unitCode) }
                guard !totals.isEmpty else { continue }
                let groups = Dictionary(
                    rows.filter { $0.period == period && $0.scope == scope && !$0.isTotal }.map {
                        ("\($0.unitCode)|\($0.measure)", $0.published)
                    }, uniquingKeysWith: { a, _ in a })
                out += "<h3>\(HTML.escape(scopeNames[scope] ?? scope)) — kỳ \(HTML.escape(period))</h3>\n"
                out += "<table><thead><tr><th>Hạng</th><th>Thứ tự trên Cổng</th><th>Mã</th><th>Đơn vị</th>"
                out += Decision766Group.allCases.map { "<th>\(HTML.escape($0.vietnameseName))</th>" }.joined()
                out += "<th>Tổng điểm</th><th>Tự tính</th><th>Chênh lệch</th></tr></thead><tbody>\n"
                for total in totals {
                    out += "<tr>" + HTML.cell(total.rank.map(String.init) ?? "", numeric: true)
                    out += HTML.cell(total.portalOrder.map(String.init) ?? "", numeric: true)
                    out += HTML.cell(total.unitCode) + HTML.cell(total.unitName)
                    out += Decision766Group.allCases.map {
                        HTML.cell(groups["\(total.unitCode)|\($0.rawValue)"].map(Self.points) ?? "—", numeric: true)
                    }.joined()
                    out += HTML.cell(Self.points(total.published), numeric: true)
                    out += HTML.cell(Self.number(total.ownScore), numeric: true)
                    out += HTML.cell(total.difference.map(Self.points) ?? "—", numeric: true) + "</tr>\n"
                }
                out += "</tbody></table>\n"
            }
        }
        guard months.count > 1 else { return out + "</section>\n" }
        for scope in YearlyIndices.publishedScopes {
            let totals = rows.filter { $0.scope == scope && $0.isTotal && months.contains($0.period) }
            guard !totals.isEmpty, let latest = months.last else { continue }
            var values: [String: [String: Int]] = [:]
            var names: [String: String] = [:]
            for total in totals {
                values[total.unitCode, default: [:]][total.period] = Points.hundredths(total.published)
                names[total.unitCode] = total.unitName
            }
            let latestTotals: [Published766Row] = totals.filter { $0.period == latest }
            let leaders = latestTotals.sorted { a, b in
                let left = a.rank ?? Int.max, right = b.rank ?? Int.max
                return left != right ? left < right : a.unitCode < b.unitCode
            }.prefix(Self.trendLines)
            var series: [TrendChart.Series] = []
            for unit in leaders {
                let byPeriod = values[unit.unitCode] ?? [:]
                series.append(.init(label: names[unit.unitCode] ?? unit.unitCode, values: months.map { byPeriod[$0] }))
            }
            let chart = TrendChart(
                title: "Tổng điểm 766 theo tháng — \(scopeNames[scope] ?? scope)", periods: months, series: series,
                maximum: 10000)
            out += chart.svg()
        }
        return out + "</section>\n"
    }
}
