import ReformIngest
import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on the database folder, so two runs (cron overlapping itself, or a person
/// running a stage by hand) never write the staging database at the same time. The kernel
/// releases it when the process ends, however it ends.
public final class RunLock {
    private let fd: Int32
    /// The lock file.
    public let path: String
    /// The longest `--wait` accepted: a day (a cron job waiting longer is stuck, not patient).
    public static let maximumWaitSeconds = 86_400

    /// Takes the lock beside `databasePath`, waiting up to `waitSeconds` (0: fail at once).
    public init(databasePath: String, waitSeconds: Int = 0) throws {
        let folder = FilePath.parent(of: databasePath)
        try FilePath.makeDirectories(folder)
        path = folder + "/.reform.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, errno: errno) }
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw OutputError(path: path, errno: code)
            }
            if waited >= min(waitSeconds, Self.maximumWaitSeconds) * 10 {
                close(fd)
                throw RunLockError(path: path)
            }
            usleep(100_000)
            waited += 1
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Another run holds the lock (exit 75: retry later).
public struct RunLockError: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "another reform run is using this database (lock \(path)); retry when it has finished"
    }
}

extension RunLock {
    /// Runs `body` with the staging database at `path` opened and migrated, holding the lock for
    /// exactly as long as `body` runs. With `mustExist`, a missing database is exit 66 ("ingest first").
    public static func withDatabase<T>(
        at path: String, mustExist: Bool = true, waitSeconds: Int = 0, _ body: (Database) throws -> T
    ) throws -> T {
        if mustExist && !FilePath.exists(path) {
            throw PipelineError(.inputMissing, "no database at \(path); ingest first")
        }
        let lock = try RunLock(databasePath: path, waitSeconds: waitSeconds)
        return try withExtendedLifetime(lock) { try body(try Schema.open(path: path)) }
    }

    /// Runs `body` with the staging database at `path` opened read-only, without the lock: readers
    /// (reports, comparisons) write nothing, so they need no lock file and work on read-only media;
    /// SQLite's own locking keeps what they read consistent while an ingest writes.
    public static func withReadOnlyDatabase<T>(at path: String, _ body: (Database) throws -> T) throws -> T {
        try body(try Schema.openForReading(path: path))
    }
}
