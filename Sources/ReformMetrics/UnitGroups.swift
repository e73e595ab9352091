import ReformStore
import ReformSupport

/// The group each unit of a year's indices is ranked within (docs/contract.md §7.1): published
/// rankings list a province's departments apart from its districts or communes (Hà Nội's PAR INDEX
/// ranks "sở, ban, ngành" and "quận, huyện, thị xã" separately), so a rank across both would
/// compare units that are never compared.
///
/// A unit's group is the one its PAR scores of the year state (`group`), else its level in the unit
/// lists in force at the year's end: `province` (the province itself), `department` (a unit the
/// lists do not have: departments and agencies), `district`, `commune`. With neither, the group is
/// empty and every unit is ranked in one list.
public struct UnitGroups: Sendable {
    private let stated: [String: String]
    private let levels: UnitLevels

    /// Groups from what a year's inputs state and from the unit levels.
    public init(stated: [String: String], levels: UnitLevels) {
        self.stated = stated
        self.levels = levels
    }

    /// The groups of `year` in `database`.
    public init(database: Database, year: Int) throws {
        let yearPeriod = ReportingPeriod(
            fromDay: CivilDate.dayNumber(year: year, month: 1, day: 1),
            toDay: CivilDate.dayNumber(year: year, month: 12, day: 31))!
        self.init(
            stated: try IndexQueries.parGroups(year: year, in: database),
            levels: try UnitLevels(database: database, period: yearPeriod))
    }

    /// The group of the unit `code`.
    public func group(of code: String) -> String { stated[code] ?? levels.rankGroup(of: code) }
}
