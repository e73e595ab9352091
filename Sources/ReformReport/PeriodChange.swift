import ReformMetrics
import ReformModel
import ReformSupport

/// Each unit's on-time rate against the previous period of the same kind, and how its rank moved
/// (docs/contract.md §9.1). A unit is its code and name together: a code given to another unit
/// in the reorganisation is a new unit, never compared with the one that held it before.
public struct PeriodChange {
    /// The previous period and its unit rows (nil when it was not computed in the database).
    public var previous: ReportingPeriod
    public var previousUnits: [Bieu06Row]?
    /// The previous period's counting rules, when they differ from this period's (then the change
    /// mixes two ways of counting, and the page says so).
    public var differentCounting: CountingRules?

    /// The change of `previous` for the current rows.
    public init(previous: ReportingPeriod, previousUnits: [Bieu06Row]?, differentCounting: CountingRules? = nil) {
        self.previous = previous
        self.previousUnits = previousUnits
        self.differentCounting = differentCounting
    }

    /// One unit's line.
    struct Line {
        var code: String
        var name: String
        var rate: Int?
        var previousRate: Int?
        var rank: Int?
        var previousRank: Int?
        /// Points, in hundredths; nil unless both rates exist.
        var change: Int? { rate.flatMap { now in previousRate.map { now - $0 } } }
        /// Places moved up (positive) or down (negative); nil unless ranked in both periods.
        var movement: Int? { rank.flatMap { now in previousRank.map { $0 - now } } }
    }

    /// Ranks by on-time rate, highest first; equal rates share a rank and the next rank skips
    /// (1, 2, 2, 4). Units without a rate (nothing decided with a due date) are not ranked.
    static func ranks(_ rows: [Bieu06Row]) -> [String: Int] {
        let rated = rows.compactMap { row in row.onTimeRateHundredths.map { (Self.key(row), $0) } }
            .sorted { $0.1 > $1.1 }
        var ranks: [String: Int] = [:]
        for (index, entry) in rated.enumerated() {
            ranks[entry.0] = index > 0 && rated[index - 1].1 == entry.1 ? ranks[rated[index - 1].0]! : index + 1
        }
        return ranks
    }

    static func key(_ row: Bieu06Row) -> String { row.key + "\u{1F}" + row.name }

    /// The lines of `units` (the current period's shown rows), in their order.
    func lines(_ units: [Bieu06Row]) -> [Line] {
        let now = Self.ranks(units)
        // Ranked among the units the previous page showed, as this period's among its own.
        let shownBefore = (previousUnits ?? []).filter { $0[.total] > 0 }
        let before = Self.ranks(shownBefore)
        var previousRates: [String: Int?] = [:]
        for row in shownBefore { previousRates[Self.key(row)] = row.onTimeRateHundredths }
        return units.map { row in
            let key = Self.key(row)
            return Line(
                code: row.key, name: row.name, rate: row.onTimeRateHundredths, previousRate: previousRates[key] ?? nil,
                rank: now[key], previousRank: before[key])
        }
    }

    /// The page's section: a table of rates, changes and ranks, or why there is none.
    func section(_ units: [Bieu06Row]) -> String {
        let previousText = VietnameseFormat.period(previous)
        var out = "<section id=\"so-voi-ky-truoc\">\n<h2>So với kỳ trước (\(HTML.escape(previousText)))</h2>\n"
        guard let previousUnits, !previousUnits.isEmpty else {
            return out
                + "<p>Kỳ trước chưa được tính trong cơ sở dữ liệu, nên chưa có so sánh. Tính kỳ trước (reform-compute, "
                + "hoặc \"history\" trong tệp định nghĩa) rồi lập lại báo cáo.</p>\n</section>\n"
        }
        if let differentCounting {
            out +=
                "<p class=\"warn\">Kỳ trước được tính theo cách đếm khác (\(HTML.escape("\(differentCounting)"))): "
                + "thay đổi dưới đây gồm cả phần do cách đếm.</p>\n"
        }
        out +=
            "<p>Thay đổi tỷ lệ đúng hạn tính bằng điểm phần trăm; hạng xếp theo tỷ lệ đúng hạn, cao nhất hạng 1, bằng "
            + "nhau cùng hạng. ▲ lên hạng, ▼ xuống hạng.</p>\n"
        out +=
            "<table>\n<thead><tr><th>Mã đơn vị</th><th>Đơn vị</th><th>Tỷ lệ kỳ này</th><th>Tỷ lệ kỳ trước</th>"
            + "<th>Thay đổi</th><th>Hạng kỳ này</th><th>Hạng kỳ trước</th><th>Thay đổi hạng</th></tr></thead>\n<tbody>\n"
        for line in lines(units) {
            out += "<tr>" + HTML.cell(line.code) + HTML.cell(line.name)
            out += HTML.cell(VietnameseFormat.percent(hundredths: line.rate), numeric: true)
            out += HTML.cell(VietnameseFormat.percent(hundredths: line.previousRate), numeric: true)
            out += HomePage.changeCell(line.change)
            out += HTML.cell(line.rank.map(String.init) ?? "—", numeric: true)
            out += HTML.cell(line.previousRank.map(String.init) ?? "—", numeric: true)
            let movement: String
            switch line.movement {
            case nil: movement = line.previousRank == nil && line.rank != nil ? "mới" : "—"
            case 0?: movement = "="
            case let places? where places > 0: movement = "▲ \(places)"
            case let places?: movement = "▼ \(-places)"
            }
            out += HTML.cell(movement, numeric: true) + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
