import ReformMetrics
import ReformModel
import ReformSupport

/// One line of the home page's trends: a unit's on-time rate and volume over the periods shown.
struct UnitTrend {
    var code: String
    var name: String
    /// Hundredths of a percent per period; nil where the unit has no figure (or no decision).
    var rates: [Int?]
    /// Dossiers per period (received, or decided in a comparison); nil where the unit has no figure.
    var volumes: [Int?]
    /// Periods whose figure was carried across the reorganisation by an estimate.
    var estimates: Set<Int> = []
    /// Indices `i` where the line must not join period `i − 1` to `i`: the unit before and after
    /// is not the same unit (the July 2025 reorganisation).
    var breaks: Set<Int> = []

    /// The change of the rate over the last three periods, in hundredths of a point: the last
    /// period's rate less the rate three periods before it (or the earliest rate of the line's
    /// last unbroken run, when it is younger); nil without two rates to compare.
    var change: Int? {
        guard let last = rates.indices.last(where: { rates[$0] != nil }), last == rates.count - 1 else { return nil }
        var first = last
        var index = last
        while index > 0 && last - index < 3 && !breaks.contains(index) {
            index -= 1
            if rates[index] != nil { first = index }
        }
        guard first < last, let from = rates[first], let to = rates[last] else { return nil }
        return to - from
    }
}

/// The trends of the province and its units over periods, as the home page shows them.
struct TrendTable {
    /// The periods' labels, oldest first.
    var periods: [String]
    var province: UnitTrend?
    /// Worst change first; units without a change after them, by code.
    var units: [UnitTrend]

    /// At most this many periods are shown (two years of months).
    static let periodLimit = 24

    /// The months of Biểu 06 present (the latest 24): each unit's on-time rate and received
    /// dossiers. A unit is its code and name together (codes were reused in the reorganisation:
    /// 00004 was Phường Trúc Bạch and is now Phường Ba Đình), and no line crosses 1 July 2025.
    static func months(_ periods: [OutputInventory.Period]) -> TrendTable? {
        let months = periods.filter { $0.period.kind == .month && $0.total != nil }
            .sorted { $0.period.firstDay < $1.period.firstDay }.suffix(periodLimit)
        guard !months.isEmpty else { return nil }
        let reform = months.indices.dropFirst().filter {
            months[$0 - 1].period.firstDay < UnitCrosswalk.nationalReformDay
                && months[$0].period.firstDay >= UnitCrosswalk.nationalReformDay
        }.map { $0 - months.startIndex }
        var lines: [String: UnitTrend] = [:]
        let count = months.count
        for (position, month) in months.enumerated() {
            for unit in month.units {
                let key = unit.code + "\u{1F}" + unit.name
                var line =
                    lines[key]
                    ?? UnitTrend(
                        code: unit.code, name: unit.name, rates: Array(repeating: nil, count: count),
                        volumes: Array(repeating: nil, count: count), breaks: Set(reform))
                line.rates[position] = unit.counts.onTimeRateHundredths
                line.volumes[position] = unit.counts[.newOnline] + unit.counts[.newDirectPostal]
                lines[key] = line
            }
        }
        var province = UnitTrend(
            code: "", name: "Toàn tỉnh", rates: months.map { $0.total!.onTimeRateHundredths },
            volumes: months.map { $0.total![.newOnline] + $0.total![.newDirectPostal] })
        // The province is one whole on both sides of the reorganisation; only its units change.
        province.breaks = []
        return TrendTable(
            periods: months.map { $0.period.name }, province: province, units: sorted(Array(lines.values)))
    }

    /// A comparison's units month by month: the rate and the decided dossiers, estimates marked.
    /// The comparison already carried each unit across the reorganisation through the crosswalk.
    static func comparison(_ comparison: OutputInventory.Comparison) -> TrendTable? {
        let months = Set(comparison.rows.map(\.month)).sorted().suffix(periodLimit)
        guard !months.isEmpty else { return nil }
        let position = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($0.element, $0.offset) })
        var lines: [String: UnitTrend] = [:]
        for row in comparison.rows {
            guard let index = position[row.month] else { continue }
            let key = row.code + "\u{1F}" + row.name
            var line =
                lines[key]
                ?? UnitTrend(
                    code: row.code, name: row.name, rates: Array(repeating: nil, count: months.count),
                    volumes: Array(repeating: nil, count: months.count))
            line.rates[index] = row.rate
            line.volumes[index] = row.decided
            if row.isEstimate { line.estimates.insert(index) }
            lines[key] = line
        }
        return TrendTable(periods: Array(months), province: nil, units: sorted(Array(lines.values)))
    }

    /// Worst change first (a fall of 10 points before a fall of 2), ties and lines without a
    /// change by code and name in byte order.
    static func sorted(_ lines: [UnitTrend]) -> [UnitTrend] {
        lines.sorted { a, b in
            switch (a.change, b.change) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if a.code != b.code { return OutputInventory.bytewise(a.code, b.code) }
                return OutputInventory.bytewise(a.name, b.name)
            }
        }
    }
}
