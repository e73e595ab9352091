import ReformModel
import ReformSupport

/// A small lookup table (`unit`, `procedure`, `field`) mirrored in memory.
///
/// Every accepted row looks up three or four of these, so the mirror is a `ByteTable` keyed by the
/// UTF-8 bytes (values are NFC already, and SQLite's UNIQUE columns compare bytes):
/// `Dictionary<String, …>` normalised and SipHashed each key and cost a tenth of the thread that
/// writes the database.
struct InternedNames {
    let table: String
    let keyColumn: String
    private var entries = ByteTable<(id: Int64, name: String)>()

    init(table: String, keyColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
    }

    mutating func load(_ database: Database) throws {
        let hasName = keyColumn != "name"
        let statement = try database.prepare("SELECT id, \(keyColumn) AS key\(hasName ? ", name" : "") FROM \(table)")
        let idColumn = statement.column("id"), keyColumn = statement.column("key")
        let nameColumn = hasName ? statement.column("name") : nil
        try statement.forEachRow { row in
            let id = row.int64(idColumn), name = nameColumn.map(row.text) ?? ""
            row.text(keyColumn).withUTF8Bytes { _ = entries.append(UnsafeRawBufferPointer($0), (id, name)) }
        }
    }

    /// The id of `key`, inserting it when new; a non-empty `name` that differs is recorded (the
    /// newest spelling wins, as for dossiers).
    mutating func id(for key: String, name: String?, in database: Database) throws -> Int64 {
        if let index = key.withUTF8Bytes({ entries.index(of: UnsafeRawBufferPointer($0)) }) {
            let entry = entries[index]
            if let name, !name.isEmpty, name.compareUTF8(entry.name) != 0 {
                try database.prepare("UPDATE \(table) SET name = ? WHERE id = ?").run([.text(name), .int(entry.id)])
                entries[index].name = name
            }
            return entry.id
        }
        if keyColumn == "name" {
            try database.prepare("INSERT INTO \(table)(name) VALUES (?)").run([.text(key)])
        } else {
            try database.prepare("INSERT INTO \(table)(\(keyColumn), name) VALUES (?, ?)").run([
                .text(key), .text(name ?? ""),
            ])
        }
        let id = database.lastInsertRowID
        let stored = keyColumn == "name" ? "" : name ?? ""
        key.withUTF8Bytes { _ = entries.append(UnsafeRawBufferPointer($0), (id, stored)) }
        return id
    }
}
