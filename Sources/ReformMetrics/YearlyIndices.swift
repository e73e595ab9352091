import FoundationEssentials
import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Computes the yearly index outputs (docs/contract.md §5, §7.1) as rows of cells, in output order:
/// `index766_by_unit.csv`, `sipas_by_unit.csv`, `sipas_expectations.csv`, `par_index.csv`,
/// `delegation_coverage.csv`. Ratios are exact-integer percentages rounded half-up once.
public struct YearlyIndices {
    public var index766: [[String]] = []
    public var sipas: [[String]] = []
    public var expectations: [[String]] = []
    public var par: [[String]] = []
    public var delegation: [[String]] = []

    package static let headers: [String: [String]] = [
        "index766_by_unit.csv": [
            "period", "unit_code", "unit_name", "criterion", "numerator", "denominator", "ratio", "max_points", "score",
            "rank",
        ],
        "sipas_by_unit.csv": [
            "year", "unit_code", "unit_name", "element", "answers", "satisfied", "index", "ci_low", "ci_high",
        ],
        "sipas_expectations.csv": [
            "year", "unit_code", "unit_name", "element", "question_code", "answers", "high", "share",
        ],
        "par_index.csv": [
            "year", "unit_code", "unit_name", "field", "points", "max_points", "sub_index", "index", "rank", "class",
            "change_pp",
        ],
        "delegation_coverage.csv": [
            "as_of", "measure", "numerator", "denominator", "rate", "published_rate", "agrees",
        ],
    ]

    /// Computes `year` from the store.
    public init(database: Database, year: Int, settings: IndexSettings) throws {
        var names: [String: String] = [:]
        for unit in try NameTables.units(in: database).values { names[unit.code] = unit.name }
        // The year, then each month of it up to the latest receipt in the data (later months would only
        // show dossiers still open when the exports were taken).
        let start = CivilDate.dayNumber(year: year, month: 1, day: 1)
        let end = CivilDate.dayNumber(year: year + 1, month: 1, day: 1)
        index766 = try Self.decision766(
            database: database, period: String(year), from: start, to: end, settings: settings, names: names)
        let latest =
            try IndexQueries.latestAcceptedReceiptDay(in: database) ?? start - 1
        var month = Month(year: year, month: 1)
        while month.year == year && month.firstDay <= latest {
            index766 += try Self.decision766(
                database: database, period: month.description, from: month.firstDay, to: month.endDay,
                settings: settings,
                names: names)
            month = month.next
        }
        (sipas, expectations) = try YearlyIndices.sipas(
            database: database, year: year, settings: settings, names: names)
        par = try Self.par(database: database, year: year, settings: settings, names: names)
        delegation = try DelegationCoverage.rows(database: database, published: settings.published)
    }

    static func percent(_ numerator: Int, _ denominator: Int) -> String {
        Percentage.text(numerator, denominator) ?? ""
    }

    // MARK: Decision 766

    struct Counts766 {
        var received = 0, online = 0, feeReceived = 0, feePaidOnline = 0, paperResolved = 0, paperEResult = 0
        var digitized = 0, reused = 0, complaints = 0
        var form21 = 0, onTime21 = 0
        var early = 0, onTime = 0, late = 0
    }

