/// A small lookup table (`unit`, `procedure`, `field`) mirrored in memory.
struct Dimension {
    let table: String
    let keyColumn: String
    private var ids: [UTF8Key: Int64] = [:]
    private var names: [Int64: String] = [:]

    init(table: String, keyColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
    }

    mutating func load(_ database: Database) throws {
        let hasName = keyColumn != "name"
        let statement = try database.prepare("SELECT id, \(keyColumn)\(hasName ? ", name" : "") FROM \(table)")
        try statement.forEachRow { row in
            ids[UTF8Key(row.text(1))] = row.int64(0)
            if hasName { names[row.int64(0)] = row.text(2) }
        }
    }

    /// The id of `key`, inserting it when new; a non-empty `name` that differs is recorded (the
    /// newest spelling wins, as for dossiers).
    mutating func id(for key: String, name: String?, in database: Database) throws -> Int64 {
        if let id = ids[UTF8Key(key)] {
            if let name, !name.isEmpty, names[id] != name {
                try database.prepare("UPDATE \(table) SET name = ? WHERE id = ?").run([.text(name), .int(id)])
                names[id] = name
            }
            return id
        }
        if keyColumn == "name" {
            try database.prepare("INSERT INTO \(table)(name) VALUES (?)").run([.text(key)])
        } else {
            try database.prepare("INSERT INTO \(table)(\(keyColumn), name) VALUES (?, ?)").run([
                .text(key), .text(name ?? ""),
            ])
            names[database.lastInsertRowID] = name ?? ""
        }
        let id = database.lastInsertRowID
        ids[UTF8Key(key)] = id
        return id
    }
}
