import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport

/// Which reporting period a run reports: a fixed one, or the latest complete period of a kind in
/// the data (docs/contract.md §9). Parsed from `--period`, `--from`/`--to` and `--cutoff-day`, or
/// from a definition's `"period"` and `"cutoff_day"`.
public enum PeriodChoice: Equatable, Sendable {
    case fixed(ReportingPeriod)
    case latest(ReportingPeriod.Kind, cutoffDay: Int)

    /// What `--period` and `"period"` accept, for messages.
    public static let forms =
        "YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, YYYY-9M, YYYY, YYYY-MM-DD_YYYY-MM-DD, latest, latest-quarter, "
        + "latest-half, latest-9m or latest-year"

    private static let latestKinds: [String: ReportingPeriod.Kind] = [
        "latest": .month, "latest-month": .month, "latest-quarter": .quarter, "latest-half": .half,
        "latest-9m": .nineMonths, "latest-year": .year,
    ]

    /// Parses a period text under `cutoffDay`; a message saying what is accepted otherwise.
    public static func parse(_ text: String, cutoffDay: Int) -> Result<PeriodChoice, PeriodChoiceError> {
        guard ReportingPeriod.cutoffDays.contains(cutoffDay) else {
            return .failure(PeriodChoiceError(message: "the cut-off day must be 1 to 28, not \(cutoffDay)"))
        }
        if let kind = latestKinds[text.lowercased()] { return .success(.latest(kind, cutoffDay: cutoffDay)) }
        if let named = ReportingPeriod(name: text, cutoffDay: cutoffDay) { return .success(.fixed(named)) }
        if text.contains("_") {
            guard cutoffDay == 1 else {
                return .failure(PeriodChoiceError(message: "a range of days has no cut-off day; leave it out"))
            }
            if let range = ReportingPeriod(label: text) { return .success(.fixed(range)) }
            return .failure(
                PeriodChoiceError(
                    message:
                        "\"\(text)\" is not a range YYYY-MM-DD_YYYY-MM-DD of real days, the first not after the last"))
        }
        return .failure(PeriodChoiceError(message: "must be \(forms), not \"\(text)\""))
    }

    /// The days `from` … `to` (`YYYY-MM-DD`, both inclusive).
    public static func range(from: String, to: String) -> Result<PeriodChoice, PeriodChoiceError> {
        guard let first = ReportingPeriod.day(from) else {
            return .failure(PeriodChoiceError(message: "--from must be a real day YYYY-MM-DD, not \"\(from)\""))
        }
        guard let last = ReportingPeriod.day(to) else {
            return .failure(PeriodChoiceError(message: "--to must be a real day YYYY-MM-DD, not \"\(to)\""))
        }
        guard let period = ReportingPeriod(fromDay: first, toDay: last) else {
            return .failure(PeriodChoiceError(message: "--to (\(to)) is before --from (\(from))"))
        }
        return .success(.fixed(period))
    }

    /// The period chosen, looking the latest one up in `database`; nil when it has no dossier.
    /// A latest period is announced on stderr with the date that decided it.
    public func resolve(in database: Database, tool: String) throws -> ReportingPeriod? {
        switch self {
        case .fixed(let period):
            return period
        case .latest(let kind, let cutoffDay):
            let calculator = Bieu06Calculator(database: database)
            guard let period = try calculator.latestCompletePeriod(kind, cutoffDay: cutoffDay) else { return nil }
            if let evidence = try calculator.latestDateEvidence() {
                let named = period.name == period.description ? period.name : "\(period.name) (\(period))"
                Diagnostics.error("\(tool): note: period \"latest\" is \(named): \(evidence)")
            }
            return period
        }
    }
}

/// Why a period was refused.
public struct PeriodChoiceError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