    /// The 766 rows of the period [s, e) labelled `period` (`YYYY` or `YYYY-MM`), ranked within it.
    static func decision766(
        database: Database, period: String, from s: Int, to e: Int, settings: IndexSettings, names: [String: String]
    ) throws -> [[String]] {
        var units: [String: Counts766] = [:]
        try IndexQueries.forEach766(firstDay: s, endDay: e, in: database) { r in
            var c = units[r.unitCode] ?? Counts766()
            let status = r.status, receivedDay = r.receivedDay
            let due = r.dueDay, end = r.endDay
            let catalogue = r.inCatalogue, fee = catalogue && r.hasFee, paper = catalogue && r.paperResultRequired
            let resolvedHere = status == 1 && end.map { $0 < e } == true
            if receivedDay >= s {
                c.received += 1
                if r.channel == Channel.online.rawValue { c.online += 1 }
                if fee {
                    c.feeReceived += 1
                    if r.onlinePayment { c.feePaidOnline += 1 }
                }
                if r.digitized && (!paper || r.eResult) { c.digitized += 1 }
                if r.reusedData { c.reused += 1 }
                if r.complaint { c.complaints += 1 }
            }
            if resolvedHere && paper {
                c.paperResolved += 1
                if r.eResult { c.paperEResult += 1 }
            }
            if let due {
                let endedHere = end.map { $0 < e } == true
                if resolvedHere, let end {
                    // 2.1: two or more supplement requests make it late; otherwise the waiting days come off.
                    c.form21 += 1
                    if r.supplementCount < 2 && end - r.supplementDays <= due { c.onTime21 += 1 }
                    if end < due { c.early += 1 } else if end == due { c.onTime += 1 } else { c.late += 1 }
                } else if !endedHere {
                    c.form21 += 1
                    if due >= e { c.onTime21 += 1 }
                }
            }
            units[r.unitCode] = c
        }
        var rows: [[String]] = []
        var totals: [(code: String, score: Int)] = []
        var perUnit: [(String, [[String]], Int, Int)] = []
        for code in units.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let c = units[code]!
            var unitRows: [[String]] = []
            var scoreSum = 0, maxSum = 0
            for criterion in settings.criteria {
                let (numerator, denominator): (Int, Int)
                switch criterion.code {
                case "2.1": (numerator, denominator) = (c.onTime21, c.form21)
                case "3.3": (numerator, denominator) = (c.online, c.received)
                case "3.6": (numerator, denominator) = (c.feePaidOnline, c.feeReceived)
                case "4.1": (numerator, denominator) = (c.paperEResult, c.paperResolved)
                case "4.2": (numerator, denominator) = (c.digitized, c.received)
                case "4.3": (numerator, denominator) = (c.reused, c.received)
                default: (numerator, denominator) = (0, 0)
                }
                let maxCell = Percentage.plain(criterion.maxHundredths)
                if criterion.code == "5.4" {
                    // R = max(0, 1 − late/decided − complaints/received); a zero denominator adds nothing,
                    // and with no receipt there is no score.
                    guard c.received > 0 else {
                        unitRows.append([code, "5.4", "", "", "", maxCell, ""])
                        continue
                    }
                    let decided = c.early + c.onTime + c.late
                    let d = Int128(max(decided, 1)), n = Int128(c.received)
                    var top = d * n - Int128(decided == 0 ? 0 : c.late) * n - Int128(c.complaints) * d
                    if top < 0 { top = 0 }
                    let ratio = Int((20000 * top + d * n) / (2 * d * n))
                    let score = Self.score(top: top, bottom: d * n, criterion: criterion)
                    scoreSum += score
                    maxSum += criterion.maxHundredths
                    unitRows.append([code, "5.4", "", "", Percentage.plain(ratio), maxCell, Percentage.plain(score)])
                    continue
                }
                guard denominator > 0 else {
                    unitRows.append([code, criterion.code, String(numerator), String(denominator), "", maxCell, ""])
                    continue
                }
                let score = Self.score(top: Int128(numerator), bottom: Int128(denominator), criterion: criterion)
                scoreSum += score
                maxSum += criterion.maxHundredths
                unitRows.append([
                    code, criterion.code, String(numerator), String(denominator), percent(numerator, denominator),
                    maxCell,
                    Percentage.plain(score),
                ])
            }
            perUnit.append((code, unitRows, scoreSum, maxSum))
            totals.append((code, scoreSum))
        }
        let ranks = CompetitionRank.ranks(totals.map(\.score))
        for (index, (code, unitRows, scoreSum, maxSum)) in perUnit.enumerated() {
            let name = names[code] ?? ""
            for row in unitRows {
                rows.append([period, code, name, row[1], row[2], row[3], row[4], row[5], row[6], ""])
            }
            rows.append([
                period, code, name, "total", "", "", "", Percentage.plain(maxSum), Percentage.plain(scoreSum),
                String(ranks[index]),
            ])
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
