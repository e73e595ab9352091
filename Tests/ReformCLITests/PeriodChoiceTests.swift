import Testing

@testable import ReformCLI
@testable import ReformPipeline
@testable import ReformSupport

/// The reporting period a command line chooses, and the choices it refuses.
@Suite struct PeriodChoiceTests {
    @Test func choicesFromTheCommandLine() throws {
        func choice(_ words: [String]) throws -> PeriodChoice? {
            try Arguments(words, options: [.period, .from, .to, .cutoffDay], usage: "").period()
        }
        #expect(try choice(["--period", "latest-quarter", "--cutoff-day", "15"]) == .latest(.quarter, cutoffDay: 15))
        #expect(try choice(["--period", "2025-03"]) == .fixed(ReportingPeriod(month: Month("2025-03")!)))
        #expect(
            try choice(["--from", "2025-03-01", "--to", "2025-03-31"])
                == .fixed(ReportingPeriod(month: Month("2025-03")!)))
        #expect(try choice([]) == nil)
        for bad in [
            ["--period", "2025-03", "--from", "2025-03-01", "--to", "2025-03-02"], ["--from", "2025-03-01"],
            ["--from", "2025-03-02", "--to", "2025-03-01"], ["--period", "2025-Q1", "--cutoff-day", "31"],
            ["--from", "2025-03-01", "--to", "2025-03-02", "--cutoff-day", "15"], ["--cutoff-day", "15"],
            ["--period", "2025-03-01_2025-03-05", "--cutoff-day", "15"], ["--period", "March"],
            ["--from", "2025-02-30", "--to", "2025-03-02"],
        ] {
            #expect(throws: CommandFailure.self, "\(bad)") { try choice(bad) }
        }
    }
}
