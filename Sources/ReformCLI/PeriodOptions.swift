/// The options that choose a period, shared by the tools that take one (compute, report,
/// consolidate, and `reform run`).
enum PeriodOptions {
    static let period = ToolOption.option(
        .period, "PERIOD",
        "YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, YYYY-9M, YYYY, YYYY-MM-DD_YYYY-MM-DD, or latest, latest-quarter, "
            + "latest-half, latest-9m, latest-year (the latest complete one in the data)")
    static let cutoffDay = ToolOption.option(
        .cutoffDay, "D",
        "the cut-off day, 1 to 28 (default 1: calendar periods; 15: each month runs from the 15th of the month "
            + "before to the 14th)")
    static let from = ToolOption.option(.from, "YYYY-MM-DD", "the first day of a period of any days (with --to)")
    static let to = ToolOption.option(.to, "YYYY-MM-DD", "the last day of that period, inclusive")
    static let counting = ToolOption.option(
        .counting, "RULES",
        "key=value[,key=value…] of withdrawn=separate|on_time, no_due=separate|on_time, "
            + "supplement_waiting=pending|within, compare=date|instant (defaults first)")

    static let all = [period, cutoffDay, from, to]

    /// `(--period PERIOD [--cutoff-day D] | --from YYYY-MM-DD --to YYYY-MM-DD)` in a usage form.
    static let choice = FormPart.choice(
        [[.required(.period), .optional(.cutoffDay)], [.required(.from), .required(.to)]], optional: false)
    /// The same choice in brackets, for the tools where a period is optional.
    static let optionalChoice = FormPart.choice(
        [[.required(.period), .optional(.cutoffDay)], [.required(.from), .required(.to)]], optional: true)
}
