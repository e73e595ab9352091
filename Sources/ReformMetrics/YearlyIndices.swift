import FoundationEssentials
import ReformModel
import ReformStore
import ReformSupport

/// Computes the yearly index outputs (docs/contract.md §5, §7.1) as typed rows, in output order:
/// `index766_by_unit.csv`, `sipas_by_unit.csv`, `sipas_expectations.csv`, `par_index.csv`,
/// `delegation_coverage.csv`, `index766_published.csv`. Ratios are exact-integer percentages rounded half-up once.
public struct YearlyIndices: Sendable {
    public var index766: [Index766Row] = []
    public var sipas: [SIPASRow] = []
    public var expectations: [SIPASExpectationRow] = []
    public var par: [PARRow] = []
    public var delegation: [DelegationRow] = []
    /// Decision 766 as the portal published it, beside the project's own scores.
    public var published766: [Published766Row] = []

    /// The results as they were stored or are to be shown.
    public init(
        index766: [Index766Row], sipas: [SIPASRow], expectations: [SIPASExpectationRow], par: [PARRow],
        delegation: [DelegationRow], published766: [Published766Row] = []
    ) {
        (self.index766, self.sipas, self.expectations, self.par, self.delegation) = (
            index766, sipas, expectations, par, delegation
        )
        self.published766 = published766
    }

    /// Computes `year` from the store.
    public init(database: Database, year: Int, settings: IndexSettings) throws {
        var names: [String: String] = [:]
        for unit in try NameTables.units(in: database).values { names[unit.code] = unit.name }
        let groups = try UnitGroups(database: database, year: year)
        let fullyOnline = try IndexQueries.fullyOnlineProcedures(in: database)
        // The year, then each month of it up to the latest receipt in the data (later months would only
        // show dossiers still open when the exports were taken).
        let start = CivilDate.dayNumber(year: year, month: 1, day: 1)
        let end = CivilDate.dayNumber(year: year + 1, month: 1, day: 1)
        index766 = try Self.decision766(
            database: database, period: String(year), from: start, to: end, settings: settings, names: names,
            groups: groups, fullyOnline: fullyOnline)
        let latest =
            try IndexQueries.latestAcceptedReceiptDay(in: database) ?? start - 1
        var month = Month(year: year, month: 1)
        while month.year == year && month.firstDay <= latest {
            index766 += try Self.decision766(
                database: database, period: month.description, from: month.firstDay, to: month.endDay,
                settings: settings, names: names, groups: groups, fullyOnline: fullyOnline)
            month = month.next
        }
        (sipas, expectations) = try YearlyIndices.sipas(
            database: database, year: year, settings: settings, names: names, groups: groups)
        par = try Self.par(database: database, year: year, settings: settings, names: names, groups: groups)
        delegation = try DelegationCoverage.rows(database: database, published: settings.published)
        published766 = try Self.published766(database: database, year: year, own: index766)
    }

    // MARK: Decision 766

    /// What Decision 766 counts of one unit in a period [first, end).
    struct Counts766 {
        var received = 0, online = 0, feeReceived = 0, feePaidOnline = 0, paperResolved = 0, paperEResult = 0
        var digitized = 0, reused = 0, complaints = 0
        var form21 = 0, onTime21 = 0
        var early = 0, onTime = 0, late = 0
        /// Received of procedures eligible for full online service, and of those the fully online.
        var fullEligible = 0, fullOnline = 0

        /// Counts `r` for the period [`s`, `e`) (a dossier received before `e`, not ended before `s`),
        /// judging an extended dossier by its new appointment when `extendedAppointments`.
        @inline(__always)
        mutating func add(
            _ r: borrowing IndexQueries.Dossier766, eligibleForFullOnline: Bool, from s: Int, to e: Int,
            extendedAppointments: Bool = false
        ) {
            let status = r.status, receivedDay = r.receivedDay
            let due = extendedAppointments ? r.extendedDueDay ?? r.dueDay : r.dueDay, end = r.endDay
            let catalogue = r.inCatalogue, fee = catalogue && r.hasFee, paper = catalogue && r.paperResultRequired
            let resolvedHere = status == LifecycleClass.resolved.rawValue && end.map { $0 < e } == true
            if receivedDay >= s {
                received += 1
                if r.channel == Channel.online.rawValue { online += 1 }
                if eligibleForFullOnline {
                    fullEligible += 1
                    if r.channel == Channel.online.rawValue && r.onlineMode == OnlineMode.full.rawValue {
                        fullOnline += 1
                    }
                }
                if fee {
                    feeReceived += 1
                    if r.onlinePayment { feePaidOnline += 1 }
                }
                if r.digitized && (!paper || r.eResult) { digitized += 1 }
                if r.reusedData { reused += 1 }
                if r.complaint { complaints += 1 }
            }
            if resolvedHere && paper {
                paperResolved += 1
                if r.eResult { paperEResult += 1 }
            }
            if let due {
                let endedHere = end.map { $0 < e } == true
                if resolvedHere, let end {
                    // 2.1: two or more supplement requests make it late; otherwise the waiting days come off.
                    form21 += 1
                    if r.supplementCount < 2 && end - r.supplementDays <= due { onTime21 += 1 }
                    if end < due { early += 1 } else if end == due { onTime += 1 } else { late += 1 }
                } else if !endedHere {
                    form21 += 1
                    if due >= e { onTime21 += 1 }
                }
            }
        }
    }

