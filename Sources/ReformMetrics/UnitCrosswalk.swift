import ReformModel
import ReformStore
import ReformSupport

/// Which units a comparison reports in (docs/contract.md §7.2).
public enum UnitView: String, Sendable, CaseIterable {
    /// The units in force at the end of the range; older data is mapped forward.
    case current
    /// The districts before the reorganisation; newer communes are mapped back to them.
    case legacy
}

/// A unit a comparison reports: a code together with the unit system it belongs to, because codes
/// are reused across a reorganisation (00004 was Phường Trúc Bạch and is now Phường Ba Đình).
public struct ReportedUnit: Hashable, Sendable, Comparable {
    /// Whether the code belongs to the units after the reorganisation.
    public var afterReform: Bool
    public var code: String

    /// By code in byte order, then the unit before the reorganisation first (new communes reuse
    /// old codes): a total order, so every output lists its rows the same way in every run.
    public static func < (a: ReportedUnit, b: ReportedUnit) -> Bool {
        if a.code != b.code { return Array(a.code.utf8).lexicographicallyPrecedes(Array(b.code.utf8)) }
        return !a.afterReform && b.afterReform
    }
    /// Every stored value.
    public init(afterReform: Bool, code: String) {
        self.afterReform = afterReform
        self.code = code
    }
}

/// Attributes dossiers to dated units and carries them across a reorganisation (docs/contract.md §6, §7.2).
///
/// A dossier's unit code is read in the unit list in force at its receipt date. A code that list
/// does not hold but the other unit system does is taken from that system (and counted). A code in
/// no list is kept as it is and counted as unknown.
///
/// Across the reform the merge map is the only bridge:
/// - back (legacy view): a new commune goes to the old district holding its source communes; exact
///   when they all lie in one district, otherwise the district holding most of them (ties: lowest
///   code) as an estimate. Old communes roll up into their district, exactly.
/// - forward (current view): an old commune merged whole into one new unit goes there exactly; a
///   commune split between several new units goes to the lowest-coded of them, as an estimate (the
///   map has no shares). An old district goes to the new unit receiving most of its communes (ties:
///   lowest code), as an estimate unless all of them went whole into that one unit.
public struct UnitCrosswalk: Sendable {
    package struct ListedUnit: Sendable {
        var level: String
        var name: String
        var parent: String
        /// Every stored value.
        package init(level: String, name: String, parent: String) {
            self.level = level
            self.name = name
            self.parent = parent
        }
    }

    /// The unit lists by the day they took effect, oldest first.
    let lists: [(validFrom: Int, units: [String: ListedUnit])]
    /// The day of the reorganisation: the merge map's, or without one the national reorganisation
    /// of 1 July 2025 (the district level ended in every province that day), so that codes on its
    /// two sides are never compared as one unit even when no crosswalk is loaded.
    public let reformDay: Int
    /// Whether a merge map is loaded (without one nothing is carried across the reorganisation).
    public let hasMergeMap: Bool
    /// The national reorganisation that ended the district level.
    public static let nationalReformDay = CivilDate.dayNumber(year: 2025, month: 7, day: 1)
    /// Merge rows by old code and by new code: (other code, full).
    let forwardRows: [String: [(code: String, full: Bool)]]
    let backwardRows: [String: [(code: String, full: Bool)]]
    /// Names of codes seen in dossier exports (for units found in no list).
    let exportNames: [String: String]

    /// Where a dossier is counted in a view, and whether the mapping is exact.
    public struct Attribution: Hashable, Sendable {
        public var unit: ReportedUnit
        public var exact: Bool
        /// The code was in no list of its receipt date's unit system, but in the other one.
        public var fromOtherSystem: Bool
        /// The code is in no unit list at all.
        public var unknown: Bool
    }

