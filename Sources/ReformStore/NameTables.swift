/// Names of the interned units, fields and procedures.
public enum NameTables {
    /// Unit id → (code, name).
    public static func units(in database: Database) throws -> [Int64: (code: String, name: String)] {
        var names: [Int64: (String, String)] = [:]
        try database.prepare("SELECT id, code, name FROM unit").forEachRow {
            names[$0.int64("id")] = ($0.text("code"), $0.text("name"))
        }
        return names
    }

    /// Field id → name.
    public static func fields(in database: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        try database.prepare("SELECT id, name FROM field").forEachRow { names[$0.int64("id")] = $0.text("name") }
        return names
    }

    /// Procedure id → (statutory time, time unit), for the procedures that have both.
    public static func statutoryTimes(in database: Database) throws -> [Int64: (Int, String)] {
        var times: [Int64: (Int, String)] = [:]
        try database.prepare(
            "SELECT id, statutory_time, time_unit FROM procedure WHERE statutory_time IS NOT NULL AND time_unit IS NOT NULL"
        ).forEachRow { times[$0.int64("id")] = ($0.int("statutory_time"), $0.text("time_unit")) }
        return times
    }
}
