import ReformModel
import ReformStore
import ReformSupport

/// The province's table of a period (docs/contract.md §10): every unit's figures — from its
/// dossiers where the store has them, else from the report it submitted — with totals per level
/// and for the province, the submitted rows whose identities do not hold, and, for every unit with
/// both, each column where the submitted figure differs from the dossiers', with the counting rule
/// (or cut-off day) under which the dossiers give exactly the submitted figure.
public struct Consolidation {
    /// Where a unit's figures come from.
    public enum Source: String, Sendable {
        case dossiers, submitted, both
    }

    /// One unit of the table.
    public struct ConsolidatedUnit: Sendable {
        public var unitCode: String
        public var unitName: String
        public var level: UnitLevels.Level
        public var source: Source
        public var counts: FormCounts
        /// The submitted row's broken identities, and a unit that was not matched.
        public var identityProblems: String
    }

    /// A total row: of a level, of the units no report could be matched to (`unmatched`), or
    /// (neither) of the province.
    public struct Total: Sendable {
        public var level: UnitLevels.Level?
        public var unmatched = false
        public var counts: FormCounts
    }

    /// A column where a unit's submitted figure differs from its dossiers'.
    public struct Difference: Sendable, Equatable {
        public var unitCode: String
        public var unitName: String
        public var column: FormColumn
        public var submitted: Int
        public var computed: Int
        /// The setting under which the dossiers give the submitted figure (`withdrawn=on_time`,
        /// `cutoff_day=15`); empty when none does.
        public var explainedBy: String
    }

    public let period: ReportingPeriod
    public let rules: CountingRules
    /// The units, by level then code (unmatched units last, by name).
    public private(set) var rows: [ConsolidatedUnit] = []
    /// A total per level present, then the province's.
    public private(set) var totals: [Total] = []
    public private(set) var differences: [Difference] = []
    /// The standing submitted rows, and those replaced by later files (history).
    public private(set) var submitted: [SubmittedReportTable.Row] = []
    public private(set) var replaced: [SubmittedReportTable.Row] = []
    /// True when unit lists gave the levels.
    public let levelsLoaded: Bool

    /// Each row's competition rank by on-time rate (as written, two decimals) among the matched
    /// units of its level with decisions, highest first; nil for the others. Rates come from each
    /// row's own counts — a merged table ranks anew, never from averaged rates.
    public var ranks: [Int?] {
        let rated = rows.map { $0.unitCode.isEmpty ? nil : $0.counts.onTimeRateHundredths }
        let levels = zip(rows, rated).compactMap { $1 == nil ? nil : String($0.level.rawValue) }
        let ranks = Statistics.competitionRanks(rated.compactMap { $0 }, groups: levels)
        var next = ranks.makeIterator()
        return rated.map { $0 == nil ? nil : next.next() }
    }
    /// The province's own code and name from the unit lists, when they name one: its total row
    /// carries them, so a national consolidation reads the province's figures by code.
    public let province: (code: String, name: String)?

    /// Consolidates `period` in `database`, the dossiers counted under `rules`.
    public init(database: Database, period: ReportingPeriod, rules: CountingRules = CountingRules()) throws {
        self.period = period
        self.rules = rules
        let calculator = Bieu06Calculator(database: database)
        let computed = Self.byUnit(try calculator.rows(for: period, by: .unit, rules: rules))
        var submitted: [SubmittedReportTable.Row] = [], replaced: [SubmittedReportTable.Row] = []
        try SubmittedReportTable.forEachRow(
            firstDay: period.firstDay, lastDay: period.lastDay, history: true, in: database
        ) { row in
            if row.replacedByBatch == nil { submitted.append(row) } else { replaced.append(row) }
        }
        self.submitted = submitted
        self.replaced = replaced
        let levels = try UnitLevels(database: database, period: period)
        levelsLoaded = levels.isLoaded
        province = levels.province
        // A unit a report states twice counts once, by its first row (the others stay listed).
        func isCounted(_ row: SubmittedReportTable.Row) -> Bool { row.matchedBy != SubmittedReportTable.duplicate }
        var byCode: [String: SubmittedReportTable.Row] = [:]
        for row in submitted where !row.unitCode.isEmpty && isCounted(row) { byCode[row.unitCode] = row }
        for code in Set(computed.keys).union(byCode.keys) {
            let dossiers = computed[code], report = byCode[code]
            let source: Source = dossiers == nil ? .submitted : report == nil ? .dossiers : .both
            rows.append(
                ConsolidatedUnit(
                    unitCode: code, unitName: dossiers?.name ?? report!.unitName, level: levels.level(of: code),
                    source: source, counts: dossiers?.counts ?? report!.counts,
                    identityProblems: report?.problems ?? ""))
        }
        rows.sort { a, b in
            a.level != b.level
                ? a.level < b.level : Array(a.unitCode.utf8).lexicographicallyPrecedes(Array(b.unitCode.utf8))
        }
        // Reports whose unit matched nothing stand apart, under the name they were written with.
        for row in submitted where row.unitCode.isEmpty && isCounted(row) {
            let note = row.matchedBy == "ambiguous" ? "unit name matches several units" : "unit not matched"
            rows.append(
                ConsolidatedUnit(
                    unitCode: "", unitName: row.unitName, level: .province, source: .submitted, counts: row.counts,
                    identityProblems: ([note] + (row.problems.isEmpty ? [] : [row.problems])).joined(separator: "; ")))
        }
        // Summed in place (a copy of the rows per total would double a large table).
        for level in UnitLevels.Level.allCases {
            var sum = FormCounts()
            var any = false
            for member in rows where member.level == level && !member.unitCode.isEmpty {
                sum.add(member.counts)
                any = true
            }
            if any { totals.append(Total(level: level, counts: sum)) }
        }
        if rows.contains(where: { $0.unitCode.isEmpty }) {
            var sum = FormCounts()
            for member in rows where member.unitCode.isEmpty { sum.add(member.counts) }
            totals.append(Total(level: nil, unmatched: true, counts: sum))
        }
        var province = FormCounts()
        for row in rows { province.add(row.counts) }
        totals.append(Total(level: nil, counts: province))
        try reconcile(calculator: calculator, computed: computed, submitted: byCode)
    }

