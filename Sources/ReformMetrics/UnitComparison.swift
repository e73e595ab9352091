import ReformModel
import ReformStore
import ReformSupport

/// The on-time rates of units month by month, side by side (docs/contract.md §7.2, `comparison.csv`).
///
/// Each dossier is attributed to a reported unit through the `UnitCrosswalk`, and classified per
/// month exactly as Biểu 06 classifies it (so `decided` and `on_time` equal the form's
/// early + on_time + late and early + on_time). Months before the range are read too: the previous
/// month and the same month a year earlier of every month in the range.
public struct UnitComparison: Sendable {
    /// The counts of one reported unit in one month.
    public struct Counts: Sendable, Equatable {
        public var total = 0
        public var decided = 0
        public var onTime = 0
        /// Some of the counts came through a crosswalk that is not exact.
        public var estimated = false
    }

    /// One line of `comparison.csv`.
    public struct Row: Sendable {
        public var period: Month
        public var unit: ReportedUnit
        public var name: String
        public var counts: Counts
        /// Hundredths of a percent; nil without decided dossiers.
        public var rate: Int?
        public var interval: (low: Int, high: Int)?
        public var previousRate: Int?
        public var yearAgoRate: Int?
        /// Competition rank within the month among the units of the same `group`.
        public var rank: Int?
        /// The group the unit is ranked within (its level; empty without unit lists).
        public var group: String
        /// Nil when either month has nothing decided.
        public var significant: Bool?
        public var estimate: Bool

        public var changeAgainstPrevious: Int? { rate.flatMap { r in previousRate.map { r - $0 } } }
        public var changeAgainstYearAgo: Int? { rate.flatMap { r in yearAgoRate.map { r - $0 } } }

    }

    /// What the attribution met, for the data-quality section.
    public struct Quality: Sendable, Equatable {
        /// Dossiers whose code was in the other unit system's list (mapped through the crosswalk).
        public var fromOtherSystem = 0
        /// Dossiers whose code is in no unit list (reported under the code as exported).
        public var unknownCodes: [String: Int] = [:]
        /// Dossiers counted through a crosswalk that is not exact.
        public var estimated = 0
        /// Dossiers in the range's months.
        public var dossiers = 0

        /// Dossiers whose code is in no unit list, over every such code.
        public var unknownDossiers: Int { unknownCodes.values.reduce(0, +) }
    }

    public let months: [Month]
    public let view: UnitView
    public let rows: [Row]
    public let quality: Quality
    /// Counts of every month read (range, previous months, a year earlier), by unit.
    public let counts: [Month: [ReportedUnit: Counts]]

    /// Decided dossiers over every unit and month of the range.
    public var decided: Int { rows.reduce(0) { $0 + $1.counts.decided } }

    /// The on-time rate of every unit together in `month` (hundredths; nil without decided dossiers).
    public func overallRate(in month: Month) -> Int? {
        let rows = rows.filter { $0.period == month }
        return Percentage.hundredths(
            rows.reduce(0) { $0 + $1.counts.onTime }, rows.reduce(0) { $0 + $1.counts.decided })
    }

    /// The z of the 95% Wilson interval and the threshold of the two-proportion test.
    public static let z = 1.959964
    public static let significanceThreshold = 1.96

