import ReformCalendar
import ReformIngest
import ReformPipeline
import ReformSample
import ReformStore
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The exit codes of every reform executable (sysexits.h), so cron and scripts can tell causes apart.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    /// Bad command line.
    case usage = 64
    /// An input file was refused whole.
    case dataError = 65
    /// An input file is missing or unreadable.
    case noInput = 66
    /// A bug: an invariant broke.
    case software = 70
    /// An output (report, rejects file, database) cannot be written.
    case cannotCreate = 73
    /// Reading or writing failed midway.
    case ioError = 74
    /// Another run holds the lock; retry later.
    case tempFail = 75
    /// The pipeline definition is wrong.
    case config = 78

    /// Every code with its meaning, as the tools' usage texts end (one list for all, so none drifts).
    public static let summary = """
        Exit: 0 ok, 64 bad command line, 65 an input refused whole (or the database damaged, or a date
            beyond the calendar), 66 an input, the database or the period missing, 70 internal error,
            73 cannot write (or not a ReformIndex database), 74 I/O error or disk full, 75 busy (another
            run holds the lock, or another process the database), 78 bad pipeline definition or calendar.
        """
}

/// An error that knows its exit status and its one-line message: what the command line itself
/// throws, and what every error of the library becomes on its way out (`from`).
public struct CommandFailure: Error, CustomStringConvertible {
    public let status: ExitStatus
    public let description: String

    public init(_ status: ExitStatus, _ description: String) {
        self.status = status
        self.description = description
    }

    /// Classifies any error thrown by the library.
    public static func from(_ error: Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let refusal as IngestRefusal:
            return CommandFailure(.dataError, refusal.description)
        case let error as PipelineError:
            return CommandFailure(status(of: error.cause), error.description)
        case let error as InputReadError:
            return from(PipelineError(error))
        case let error as OutputError:
            return from(PipelineError(error))
        case let error as SampleError:
            switch error {
            case .unknownStyle: return CommandFailure(.usage, error.description)
            case .emptyReference: return CommandFailure(.dataError, error.description)
            }
        case let error as SQLiteError:
            return sqliteFailure(error)
        case let error as SchemaError:
            if case .missing = error { return CommandFailure(.noInput, error.description) }
            return CommandFailure(.cannotCreate, error.description)
        case let error as RunLockError:
            return CommandFailure(.tempFail, error.description)
        case let error as PipelineDefinitionError:
            return CommandFailure(.config, error.description)
        case let error as CalendarFileError:
            return CommandFailure(.config, error.description)
        case let error as StagedFolderError:
            return CommandFailure(.cannotCreate, error.description)
        case let error as CalendarRangeError:
            return CommandFailure(.dataError, error.description)
        default:
            return CommandFailure(.software, "internal error: \(error)")
        }
    }

    /// The exit status of a pipeline failure's cause.
    public static func status(of cause: PipelineError.Cause) -> ExitStatus {
        switch cause {
        case .usage: .usage
        case .inputRefused: .dataError
        case .inputMissing: .noInput
        case .cannotWrite: .cannotCreate
        case .io: .ioError
        case .busy: .tempFail
        case .definition: .config
        }
    }

    /// A database failure by its cause, in one line without SQL text: busy is another process at
    /// work (75), full or failing storage is I/O (74), a damaged file is bad data (65), the rest
    /// cannot be written (73).
    static func sqliteFailure(_ error: SQLiteError) -> CommandFailure {
        let cause = "\(error.message) (SQLite code \(error.extendedCode))"
        switch error.cause {
        case .full:
            return CommandFailure(.ioError, "the disk is full: \(cause)")
        case .busy:
            return CommandFailure(.tempFail, "another process is using the database: \(cause); retry later")
        case .damaged:
            return CommandFailure(
                .dataError, "the database file is damaged or not a database: \(cause); restore it from a backup")
        case .io:
            return CommandFailure(.ioError, "reading or writing the database failed: \(cause)")
        case .other:
            return CommandFailure(.cannotCreate, "the database cannot be used: \(cause)")
        }
    }
}

extension Diagnostics {
    /// Runs an executable's body, mapping thrown errors to an exit status and a message.
    public static func run(_ tool: String, _ body: () throws -> ExitStatus) -> Never {
        CrashGuard.install(tool: tool)
        do {
            exit(try body().rawValue)
        } catch let failure as CommandFailure where failure.status == .ok {
            Diagnostics.output(failure.description)  // --help
            exit(0)
        } catch {
            let failure = CommandFailure.from(error)
            Diagnostics.error("\(tool): \(failure.description)")
            exit(failure.status.rawValue)
        }
    }
}

/// The message written when a trap ends the process: one line on stderr and exit 70, at once.
/// Without it a trap (an overflow the checks missed) ends in SIGILL after a backtrace that can take
/// minutes while holding the caller's pipes — cron then sees neither a message nor a sysexit.
nonisolated(unsafe) private var crashMessage: UnsafeMutableBufferPointer<UInt8>?

/// Installs the handler behind `crashMessage` for the signals a Swift trap or a memory fault raises.
enum CrashGuard {
    static func install(tool: String) {
        let text =
            Array(
                "\(tool): internal error: the program stopped on a failed check (a bug; please report it with "
                    .utf8) + Array("the command line); nothing half-written was left\n".utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
        _ = buffer.initialize(from: text)
        crashMessage = buffer
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            // Only async-signal-safe calls: write and _exit.
            if let message = crashMessage { _ = write(2, message.baseAddress, message.count) }
            _exit(70)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE] { sigaction(signal, &action, nil) }
    }
}