    /// The differences of the units with both, each explained by the first alternative (fewest
    /// changed rules first, then another cut-off day) under which the dossiers give the figure.
    private mutating func reconcile(
        calculator: Bieu06Calculator, computed: [String: (name: String, counts: FormCounts)],
        submitted: [String: SubmittedReportTable.Row]
    ) throws {
        let both = computed.keys.filter { submitted[$0] != nil }.sorted {
            Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
        }
        var pending: [(code: String, column: FormColumn, submitted: Int, computed: Int)] = []
        for code in both {
            let mine = computed[code]!.counts, theirs = submitted[code]!.counts
            // A column the report does not give has nothing to reconcile.
            for column in FormColumn.allCases where theirs.isGiven(column) && mine[column] != theirs[column] {
                pending.append((code, column, theirs[column], mine[column]))
            }
        }
        guard !pending.isEmpty else { return }
        var explanations: [Int: String] = [:]
        for (label, compute) in alternatives(calculator: calculator) {
            let figures = Self.byUnit(try compute())
            for (index, item) in pending.enumerated() where explanations[index] == nil {
                if figures[item.code]?.counts[item.column] == item.submitted { explanations[index] = label }
            }
            if explanations.count == pending.count { break }
        }
        differences = pending.enumerated().map { index, item in
            Difference(
                unitCode: item.code, unitName: computed[item.code]!.name, column: item.column,
                submitted: item.submitted, computed: item.computed, explainedBy: explanations[index] ?? "")
        }
    }

    /// The other ways the same dossiers can be counted, lazily, in the order they are tried: every
    /// other combination of counting rules (one changed rule before two, …), then the period under
    /// the other usual cut-off day (1 or 15) with these rules.
    private func alternatives(calculator: Bieu06Calculator) -> [(String, () throws -> [Bieu06Row])] {
        var labels: [(String, () throws -> [Bieu06Row])] = []
        let period = period, rules = rules
        // Fewest changed rules first; among as many, in the order of `CountingRules.all`.
        let others = CountingRules.all.filter { $0 != rules }.enumerated().map {
            index, other -> (Int, Int, CountingRules) in
            (zip(other.settings, rules.settings).filter { $0.0.value != $0.1.value }.count, index, other)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { ($0.0, $0.2) }
        for (_, other) in others {
            let label = zip(other.settings, rules.settings).filter { $0.0.value != $0.1.value }
                .map { "\($0.0.key)=\($0.0.value)" }.joined(separator: " ")
            labels.append((label, { try calculator.rows(for: period, by: .unit, rules: other) }))
        }
        if period.kind != .range {
            let cutoff = period.cutoffDay == 1 ? 15 : 1
            if let other = ReportingPeriod(name: period.name, cutoffDay: cutoff) {
                labels.append(("cutoff_day=\(cutoff)", { try calculator.rows(for: other, by: .unit, rules: rules) }))
            }
        }
        return labels
    }

    /// Biểu 06 rows by unit code as the form's eleven counts (units with dossiers in the period).
    static func byUnit(_ rows: [Bieu06Row]) -> [String: (name: String, counts: FormCounts)] {
        var result: [String: (String, FormCounts)] = [:]
        for row in rows where row[.total] > 0 { result[row.key] = (row.name, row.form) }
        return result
    }
}
