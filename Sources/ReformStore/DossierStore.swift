import ReformModel
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Writes accepted dossiers into the staging database: the newest row of a dossier wins, and the
/// version it replaces is kept in `dossier_version` with the batch and line each came from, so an
/// auditor can ask what every export said. Units, procedures and fields are interned into small
/// tables and referenced by integer, which keeps the dossier table compact.
///
/// Rows are buffered and written in key order, `rowsPerWrite` at a time (16,384 unless a test asks
/// otherwise): the dossier table is a B-tree on the id, and inserting in file order touches a
/// different page for almost every row, while sorted inserts fill one page after another (SQLite
/// alone, 1M rows: a third less time, and half the log at the commit). Everything that depends on
/// file order happens before the sort — interning (ids are given in order of first appearance) —
/// and rows of the same dossier keep their order, so the later line still wins.
///
/// Use it inside a transaction; its caches hold ids of rows written in that transaction, and
/// `finish()` must be called before the transaction commits.
package final class DossierStore {
    /// What the rows written so far did to the dossiers already stored.
    package struct Tally: Equatable {
        package var replaced = 0
        package var unchanged = 0
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
        var services: ServiceFlags
        var waitingSupplement: Int64
        var onlineMode: Int64
        var extended: Int64
        var extendedDueAt: Int64?
        var extendedDueDay: Int64?
    }

    /// A row waiting for its turn in key order.
    private struct PendingRow {
        var dossierID: String
        var line: Int
        var values: StoredValues
    }

    package static let columns = """
        procedure_id, field_id, unit_id, receiving_unit_id, channel, status, apology, received_at, due_at, completed_at,
        returned_at, received_day, due_day, end_day, online_payment, digitized, e_result, reused_data, supplement_count,
        supplement_days, complaint, waiting_supplement, online_mode, extended, extended_due_at, extended_due_day
        """

    /// The values bound per row: the key, batch and line, then `columns`.
    static let valuesPerRow = 29

    /// Rows written by one INSERT statement.
    static let rowsPerInsert = 16

    /// Rows sorted and written together by default (about 6 MB of buffered rows).
    package static let defaultRowsPerWrite = 16_384
    private let rowsPerWrite: Int

    private let database: Database
    private let batch: Int64
    private let select: Statement
    /// `select`'s columns, found by name once (a re-ingest reads a stored row per dossier).
    private let selected: SelectedColumns
    private let upsert: Statement
    private let insertNew: Statement
    private let insertMany: Statement
    private let storedLine: Statement
    private let archive: Statement
    private var units = InternedNames(table: "unit", keyColumn: "code")
    private var procedures = InternedNames(table: "procedure", keyColumn: "code")
    private var fields = InternedNames(table: "field", keyColumn: "name")
    private var pending: [PendingRow] = []
    /// The first 32 bytes of each pending row's id, apart, so that sorting moves and compares
    /// small integers and never touches the rows.
    private var prefixes: [KeyPrefix] = []
    /// What the rows written so far did.
    private(set) var tally = Tally()

    /// A store writing rows of `batch`, sorted `rowsPerWrite` at a time.
    package init(database: Database, batch: Int64, rowsPerWrite: Int = defaultRowsPerWrite) throws {
        database.requireTransaction()
        self.database = database
        self.batch = batch
        self.rowsPerWrite = max(1, rowsPerWrite)
        select = try database.prepare("SELECT \(Self.columns) FROM dossier WHERE dossier_id = ?")
        selected = SelectedColumns(select)
        upsert = try database.prepare(
            "INSERT OR REPLACE INTO dossier(dossier_id, batch_id, line, \(Self.columns)) VALUES (?"
                + String(repeating: ", ?", count: Self.valuesPerRow - 1) + ")")
        insertNew = try database.prepare(
            "INSERT INTO dossier(dossier_id, batch_id, line, \(Self.columns)) VALUES (?"
                + String(repeating: ", ?", count: Self.valuesPerRow - 1) + ") ON CONFLICT(dossier_id) DO NOTHING")
        let oneRow = "(?" + String(repeating: ", ?", count: Self.valuesPerRow - 1) + ")"
        insertMany = try database.prepare(
            "INSERT INTO dossier(dossier_id, batch_id, line, \(Self.columns)) VALUES "
                + Array(repeating: oneRow, count: Self.rowsPerInsert).joined(separator: ", ")
                + " ON CONFLICT(dossier_id) DO NOTHING")
        storedLine = try database.prepare("SELECT line FROM dossier WHERE dossier_id = ? AND batch_id = ?")
        // Columns named, not positional: migrated tables hold the later columns at the end.
        archive = try database.prepare(
            """
            INSERT INTO dossier_version(dossier_id, batch_id, line, \(Self.columns), replaced_by_batch, replaced_by_line)
            SELECT dossier_id, batch_id, line, \(Self.columns), ?, ? FROM dossier WHERE dossier_id = ?
            """)
        try units.load(database)
        try procedures.load(database)
        try fields.load(database)
        pending.reserveCapacity(self.rowsPerWrite)
        prefixes.reserveCapacity(self.rowsPerWrite)
    }

    /// Takes `record` from `line`, in file order; it is written with the next full buffer or at `finish()`.
    package func add(_ record: DossierRecord, line: Int) throws {
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
            services: record.services,
            waitingSupplement: record.waitingSupplement ? 1 : 0,
            onlineMode: Int64(record.onlineMode.rawValue),
            extended: record.extended ? 1 : 0,
            extendedDueAt: record.extendedDueAt,
            extendedDueDay: record.extendedDueDay.map(Int64.init))
        pending.append(
            PendingRow(dossierID: record.dossierID, line: line, values: values))
        prefixes.append(KeyPrefix(record.dossierID))
        if pending.count >= rowsPerWrite { try writePending() }
    }

    /// Writes what is buffered; returns what all rows of the batch did.
    package func finish() throws -> Tally {
        try writePending()
        return tally
    }

    private func writePending() throws {
        // SQLite orders TEXT keys by their bytes (BINARY collation); the position breaks ties, so
        // rows of one dossier stay in file order.
        var order = (0..<Int32(pending.count)).map { $0 }
        prefixes.withUnsafeBufferPointer { prefixes in
            order.sort { x, y in
                let a = prefixes[Int(x)], b = prefixes[Int(y)]
                if a != b { return a < b }
                let order = pending[Int(x)].dossierID.compareUTF8(pending[Int(y)].dossierID)
                return order != 0 ? order < 0 : x < y
            }
        }
        // Rows go in `rowsPerInsert` to a statement: one INSERT of sixteen rows costs SQLite a fifth
        // less than sixteen of one. When the count inserted falls short, the rows whose id was taken
        // are told by the batch and line the stored row carries, and handled one by one, in order
        // (a dossier's later line in the same group is among them).
        var position = 0
        while position < order.count {
            let group = order[position..<min(position + Self.rowsPerInsert, order.count)]
            position += group.count
            if group.count == Self.rowsPerInsert {
                insertMany.reset()
                for (offset, item) in group.enumerated() {
                    try bindRow(insertMany, pending[Int(item)], firstParameter: Int32(offset * Self.valuesPerRow + 1))
                }
                try insertMany.execute()
                if database.changes == group.count { continue }
                for item in group {
                    let row = pending[Int(item)]
                    if try !isStoredFromThisLine(row) { try resolveTakenID(row) }
                }
            } else {
                for item in group {
                    let row = pending[Int(item)]
                    insertNew.reset()
                    try bindRow(insertNew, row)
                    try insertNew.execute()
                    if database.changes != 1 { try resolveTakenID(row) }
                }
            }
        }
        pending.removeAll(keepingCapacity: true)
        prefixes.removeAll(keepingCapacity: true)
    }

    /// A row whose id is already stored: an unchanged row leaves everything as it is, a changed
    /// one archives the stored version first.
    private func resolveTakenID(_ row: PendingRow) throws {
        if try stored(row.dossierID) == row.values {
            tally.unchanged += 1
            return
        }
        try archive.run([.int(batch), .int(row.line), .text(row.dossierID)])
        upsert.reset()
        try bindRow(upsert, row)
        try upsert.execute()
        tally.replaced += 1
    }

    /// True when the stored row of the id is this very row (the group insert wrote it).
    private func isStoredFromThisLine(_ row: PendingRow) throws -> Bool {
        try storedLine.forFirstRow([.text(row.dossierID), .int(batch)]) == Int64(row.line)
    }

    /// Binds the row's `valuesPerRow` values from parameter `firstParameter` on (the caller resets the statement).
    private func bindRow(_ statement: Statement, _ row: PendingRow, firstParameter: Int32 = 1) throws {
        let values = row.values, services = values.services
        let at = firstParameter - 1
        try statement.bind(row.dossierID, at: at + 1)
        try statement.bind(batch, at: at + 2)
        try statement.bind(Int64(row.line), at: at + 3)
        try statement.bind(values.procedureID, at: at + 4)
        try statement.bind(values.fieldID, at: at + 5)
        try statement.bind(values.unitID, at: at + 6)
        try statement.bind(values.receivingUnitID, at: at + 7)
        try statement.bind(values.channel, at: at + 8)
        try statement.bind(values.status, at: at + 9)
        try statement.bind(values.apology, at: at + 10)
        try statement.bind(values.receivedAt, at: at + 11)
        try statement.bind(values.dueAt, at: at + 12)
        try statement.bind(values.completedAt, at: at + 13)
        try statement.bind(values.returnedAt, at: at + 14)
        try statement.bind(values.receivedDay, at: at + 15)
        try statement.bind(values.dueDay, at: at + 16)
        try statement.bind(values.endDay, at: at + 17)
        try statement.bind(services.onlinePayment ? 1 : 0, at: at + 18)
        try statement.bind(services.digitized ? 1 : 0, at: at + 19)
        try statement.bind(services.eResult ? 1 : 0, at: at + 20)
        try statement.bind(services.reusedData ? 1 : 0, at: at + 21)
        try statement.bind(Int64(services.supplementCount), at: at + 22)
        try statement.bind(Int64(services.supplementDays), at: at + 23)
        try statement.bind(services.complaint ? 1 : 0, at: at + 24)
        try statement.bind(values.waitingSupplement, at: at + 25)
        try statement.bind(values.onlineMode, at: at + 26)
        try statement.bind(values.extended, at: at + 27)
        try statement.bind(values.extendedDueAt, at: at + 28)
        try statement.bind(values.extendedDueDay, at: at + 29)
    }

    private func stored(_ dossierID: String) throws -> StoredValues? {
        try select.bind([.text(dossierID)])
        defer { try? select.bind([]) }
        guard try select.step() else { return nil }
        let c = selected
        var services = ServiceFlags()
        services.onlinePayment = select.int64(c.onlinePayment) != 0
        services.digitized = select.int64(c.digitized) != 0
        services.eResult = select.int64(c.eResult) != 0
        services.reusedData = select.int64(c.reusedData) != 0
        services.supplementCount = select.int(c.supplementCount)
        services.supplementDays = select.int(c.supplementDays)
        services.complaint = select.int64(c.complaint) != 0
        return StoredValues(
            procedureID: select.int64(c.procedureID), fieldID: select.optionalInt64(c.fieldID),
            unitID: select.int64(c.unitID), receivingUnitID: select.optionalInt64(c.receivingUnitID),
            channel: select.int64(c.channel), status: select.int64(c.status), apology: select.int64(c.apology),
            receivedAt: select.int64(c.receivedAt), dueAt: select.optionalInt64(c.dueAt),
            completedAt: select.optionalInt64(c.completedAt), returnedAt: select.optionalInt64(c.returnedAt),
            receivedDay: select.int64(c.receivedDay), dueDay: select.optionalInt64(c.dueDay),
            endDay: select.optionalInt64(c.endDay), services: services,
            waitingSupplement: select.int64(c.waitingSupplement), onlineMode: select.int64(c.onlineMode),
            extended: select.int64(c.extended), extendedDueAt: select.optionalInt64(c.extendedDueAt),
            extendedDueDay: select.optionalInt64(c.extendedDueDay))
    }

    /// The first 32 bytes of a key as four big-endian words, zero-padded: ids differ late (a unit
    /// prefix, a date, then a sequence number), so sixteen bytes would tie on most pairs.
    struct KeyPrefix: Comparable {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init(_ text: String) {
            var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            text.withUTF8Bytes { utf8 in
                withUnsafeMutableBytes(of: &bytes) { raw in
                    let count = min(utf8.count, 32)
                    if count > 0 { raw.baseAddress!.copyMemory(from: utf8.baseAddress!, byteCount: count) }
                }
            }
            // Memory order is byte order; big-endian words compare as the bytes do.
            words = (bytes.0.bigEndian, bytes.1.bigEndian, bytes.2.bigEndian, bytes.3.bigEndian)
        }

        static func == (a: KeyPrefix, b: KeyPrefix) -> Bool { a.words == b.words }
        static func < (a: KeyPrefix, b: KeyPrefix) -> Bool { a.words < b.words }
    }
}