    package init(
        lists: [(validFrom: Int, units: [String: ListedUnit])], reformDay: Int?,
        merges: [(new: String, old: String, full: Bool)], exportNames: [String: String] = [:]
    ) {
        self.lists = lists.sorted { $0.validFrom < $1.validFrom }
        self.reformDay = reformDay ?? Self.nationalReformDay
        hasMergeMap = !merges.isEmpty
        var forward: [String: [(code: String, full: Bool)]] = [:]
        var backward: [String: [(code: String, full: Bool)]] = [:]
        for merge in merges {
            forward[merge.old, default: []].append((merge.new, merge.full))
            backward[merge.new, default: []].append((merge.old, merge.full))
        }
        forwardRows = forward.mapValues { $0.sorted { $0.code < $1.code } }
        backwardRows = backward.mapValues { $0.sorted { $0.code < $1.code } }
        self.exportNames = exportNames
    }

    /// The crosswalk stored in `database` (the latest merge map, when there are several).
    public init(database: Database) throws {
        var byDay: [Int: [String: ListedUnit]] = [:]
        for unit in try UnitListTables.units(in: database) {
            byDay[unit.validFromDay, default: [:]][unit.code] = ListedUnit(
                level: unit.level, name: unit.name, parent: unit.parentCode)
        }
        let map = try UnitListTables.latestMergeMap(in: database)
        var names: [String: String] = [:]
        for unit in try NameTables.units(in: database).values { names[unit.code] = unit.name }
        self.init(
            lists: byDay.map { (validFrom: $0.key, units: $0.value) }, reformDay: map?.day, merges: map?.merges ?? [],
            exportNames: names)
    }

    /// Whether any unit list is loaded (without one every code is unknown and kept as exported).
    public var hasUnitLists: Bool { !lists.isEmpty }

    /// Whether `day` falls after the reorganisation.
    public func isAfterReform(_ day: Int) -> Bool { day >= reformDay }

    /// The list in force on `day` within one unit system (the system's first list before it began).
    private func list(on day: Int, afterReform: Bool) -> [String: ListedUnit]? {
        let system = lists.filter { isAfterReform($0.validFrom) == afterReform }
        return (system.last { $0.validFrom <= day } ?? system.first)?.units
    }

    /// The newest entry for `code` in one unit system.
    private func listed(_ code: String, afterReform: Bool) -> ListedUnit? {
        lists.reversed().lazy.filter { self.isAfterReform($0.validFrom) == afterReform }.compactMap { $0.units[code] }
            .first
    }

    /// The unit a code names on `day`: in that day's system, else the other system, else unknown.
    func resolve(_ code: String, on day: Int) -> (unit: ReportedUnit, fromOtherSystem: Bool, unknown: Bool) {
        let after = isAfterReform(day)
        if list(on: day, afterReform: after)?[code] != nil || listed(code, afterReform: after) != nil {
            return (ReportedUnit(afterReform: after, code: code), false, false)
        }
        if listed(code, afterReform: !after) != nil {
            return (ReportedUnit(afterReform: !after, code: code), true, false)
        }
        return (ReportedUnit(afterReform: after, code: code), false, true)
    }

    /// Where a dossier of `code` received on `day` is counted when reporting in `view` over a range
    /// ending on `rangeEndDay` (exclusive).
    public func attribute(_ code: String, receivedDay day: Int, view: UnitView, rangeEndDay: Int) -> Attribution {
        let (unit, other, unknown) = resolve(code, on: day)
        let targetAfter = view == .current && isAfterReform(rangeEndDay - 1)
        var mapped = (unit: unit, exact: true)
        if !unknown {
            if unit.afterReform != targetAfter && !hasMergeMap {
                // No crosswalk: the unit stays in its own system and its series stops at the reorganisation.
            } else if unit.afterReform && !targetAfter {
                mapped = backToDistrict(unit.code)
            } else if !unit.afterReform && targetAfter {
                mapped = forward(unit.code)
            } else if view == .legacy {
                mapped = (ReportedUnit(afterReform: false, code: district(of: unit.code)), true)
            }
        }
        return Attribution(unit: mapped.unit, exact: mapped.exact, fromOtherSystem: other, unknown: unknown)
    }