    /// Compares `months` (consecutive, oldest first) in `view`.
    public init(database: Database, crosswalk: UnitCrosswalk, months: [Month], view: UnitView) throws {
        self.months = months
        self.view = view
        guard let last = months.last else {
            (rows, quality, counts) = ([], Quality(), [:])
            return
        }
        let rangeEnd = last.endDay
        var needed = Set(months)
        for month in months {
            needed.insert(month.previous)
            needed.insert(Month(year: month.year - 1, month: month.month))
        }
        let read = needed.sorted()
        let bounds = read.map { ($0.firstDay, $0.endDay) }
        let inRange = Set(months)
        var table: [[ReportedUnit: Counts]] = read.map { _ in [:] }
        var quality = Quality()
        var attributions = try AttributionCache(
            crosswalk: crosswalk, view: view, rangeEndDay: rangeEnd, database: database)
        try AuditQueries.forEachAcceptedInForms(firstDay: read[0].firstDay, endDay: rangeEnd, in: database) { r in
            let unitID = r.unitID, received = r.receivedDay
            let end = r.endDay
            let attribution = attributions.attribute(unitID: unitID, receivedDay: received)
            let facts = DossierFacts(r)
            var counted = false
            for (index, (s, e)) in bounds.enumerated() {
                // Most months cannot hold the dossier; skip them before classifying.
                guard received < e, end.map({ $0 >= s }) ?? true,
                    let add = Bieu06Row.contribution(facts, periodStart: s, periodEnd: e)
                else { continue }
                var cell = table[index][attribution.unit, default: Counts()]
                cell.total += add[.total]
                cell.decided += add[.early] + add[.onTime] + add[.late]
                cell.onTime += add[.early] + add[.onTime]
                if !attribution.exact { cell.estimated = true }
                table[index][attribution.unit] = cell
                if inRange.contains(read[index]) { counted = true }
            }
            if counted {
                quality.dossiers += 1
                if attribution.fromOtherSystem { quality.fromOtherSystem += 1 }
                if attribution.unknown { quality.unknownCodes[attributions.codes[unitID] ?? "", default: 0] += 1 }
                if !attribution.exact { quality.estimated += 1 }
            }
        }
        var byMonth: [Month: [ReportedUnit: Counts]] = [:]
        for (index, month) in read.enumerated() { byMonth[month] = table[index] }
        counts = byMonth
        self.quality = quality
        var rows: [Row] = []
        for month in months {
            var monthRows: [Row] = []
            // A total order: without a merge map a month can hold an old unit and a new one under
            // the same code (new communes reuse old codes); the old one comes first.
            let units = (byMonth[month] ?? [:]).filter { $0.value.total > 0 }.keys.sorted()
            let codes = units.map(\.code)
            for (position, unit) in units.enumerated() {
                // Rows of one code from both systems are told apart by the name.
                let shared =
                    (position > 0 && codes[position - 1] == unit.code)
                    || (position + 1 < codes.count && codes[position + 1] == unit.code)
                let own = byMonth[month]![unit]!
                let previous = byMonth[month.previous]?[unit]
                let yearAgo = byMonth[Month(year: month.year - 1, month: month.month)]?[unit]
                func rate(_ counts: Counts?) -> Int? { counts.flatMap { Percentage.hundredths($0.onTime, $0.decided) } }
                let previousRate = rate(previous), yearAgoRate = rate(yearAgo)
                var significant: Bool?
                if let previous, own.decided > 0, previous.decided > 0 {
                    significant =
                        abs(Statistics.pooledZ(own.onTime, own.decided, previous.onTime, previous.decided))
                        >= Self.significanceThreshold
                }
                let estimate =
                    own.estimated || (previousRate != nil && previous!.estimated)
                    || (yearAgoRate != nil && yearAgo!.estimated)
                monthRows.append(
                    Row(
                        period: month, unit: unit,
                        name: crosswalk.name(of: unit) + (shared && !unit.afterReform ? Self.beforeReformMark : ""),
                        counts: own, rate: rate(own),
                        interval: Statistics.wilson(own.onTime, own.decided, z: Self.z), previousRate: previousRate,
                        yearAgoRate: yearAgoRate, rank: nil, group: crosswalk.rankGroup(of: unit),
                        significant: significant,
                        estimate: estimate))
            }
            // Ranked by the interval's lower bound as written, so a small unit's lucky streak does not
            // lead; departments apart from communes.
            let ranked = monthRows.indices.filter { monthRows[$0].interval != nil }
            let ranks = Statistics.competitionRanks(
                ranked.map { monthRows[$0].interval!.low }, groups: ranked.map { monthRows[$0].group })
            for (index, rank) in zip(ranked, ranks) { monthRows[index].rank = rank }
            rows += monthRows
        }
        self.rows = rows
    }

    /// Appended to the name of a pre-reorganisation unit whose code a new unit reuses in the same month.
    public static let beforeReformMark = " (trước sắp xếp)"
}
