import Testing

@testable import ReformPipeline
@testable import ReformStore

/// How failures below the pipeline reach the user.
@Suite struct ExitStatusTests {
    /// A statement given the wrong number of values is a bug: an internal error (exit 70).
    @Test func aStatementMisuseIsAnInternalError() {
        let failure = CommandFailure.from(StatementArgumentError(sql: "SELECT ?", expected: 1, given: 0))
        #expect(failure.status == .software)
    }
}