    /// An old unit's district (itself for a district or anything without a listed parent district).
    private func district(of code: String) -> String {
        guard let entry = listed(code, afterReform: false), entry.level == "commune",
            listed(entry.parent, afterReform: false)?.level == "district"
        else { return code }
        return entry.parent
    }

    /// A new unit mapped back to the old district holding most of its source communes.
    private func backToDistrict(_ code: String) -> (unit: ReportedUnit, exact: Bool) {
        let districts = (backwardRows[code] ?? []).map { district(of: $0.code) }
        guard let chosen = Self.mostFrequent(districts) else {
            return (ReportedUnit(afterReform: true, code: code), false)
        }
        return (ReportedUnit(afterReform: false, code: chosen), Set(districts).count == 1)
    }

    /// An old commune or district mapped forward to a new unit.
    private func forward(_ code: String) -> (unit: ReportedUnit, exact: Bool) {
        if let rows = forwardRows[code], let first = rows.first {
            return (ReportedUnit(afterReform: true, code: first.code), rows.count == 1 && first.full)
        }
        // A district: where its communes went.
        let communes =
            lists.filter { !isAfterReform($0.validFrom) }.last { list in
                list.units.values.contains { $0.parent == code }
            }?.units.filter { $0.value.parent == code && $0.value.level == "commune" }.map(\.key) ?? []
        let targets = communes.compactMap { forwardRows[$0] }
        guard let chosen = Self.mostFrequent(targets.compactMap { $0.first?.code }) else {
            return (ReportedUnit(afterReform: false, code: code), false)
        }
        let exact = targets.allSatisfy { $0.count == 1 && $0[0].full && $0[0].code == chosen }
        return (ReportedUnit(afterReform: true, code: chosen), exact)
    }

    /// The value occurring most often; ties go to the lowest (byte order).
    package static func mostFrequent(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.min { a, b in
            a.value != b.value ? a.value > b.value : Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))
        }?.key
    }

    /// The name of a reported unit: from the newest list of its system, else as exports spell it.
    public func name(of unit: ReportedUnit) -> String {
        listed(unit.code, afterReform: unit.afterReform)?.name ?? exportNames[unit.code] ?? ""
    }

    /// The group `unit` is ranked within (docs/contract.md §7.1): its level in its unit system's
    /// lists, `department` for a code they do not have; empty when no list is loaded.
    public func rankGroup(of unit: ReportedUnit) -> String {
        guard hasUnitLists else { return "" }
        let entry = listed(unit.code, afterReform: unit.afterReform)
        return UnitLevels.rankGroup(listedLevel: entry?.level, isRoot: entry?.parent.isEmpty ?? false)
    }
}

/// Remembers where a unit's dossiers received on a day are counted in one view: a store repeats a
/// few hundred units over a few hundred days, and working an attribution out walks the unit lists.
/// Keyed by the unit table's integer id (hashing the code of every row cost a fifth of the scan).
struct AttributionCache {
    let crosswalk: UnitCrosswalk
    let view: UnitView
    let rangeEndDay: Int
    /// Unit codes by id (the `unit` table).
    let codes: [Int64: String]
    private var known: [Int64: [Int: UnitCrosswalk.Attribution]] = [:]

    init(crosswalk: UnitCrosswalk, view: UnitView, rangeEndDay: Int, database: Database) throws {
        self.crosswalk = crosswalk
        self.view = view
        self.rangeEndDay = rangeEndDay
        self.codes = try NameTables.units(in: database).mapValues(\.code)
    }

    /// The attribution of a dossier of unit `unitID` received on `day`.
    mutating func attribute(unitID: Int64, receivedDay day: Int) -> UnitCrosswalk.Attribution {
        if let attribution = known[unitID]?[day] { return attribution }
        let attribution = attribute(code: codes[unitID] ?? "", receivedDay: day)
        known[unitID, default: [:]][day] = attribution
        return attribution
    }

    /// The attribution of a code as exported (refused rows carry the code, not an id).
    func attribute(code: String, receivedDay day: Int) -> UnitCrosswalk.Attribution {
        crosswalk.attribute(code, receivedDay: day, view: view, rangeEndDay: rangeEndDay)
    }
}
