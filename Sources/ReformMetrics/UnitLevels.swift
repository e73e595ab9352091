import ReformStore
import ReformSupport

/// The administrative level of each reporting unit in a period, from the dated unit lists: the
/// official form's unit variant groups its rows under one band per level (docs/contract.md §9).
/// A unit not in the lists — a provincial department or agency — belongs to the province level.
public struct UnitLevels: Sendable {
    /// A band of the unit variant, in the form's order.
    public enum Level: Int, Comparable, Sendable, CaseIterable {
        /// The province's departments and agencies, and the province itself.
        case province
        /// Districts, towns and provincial cities (until the reorganisation of 1 July 2025).
        case district
        /// Communes, wards and townships.
        case commune

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// False when no unit list is loaded: the form then lists its units without bands.
    public let isLoaded: Bool
    private let levels: [String: Level]
    /// The province itself — the one unit of level `province` without a parent in the lists in
    /// force — when there is exactly one: its code labels the province's total row.
    public private(set) var province: (code: String, name: String)?

    /// No lists: every unit unbanded.
    public init() {
        isLoaded = false
        levels = [:]
    }

    /// The levels in force on `period`'s last day: a code takes its level from the latest list
    /// valid then, else from the latest list that has it.
    public init(database: Database, period: ReportingPeriod) throws {
        let units = try UnitListTables.units(in: database)
        isLoaded = !units.isEmpty
        var chosen: [String: (preference: Int, level: Level)] = [:]
        for unit in units {
            let level: Level
            switch unit.level {
            case "district": level = .district
            case "commune": level = .commune
            default: level = .province
            }
            // A list in force outranks any later one; among either, the latest wins.
            let preference = (unit.validFromDay <= period.lastDay ? 1 << 40 : 0) + unit.validFromDay
            if let current = chosen[unit.code], current.preference >= preference { continue }
            chosen[unit.code] = (preference, level)
        }
        levels = chosen.mapValues(\.level)
        let latestInForce = units.map(\.validFromDay).filter { $0 <= period.lastDay }.max()
        let roots = units.filter { $0.validFromDay == latestInForce && $0.level == "province" && $0.parentCode.isEmpty }
        if roots.count == 1 { province = (roots[0].code, roots[0].name) }
    }

    /// The level of the unit `code` (province for a unit the lists do not have).
    public func level(of code: String) -> Level { levels[code] ?? .province }

    /// The group the unit `code` is ranked within (docs/contract.md §7.1); empty when no list is loaded.
    public func rankGroup(of code: String) -> String {
        guard isLoaded else { return "" }
        if code == province?.code { return Self.provinceGroup }
        switch level(of: code) {
        case .province: return Self.departmentGroup
        case .district: return "district"
        case .commune: return "commune"
        }
    }

    /// The rank group of the province itself.
    public static let provinceGroup = "province"
    /// The rank group of the province's departments and agencies (units at province level that the
    /// lists do not have: the lists name administrative units, not departments).
    public static let departmentGroup = "department"

    /// The rank group of a unit listed at `level` (nil: not in the lists), `isRoot` when it has no parent.
    public static func rankGroup(listedLevel level: String?, isRoot: Bool) -> String {
        switch level {
        case nil: return departmentGroup
        case "province"?: return isRoot ? provinceGroup : departmentGroup
        case let level?: return level
        }
    }
}