/// The columns of `DossierStore.columns` in a statement that selects them, by name.
private struct SelectedColumns {
    let procedureID, fieldID, unitID, receivingUnitID, channel, status, apology, receivedAt, dueAt: Column
    let completedAt, returnedAt, receivedDay, dueDay, endDay, onlinePayment, digitized, eResult: Column
    let reusedData, supplementCount, supplementDays, complaint, waitingSupplement: Column
    let onlineMode, extended, extendedDueAt, extendedDueDay: Column

    init(_ statement: Statement) {
        procedureID = statement.column("procedure_id")
        fieldID = statement.column("field_id")
        unitID = statement.column("unit_id")
        receivingUnitID = statement.column("receiving_unit_id")
        channel = statement.column("channel")
        status = statement.column("status")
        apology = statement.column("apology")
        receivedAt = statement.column("received_at")
        dueAt = statement.column("due_at")
        completedAt = statement.column("completed_at")
        returnedAt = statement.column("returned_at")
        receivedDay = statement.column("received_day")
        dueDay = statement.column("due_day")
        endDay = statement.column("end_day")
        onlinePayment = statement.column("online_payment")
        digitized = statement.column("digitized")
        eResult = statement.column("e_result")
        reusedData = statement.column("reused_data")
        supplementCount = statement.column("supplement_count")
        supplementDays = statement.column("supplement_days")
        complaint = statement.column("complaint")
        waitingSupplement = statement.column("waiting_supplement")
        onlineMode = statement.column("online_mode")
        extended = statement.column("extended")
        extendedDueAt = statement.column("extended_due_at")
        extendedDueDay = statement.column("extended_due_day")
    }
}
