import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport

/// Computes Biểu 06 for one reporting period from the dossier table (docs/contract.md §3.1, §9).
///
/// Everything is compared on Vietnam calendar days: `received_day`, `due_day` and `end_day` (the
/// completion day of a resolved dossier, the terminal day of a withdrawn/rejected/stopped one,
/// NULL while pending). With s = the period's first day and e = the day after its last, the
/// dossiers of the form are those received before e and not ended before s; not-accepted ones are
/// left out of every column and counted apart.
public struct Bieu06Calculator {
    private let database: Database

    /// A calculator over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// The rows of `period` grouped by unit or field under `rules`, sorted by key in byte order.
    /// Rows with no dossier in the form (total 0) are kept only when they have not-accepted dossiers.
    public func rows(
        for period: ReportingPeriod, by dimension: Bieu06Dimension, rules: CountingRules = CountingRules()
    ) throws -> [Bieu06Row] {
        try tables(for: [period], rules: rules)[period]![dimension]!
    }

    /// Both groupings of several periods from one scan of the dossiers (compute needs the period
    /// and the one before it; a scan is the expensive part, the counting is cheap).
    public func tables(for periods: [ReportingPeriod], rules: CountingRules = CountingRules()) throws
        -> [ReportingPeriod: [Bieu06Dimension: [Bieu06Row]]]
    {
        var counts = PeriodTallies(periods: periods, rules: rules)
        // Every dossier that can be in one of the forms, or a not-accepted receipt of one of the months.
        try DossierTable.forEachInForms(
            firstDay: counts.firstDay, endDay: counts.endDay, reading: rules.optionalColumns, in: database
        ) { d in
            counts.add(d)
        }
        return try tables(from: counts)
    }

    /// The named, sorted rows of counts gathered by one or several scans.
    package func tables(from counts: PeriodTallies) throws -> [ReportingPeriod: [Bieu06Dimension: [Bieu06Row]]] {
        let unitNames = try NameTables.units(in: database)
        let fieldNames = try NameTables.fields(in: database)
        var result: [ReportingPeriod: [Bieu06Dimension: [Bieu06Row]]] = [:]
        let byteOrder = { (a: Bieu06Row, b: Bieu06Row) in Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))
        }
        for (index, period) in counts.periods.enumerated() {
            let units = counts.byUnit[index].map { id, row -> Bieu06Row in
                var named = row
                (named.key, named.name) = unitNames[id].map { ($0.code, $0.name) } ?? ("", "")
                return named
            }
            // Field names are unique, but several ids can never share one; merge defensively by name.
            var fields: [String: Bieu06Row] = [:]
            for (id, row) in counts.byField[index] {
                let name = fieldNames[id] ?? ""
                fields[name, default: Bieu06Row(key: name, name: "")].add(row)
            }
            result[period] = [.unit: units.sorted(by: byteOrder), .field: fields.values.sorted(by: byteOrder)]
        }
        return result
    }

    /// The latest complete period of `kind` in the data: the latest that ended before the day of
    /// the latest receipt or completion (an export taken on 3 April covers March completely, and
    /// its last day may be incomplete). Nil without dossiers.
    public func latestCompletePeriod(_ kind: ReportingPeriod.Kind = .month, cutoffDay: Int = 1) throws
        -> ReportingPeriod?
    {
        guard let day = try DossierTable.latestDay(in: database) else { return nil }
        return ReportingPeriod.latest(kind, cutoffDay: cutoffDay, before: day)
    }

    /// What decided `latestCompletePeriod`: the latest receipt or completion day in the database,
    /// the dossier holding it and the file it came from — so a date typed as 2205 is found at once.
    public func latestDateEvidence() throws -> String? {
        guard let found = try DossierTable.latestDayEvidence(in: database) else { return nil }
        return "the latest date in the database is \(CivilDate.isoString(found.day)), the "
            + "\(found.what) of dossier \(found.dossierID) (\(FilePath.printable(PersonalData.maskedFileName(found.fileName))) line \(found.line))"
    }
}

/// Biểu 06 counts of several periods by unit id and field id (0 = no field) under one set of
/// counting rules, filled row by row from any number of scans and merged; `Bieu06Calculator`
/// names and sorts them.
package struct PeriodTallies {
    let periods: [ReportingPeriod]
    let rules: CountingRules
    private let bounds: [(start: Int, end: Int)]
    private(set) var byUnit: [[Int64: Bieu06Row]]
    private(set) var byField: [[Int64: Bieu06Row]]

    init(periods: [ReportingPeriod], rules: CountingRules) {
        self.periods = periods
        self.rules = rules
        bounds = periods.map { ($0.firstDay, $0.endDay) }
        byUnit = periods.map { _ in [:] }
        byField = periods.map { _ in [:] }
    }

    /// The first day of the earliest period (the scan's `?1`).
    var firstDay: Int { bounds.map(\.start).min() ?? 0 }
    /// The day after the latest period (the scan's `?2`).
    var endDay: Int { bounds.map(\.end).max() ?? 0 }

    /// Counts one dossier in every period whose form it is in. Inlined into the scan loop: as a
    /// call, its rows of counts were copied in and out for every dossier.
    @inline(__always)
    mutating func add(_ dossier: CountedDossier) {
        let facts = DossierFacts(dossier)
        for (index, (start, end)) in bounds.enumerated() {
            guard let add = Bieu06Row.contribution(facts, rules: rules, periodStart: start, periodEnd: end)
            else { continue }
            byUnit[index][dossier.unitID, default: Bieu06Row(key: "", name: "")].add(add)
            byField[index][dossier.fieldID, default: Bieu06Row(key: "", name: "")].add(add)
        }
    }

    /// Adds the counts of another scan of the same periods (over other dossiers).
    mutating func merge(_ other: PeriodTallies) {
        for index in periods.indices {
            byUnit[index].merge(other.byUnit[index]) {
                var sum = $0; sum.add($1); return sum
            }
            byField[index].merge(other.byField[index]) {
                var sum = $0; sum.add($1); return sum
            }
        }
    }
}
