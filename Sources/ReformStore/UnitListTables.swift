/// The dated unit lists and the merge map, as stored.
public enum UnitListTables {
    /// One listed unit.
    public struct ListedUnit: Sendable {
        public var validFromDay: Int
        public var level: String
        public var code: String
        public var name: String
        public var parentCode: String
    }

    /// Every unit of every list.
    public static func units(in database: Database) throws -> [ListedUnit] {
        var units: [ListedUnit] = []
        try database.prepare("SELECT valid_from_day, level, code, name, parent_code FROM unit_list").forEachRow {
            units.append(
                ListedUnit(
                    validFromDay: $0.int("valid_from_day"), level: $0.text("level"), code: $0.text("code"),
                    name: $0.text("name"), parentCode: $0.text("parent_code")))
        }
        return units
    }

    /// The latest merge map: its day and its (new, old, full) rows; nil when none is loaded.
    public static func latestMergeMap(in database: Database) throws
        -> (day: Int, merges: [(new: String, old: String, full: Bool)])?
    {
        guard let day = try database.scalarInt("SELECT MAX(effective_day) FROM unit_merge").map(Int.init) else {
            return nil
        }
        var merges: [(new: String, old: String, full: Bool)] = []
        try database.prepare("SELECT new_code, old_code, merge_type FROM unit_merge WHERE effective_day = ?")
            .forEachRow([.int(day)]) {
                merges.append(($0.text("new_code"), $0.text("old_code"), $0.text("merge_type") == "full"))
            }
        return (day, merges)
    }
}
