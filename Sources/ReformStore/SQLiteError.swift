import CSQLite
import ReformModel
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A failed SQLite call. It carries the result codes, SQLite's message and the SQL text, never the
/// bound values: those may hold citizens' data.
public struct SQLiteError: Error, CustomStringConvertible {
    /// The primary result code (SQLITE_BUSY, SQLITE_FULL, ...).
    public let code: Int32
    /// The extended result code.
    public let extendedCode: Int32
    /// SQLite's message.
    public let message: String
    /// The statement concerned, when there is one.
    public let sql: String?
    /// The operating system's error number behind an I/O failure (0 when none).
    public let systemErrno: Int32

    public var description: String {
        var text = "SQLite error \(code) (extended \(extendedCode)): \(message)"
        // One line: statements are written over several.
        if let sql { text += " [\(sql.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(200))]" }
        return text
    }

    /// True when the disk or the database file is full.
    public var isFull: Bool { code == SQLITE_FULL }

    /// What went wrong, as far as the caller must tell causes apart (exit codes).
    public enum Cause: Sendable {
        /// Another process holds the database.
        case busy
        /// The disk (or quota) is full.
        case full
        /// The file is damaged or not a database.
        case damaged
        /// Reading or writing failed below SQLite.
        case io
        /// Anything else: the database cannot be used as asked.
        case other
    }

    /// The cause of this failure.
    public var cause: Cause {
        if systemErrno == ENOSPC || systemErrno == EDQUOT || code == SQLITE_FULL { return .full }
        switch code {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .damaged
        case SQLITE_IOERR: return .io
        default: return .other
        }
    }

    init(handle: OpaquePointer?, code: Int32, sql: String?) {
        self.code = code & 0xFF
        self.extendedCode = handle.map { sqlite3_extended_errcode($0) } ?? code
        self.message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        self.sql = sql
        self.systemErrno = handle.map { sqlite3_system_errno($0) } ?? 0
    }
}
