#if canImport(Glibc)
    import Glibc
#endif

/// A small lookup table (`unit`, `procedure`, `field`) mirrored in memory.
///
/// Every accepted row looks up three or four of these, so the mirror is an open-addressing table
/// keyed by the UTF-8 bytes (values are NFC already, and SQLite's UNIQUE columns compare bytes):
/// `Dictionary<String, …>` normalised and hashed each key with SipHash and cost a tenth of the
/// thread that writes the database.
struct Dimension {
    let table: String
    let keyColumn: String
    // One entry per value, in parallel arrays (reading one field of an entry struct copied it whole).
    private var keys: [String] = []
    private var hashes: [UInt64] = []
    private var ids: [Int64] = []
    private var names: [String] = []
    /// Open-addressing slots: an index into the arrays plus one, 0 when empty; the count is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)
    /// Per-process salt, so a crafted export cannot aim its codes at one slot.
    private let salt = UInt64.random(in: 1...UInt64.max)

    init(table: String, keyColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
    }

    mutating func load(_ database: Database) throws {
        let hasName = keyColumn != "name"
        let statement = try database.prepare("SELECT id, \(keyColumn)\(hasName ? ", name" : "") FROM \(table)")
        try statement.forEachRow { row in
            insert(key: row.text(1), id: row.int64(0), name: hasName ? row.text(2) : "")
        }
    }

    /// The id of `key`, inserting it when new; a non-empty `name` that differs is recorded (the
    /// newest spelling wins, as for dossiers).
    mutating func id(for key: String, name: String?, in database: Database) throws -> Int64 {
        if let index = find(key) {
            if let name, !name.isEmpty, !Self.sameBytes(names[index], name) {
                try database.prepare("UPDATE \(table) SET name = ? WHERE id = ?").run([.text(name), .int(ids[index])])
                names[index] = name
            }
            return ids[index]
        }
        if keyColumn == "name" {
            try database.prepare("INSERT INTO \(table)(name) VALUES (?)").run([.text(key)])
        } else {
            try database.prepare("INSERT INTO \(table)(\(keyColumn), name) VALUES (?, ?)").run([
                .text(key), .text(name ?? ""),
            ])
        }
        let id = database.lastInsertRowID
        insert(key: key, id: id, name: keyColumn == "name" ? "" : name ?? "")
        return id
    }

    private func hash(_ text: String) -> UInt64 {
        let mixed = text.withUTF8Bytes { ByteKey.mix(UnsafeRawBufferPointer($0)) }
        return (mixed ^ salt) &* 0x9E37_79B9_7F4A_7C15
    }

    private func find(_ key: String) -> Int? {
        let hash = hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if hashes[index] == hash && Self.sameBytes(keys[index], key) { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insert(key: String, id: Int64, name: String) {
        keys.append(key)
        hashes.append(hash(key))
        ids.append(id)
        names.append(name)
        if keys.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in keys.indices { place(index) }
        } else {
            place(keys.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[index] >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.withUTF8Bytes { x in
            b.withUTF8Bytes { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }
}
