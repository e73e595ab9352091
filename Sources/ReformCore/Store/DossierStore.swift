/// Writes accepted dossiers into the staging database: the newest row of a dossier wins, and the
/// version it replaces is kept in `dossier_version` with the batch and line each came from, so an
/// auditor can ask what every export said. Units, procedures and fields are interned into small
/// tables and referenced by integer, which keeps the dossier table compact.
///
/// Use it inside a transaction; its caches hold ids of rows written in that transaction.
final class DossierStore {
    /// What an upsert did.
    enum Outcome {
        case inserted, replaced, unchanged
    }

    /// The typed, interned columns of a dossier row (all but the key, batch and line).
    struct StoredValues: Equatable {
        var procedureID: Int64
        var fieldID: Int64?
        var unitID: Int64
        var receivingUnitID: Int64?
        var channel: Int64
        var status: Int64
        var apology: Int64
        var receivedAt: Int64
        var dueAt: Int64?
        var completedAt: Int64?
        var returnedAt: Int64?
        var receivedDay: Int64
        var dueDay: Int64?
        var endDay: Int64?
        /// online_payment, digitized, e_result, reused_data, supplement_count, supplement_days, complaint
        var services: [Int64]
    }

    static let columns = """
        procedure_id, field_id, unit_id, receiving_unit_id, channel, status, apology, received_at, due_at, completed_at,
        returned_at, received_day, due_day, end_day, online_payment, digitized, e_result, reused_data, supplement_count,
        supplement_days, complaint
        """

    private let database: Database
    private let select: Statement
    private let upsert: Statement
    private let insertNew: Statement
    private let archive: Statement
    private var units = Dimension(table: "unit", keyColumn: "code")
    private var procedures = Dimension(table: "procedure", keyColumn: "code")
    private var fields = Dimension(table: "field", keyColumn: "name")

    init(database: Database) throws {
        self.database = database
        select = try database.prepare("SELECT \(Self.columns) FROM dossier WHERE dossier_id = ?")
        upsert = try database.prepare(
            "INSERT OR REPLACE INTO dossier(dossier_id, batch_id, line, \(Self.columns)) VALUES (?"
                + String(repeating: ", ?", count: 23) + ")")
        insertNew = try database.prepare(
            "INSERT INTO dossier(dossier_id, batch_id, line, \(Self.columns)) VALUES (?"
                + String(repeating: ", ?", count: 23) + ") ON CONFLICT(dossier_id) DO NOTHING")
        // Columns named, not positional: migrated tables hold the later columns at the end.
        archive = try database.prepare(
            """
            INSERT INTO dossier_version(dossier_id, batch_id, line, \(Self.columns), replaced_by_batch, replaced_by_line)
            SELECT dossier_id, batch_id, line, \(Self.columns), ?, ? FROM dossier WHERE dossier_id = ?
            """)
        try units.load(database)
        try procedures.load(database)
        try fields.load(database)
    }

    /// Stores `record` from `batch` at `line`.
    func store(_ record: DossierRecord, batch: Int64, line: Int) throws -> Outcome {
        let values = StoredValues(
            procedureID: try procedures.id(for: record.procedureCode, name: record.procedureName, in: database),
            fieldID: record.field.isEmpty ? nil : try fields.id(for: record.field, name: nil, in: database),
            unitID: try units.id(for: record.unitCode, name: record.unitName, in: database),
            receivingUnitID: record.receivingUnitCode.isEmpty
                ? nil : try units.id(for: record.receivingUnitCode, name: nil, in: database),
            channel: Int64(record.channel.rawValue),
            status: Int64(record.status.rawValue),
            apology: record.apology ? 1 : 0,
            receivedAt: record.receivedAt,
            dueAt: record.dueAt,
            completedAt: record.completedAt,
            returnedAt: record.returnedAt,
            receivedDay: Int64(record.receivedDay),
            dueDay: record.dueDay.map(Int64.init),
            endDay: record.endDay.map(Int64.init),
            services: [
                record.services.onlinePayment, record.services.digitized, record.services.eResult,
                record.services.reusedData,
            ].map { $0 ? 1 : 0 } + [Int64(record.services.supplementCount), Int64(record.services.supplementDays)]
                + [record.services.complaint ? 1 : 0])
        let row: [SQLValue] =
            [
                .text(record.dossierID), .int(batch), .int(line), .int(values.procedureID), .int(values.fieldID),
                .int(values.unitID), .int(values.receivingUnitID), .int(values.channel), .int(values.status),
                .int(values.apology), .int(values.receivedAt), .int(values.dueAt), .int(values.completedAt),
                .int(values.returnedAt), .int(values.receivedDay), .int(values.dueDay), .int(values.endDay),
            ] + values.services.map { SQLValue.int($0) }
        // Most rows of an export are new: try the insert first and look up only when the id is taken.
        try insertNew.run(row)
        if database.changes == 1 { return .inserted }
        let existing = try stored(record.dossierID)
        if existing == values { return .unchanged }
        try archive.run([.int(batch), .int(line), .text(record.dossierID)])
        try upsert.run(row)
        return .replaced
    }

    private func stored(_ dossierID: String) throws -> StoredValues? {
        try select.bind([.text(dossierID)])
        defer { try? select.bind([]) }
        guard try select.step() else { return nil }
        return StoredValues(
            procedureID: select.int64(0), fieldID: select.optionalInt64(1), unitID: select.int64(2),
            receivingUnitID: select.optionalInt64(3), channel: select.int64(4), status: select.int64(5),
            apology: select.int64(6), receivedAt: select.int64(7), dueAt: select.optionalInt64(8),
            completedAt: select.optionalInt64(9), returnedAt: select.optionalInt64(10),
            receivedDay: select.int64(11), dueDay: select.optionalInt64(12), endDay: select.optionalInt64(13),
            services: (14..<21).map { select.int64(Int32($0)) })
    }
}

/// A small lookup table (`unit`, `procedure`, `field`) mirrored in memory.
struct Dimension {
    let table: String
    let keyColumn: String
    private var ids: [String: Int64] = [:]
    private var names: [Int64: String] = [:]

    init(table: String, keyColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
    }

    mutating func load(_ database: Database) throws {
        let hasName = keyColumn != "name"
        let statement = try database.prepare("SELECT id, \(keyColumn)\(hasName ? ", name" : "") FROM \(table)")
        try statement.forEachRow { row in
            ids[row.text(1)] = row.int64(0)
            if hasName { names[row.int64(0)] = row.text(2) }
        }
    }

    /// The id of `key`, inserting it when new; a non-empty `name` that differs is recorded (the
    /// newest spelling wins, as for dossiers).
    mutating func id(for key: String, name: String?, in database: Database) throws -> Int64 {
        if let id = ids[key] {
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
        ids[key] = id
        return id
    }
}
