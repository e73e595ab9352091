import Testing

@testable import ReformCLI
@testable import ReformPipeline
@testable import ReformSample
@testable import ReformStore
@testable import ReformSupport

/// How failures below the command line reach the user: the library throws what went wrong, the
/// command line alone decides the exit status.
@Suite struct ExitStatusTests {
    /// A statement given the wrong number of values is a bug: an internal error (exit 70).
    @Test func aStatementMisuseIsAnInternalError() {
        let failure = CommandFailure.from(StatementArgumentError(sql: "SELECT ?", expected: 1, given: 0))
        #expect(failure.status == .software)
    }

    /// Each cause a pipeline names has its status; the message passes through unchanged.
    @Test func eachPipelineCauseHasItsStatus() {
        let expected: [(PipelineError.Cause, ReformCLI.ExitStatus)] = [
            (.usage, .usage), (.inputRefused, .dataError), (.inputMissing, .noInput), (.cannotWrite, .cannotCreate),
            (.io, .ioError), (.busy, .tempFail), (.definition, .config),
        ]
        for (cause, status) in expected {
            let failure = CommandFailure.from(PipelineError(cause, "why"))
            #expect(failure.status == status && failure.description == "why", "\(cause)")
        }
        #expect(CommandFailure.from(InputReadError.cannotOpen(path: "a.csv", errno: 2)).status == .noInput)
        #expect(CommandFailure.from(InputReadError.readFailed(errno: 5)).status == .ioError)
        #expect(CommandFailure.from(SampleError.unknownStyle("x")).status == .usage)
        #expect(CommandFailure.from(SampleError.emptyReference("no commune")).status == .dataError)
    }
}