    /// The 766 rows of the period [s, e) labelled `period` (`YYYY` or `YYYY-MM`), ranked within it;
    /// `fullyOnline` are the procedures offered fully online.
    static func decision766(
        database: Database, period: String, from s: Int, to e: Int, settings: IndexSettings, names: [String: String],
        groups: UnitGroups, fullyOnline: Set<Int64>
    ) throws -> [Index766Row] {
        var units: [String: Counts766] = [:]
        let extended = settings.extension == .extended
        try IndexQueries.forEach766(firstDay: s, endDay: e, in: database) { r in
            units[r.unitCode, default: Counts766()].add(
                r, eligibleForFullOnline: fullyOnline.contains(r.procedureID), from: s, to: e,
                extendedAppointments: extended)
        }
        return decision766(units: units, period: period, settings: settings, names: names, groups: groups)
    }

    /// The 766 rows of each unit's counts, criteria in the settings' order, then the unit's total
    /// ranked within the period among its group; units in byte order of their code.
    static func decision766(
        units: [String: Counts766], period: String, settings: IndexSettings, names: [String: String],
        groups: UnitGroups
    ) -> [Index766Row] {
        var perUnit: [(code: String, rows: [Index766Row], score: Int, maximum: Int)] = []
        for code in units.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let c = units[code]!
            let name = names[code] ?? ""
            var unitRows: [Index766Row] = []
            var scoreSum = 0, maxSum = 0
            func row(
                _ numerator: Int?, _ denominator: Int?, _ ratio: Int?, _ score: Int?,
                _ criterion: IndexSettings.Criterion
            )
                -> Index766Row
            {
                Index766Row(
                    period: period, unitCode: code, unitName: name, criterion: criterion.code, numerator: numerator,
                    denominator: denominator, ratio: ratio, maxPoints: criterion.maxHundredths, score: score, rank: nil)
            }
            for criterion in settings.criteria {
                let (numerator, denominator): (Int, Int)
                switch criterion.code {
                case "2.1": (numerator, denominator) = (c.onTime21, c.form21)
                case "3": (numerator, denominator) = (c.fullOnline, c.fullEligible)
                case "3.3": (numerator, denominator) = (c.online, c.received)
                case "3.6": (numerator, denominator) = (c.feePaidOnline, c.feeReceived)
                case "4.1": (numerator, denominator) = (c.paperEResult, c.paperResolved)
                case "4.2": (numerator, denominator) = (c.digitized, c.received)
                case "4.3": (numerator, denominator) = (c.reused, c.received)
                default: (numerator, denominator) = (0, 0)
                }
                if criterion.code == "5.4" {
                    // R = max(0, 1 − late/decided − complaints/received); a zero denominator adds nothing,
                    // and with no receipt there is no score.
                    guard c.received > 0 else {
                        unitRows.append(row(nil, nil, nil, nil, criterion))
                        continue
                    }
                    let decided = c.early + c.onTime + c.late
                    let d = Int128(max(decided, 1)), n = Int128(c.received)
                    var top = d * n - Int128(decided == 0 ? 0 : c.late) * n - Int128(c.complaints) * d
                    if top < 0 { top = 0 }
                    let ratio = Int((20000 * top + d * n) / (2 * d * n))
                    guard criterion.maxHundredths > 0 else {
                        unitRows.append(row(nil, nil, ratio, nil, criterion))
                        continue
                    }
                    let score = Self.score(top: top, bottom: d * n, criterion: criterion)
                    scoreSum += score
                    maxSum += criterion.maxHundredths
                    unitRows.append(row(nil, nil, ratio, score, criterion))
                    continue
                }
                guard denominator > 0 else {
                    unitRows.append(row(numerator, denominator, nil, nil, criterion))
                    continue
                }
                // A criterion without points (3.3 by default) is reported, not scored.
                guard criterion.maxHundredths > 0 else {
                    unitRows.append(
                        row(numerator, denominator, Percentage.hundredths(numerator, denominator), nil, criterion))
                    continue
                }
                let score = Self.score(top: Int128(numerator), bottom: Int128(denominator), criterion: criterion)
                scoreSum += score
                maxSum += criterion.maxHundredths
                unitRows.append(
                    row(numerator, denominator, Percentage.hundredths(numerator, denominator), score, criterion))
            }
            perUnit.append((code, unitRows, scoreSum, maxSum))
        }
        let unitGroups = perUnit.map { groups.group(of: $0.code) }
        let ranks = Statistics.competitionRanks(perUnit.map(\.score), groups: unitGroups)
        var rows: [Index766Row] = []
        for (index, unit) in perUnit.enumerated() {
            var total = Index766Row(
                period: period, unitCode: unit.code, unitName: names[unit.code] ?? "", criterion: "total",
                numerator: nil, denominator: nil, ratio: nil, maxPoints: unit.maximum, score: unit.score,
                rank: ranks[index])
            total.group = unitGroups[index]
            for var row in unit.rows + [total] {
                row.group = unitGroups[index]
                rows.append(row)
            }
        }
        return rows
    }

    /// min(max, R × max / T) in hundredths of a point, half-up from the exact ratio R = top / bottom.
    static func score(top: Int128, bottom: Int128, criterion: IndexSettings.Criterion) -> Int {
        let target = Int128(criterion.targetHundredths ?? 10000), maximum = Int128(criterion.maxHundredths)
        let value = (2 * top * maximum * 10000 + bottom * target) / (2 * bottom * target)
        return Int(min(value, maximum))
    }
}

extension Index766Row {
    /// The score as a share of the points possible, in hundredths of a percent (how the page ranks
    /// totals whose maxima differ); nil without a score or a maximum.
    public var shareOfMaximum: Int? {
        guard maxPoints > 0 else { return nil }
        return Percentage.hundredths(score ?? 0, maxPoints)
    }
}
