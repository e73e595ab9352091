import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Why a stage, a definition or the lock cannot go on, as the pipeline knows it. The command line
/// turns the cause into its exit status (ReformCLI's `ExitStatus`); the library says only what
/// went wrong.
public struct PipelineError: Error, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Cause: Sendable, Equatable {
        /// The request itself is wrong (a period that does not parse, an action that does not exist).
        case usage
        /// An input was read and refused whole.
        case inputRefused
        /// An input, the database or the period is missing, or is not a file.
        case inputMissing
        /// An output cannot be written.
        case cannotWrite
        /// Reading or writing failed midway, or the disk is full.
        case io
        /// Another process holds what the run needs.
        case busy
        /// The pipeline definition is wrong.
        case definition
    }

    public let cause: Cause
    public let description: String

    public init(_ cause: Cause, _ description: String) {
        self.cause = cause
        self.description = description
    }

    /// An input that cannot be opened is missing; one that fails midway is I/O.
    public init(_ error: InputReadError) {
        switch error {
        case .cannotOpen(let path, let code):
            self.init(.inputMissing, "cannot read \(path): \(String(cString: strerror(code)))")
        case .readFailed(let code):
            self.init(.io, "read failed: \(String(cString: strerror(code)))")
        }
    }

    /// An output that cannot be written: I/O when the disk is full, else not writable.
    public init(_ error: OutputError) {
        self.init(error.isNoSpace ? .io : .cannotWrite, error.description)
    }
}
