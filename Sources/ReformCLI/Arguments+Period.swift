import ReformModel
import ReformPipeline
import ReformSupport

extension Arguments {
    /// The period of `--period` (with `--cutoff-day`) or `--from`/`--to`; nil when none is given.
    /// Both, a half range, or a cut-off day with a range are usage errors.
    public func period() throws -> PeriodChoice? {
        let period = valueIfDeclared(.period), from = valueIfDeclared(.from), to = valueIfDeclared(.to)
        let cutoffText = valueIfDeclared(.cutoffDay)
        var cutoffDay = 1
        if let cutoffText {
            guard let day = Int(cutoffText), ReportingPeriod.cutoffDays.contains(day) else {
                throw CommandFailure(
                    .usage, "--cutoff-day must be a day of the month from 1 to 28, not \"\(cutoffText)\"")
            }
            cutoffDay = day
        }
        switch (period, from, to) {
        case (nil, nil, nil):
            if cutoffText != nil { throw CommandFailure(.usage, "--cutoff-day needs --period") }
            return nil
        case (let text?, nil, nil):
            switch PeriodChoice.parse(text, cutoffDay: cutoffDay) {
            case .success(let choice): return choice
            case .failure(let problem): throw CommandFailure(.usage, "--period \(problem.message)")
            }
        case (nil, let first?, let last?):
            if cutoffText != nil {
                throw CommandFailure(
                    .usage, "--cutoff-day applies to --period, not to --from/--to (they name the days)")
            }
            switch PeriodChoice.range(from: first, to: last) {
            case .success(let choice): return choice
            case .failure(let problem): throw CommandFailure(.usage, problem.message)
            }
        case (nil, _, _):
            throw CommandFailure(.usage, "--from and --to go together (both days inclusive)")
        default:
            throw CommandFailure(.usage, "give either --period or --from/--to, not both")
        }
    }

    /// The counting rules of `--counting key=value,…`; nil when not given.
    public func counting() throws -> CountingRules? {
        guard let text = valueIfDeclared(.counting) else { return nil }
        switch CountingRules.parse(text) {
        case .success(let rules): return rules
        case .failure(let problem): throw CommandFailure(.usage, "--counting: \(problem.message)")
        }
    }
}
