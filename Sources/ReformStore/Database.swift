import CSQLite
import ReformModel
import ReformSupport

/// One SQLite connection. It owns its handle and closes it on deinit; it is used from one thread.
public final class Database {
    /// The version of the SQLite library linked at run time (the system's).
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    let handle: OpaquePointer
    /// The database file.
    public let path: String

    /// True when the connection may write.
    public let isWritable: Bool
    /// When set, closing the connection switches the database back to the rollback journal, so a
    /// finished database is one file that `sqlite3 -readonly` and read-only media can read.
    var restoresRollbackJournal = false

    /// Opens (creating if needed) the database at `path` with WAL and NORMAL synchronisation:
    /// a commit survives a process crash, and the last commits may be lost only on power failure.
    /// Read-only, nothing is created or changed. Callers that may open another application's file
    /// go through `Schema.open` / `Schema.openForReading`, which check it is ours first.
    public convenience init(path: String, readOnly: Bool = false) throws {
        try self.init(connecting: path, readOnly: readOnly, create: !readOnly)
        try configure()
    }

    /// Connects without changing anything in the file (no journal mode, no page size).
    init(connecting path: String, readOnly: Bool, create: Bool) throws {
        var pointer: OpaquePointer?
        let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
        let code = sqlite3_open_v2(path, &pointer, access | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let pointer else {
            let error = SQLiteError(handle: pointer, code: code, sql: nil)
            sqlite3_close_v2(pointer)
            throw error
        }
        self.handle = pointer
        self.path = path
        self.isWritable = !readOnly
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 5_000)
    }

    /// Sets the connection up for work: WAL and 16 KiB pages when writable, the page cache.
    func configure() throws {
        if isWritable {
            // 16 KiB pages for a new database (an existing one keeps its size): a quarter of the
            // log writes and page fetches of 4 KiB pages when millions of rows go in or are scanned.
            try execute("PRAGMA page_size=16384; PRAGMA journal_mode=WAL")
        }
        // A 64 MiB page cache (allocated as used): with SQLite's 2 MiB default an ingest into a
        // store of millions of dossiers spilled and re-read pages for most rows.
        try execute(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536")
    }

    deinit {
        if restoresRollbackJournal {
            // Fails harmlessly (stays WAL) while another connection still reads.
            sqlite3_exec(handle, "PRAGMA journal_mode=DELETE", nil, nil, nil)
        }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(handle: handle, code: code, sql: sql) }
    }

    /// Compiles a statement for repeated use.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws;
    /// the first error is rethrown.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// True inside a transaction.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Stops with a failed check unless a transaction is open: the Store's writers that change
    /// several rows which only make sense together (a batch and its rows, a period's tables) call
    /// it, so a caller that forgets `transaction` is caught in the first test, not in production.
    public func requireTransaction(_ function: StaticString = #function) {
        precondition(isInTransaction, "\(function) must run inside a transaction")
    }

    /// Copies the write-ahead log into the database file (tests and backups read the file alone).
    public func checkpoint() {
        try? execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The first column of the first row of `sql` as an integer (nil when there is no row or NULL).
    public func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(values)
        return try statement.scalar().int
    }

    /// The first column of the first row of `sql` as text (nil when there is no row or NULL).
    public func scalarText(_ sql: String, _ values: [SQLValue] = []) throws -> String? {
        let statement = try prepare(sql)
        try statement.bind(values)
        return try statement.scalar().text
    }
}
