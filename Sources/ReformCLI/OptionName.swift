/// Every option name a tool of the package accepts, declared once. A tool declares the options it
/// takes (`ToolOption`) and reads them by these keys (`Arguments.value(.db)`), and its usage forms
/// name them (`FormPart`), so a misspelt option does not compile and a form cannot show an option
/// its tool does not take.
public enum OptionName: String, CaseIterable, Sendable {
    case audit, calendars, clean, counting
    case csvOnly = "csv-only"
    case cutoffDay = "cutoff-day"
    case db, encoding, file, from, indices, kind, layout, out
    case perMonth = "per-month"
    case period, pipeline, portable, procedures, progress
    case reformUnits = "reform-units"
    case rejects, rows, seed, sheet, style, to, twin, unit, units, wait, year
}

/// One piece of a usage form (`--db DB [--counting RULES] FILE...`): an option as its tool
/// declares it (required or in brackets), a fixed word, or a choice between groups.
public enum FormPart: Sendable, ExpressibleByStringLiteral {
    /// `--name VALUE` (the declared placeholder unless `value` gives the form's own, as `report` in
    /// `--kind report`).
    case required(OptionName, value: String? = nil)
    /// `[--name VALUE]`.
    case optional(OptionName, value: String? = nil)
    /// A word as it is: a subcommand, a positional argument (`FILE...`).
    case word(String)
    /// `(A | B)`, or `[A | B]` when `optional`.
    case choice([[FormPart]], optional: Bool)

    public init(stringLiteral value: String) { self = .word(value) }

    /// The part as the usage shows it, with the placeholders `options` declare.
    func text(_ options: [ToolOption]) -> String {
        func option(_ name: OptionName, _ value: String?) -> String {
            guard let declared = options.first(where: { $0.name == name }) else {
                preconditionFailure("a usage form names --\(name.rawValue), which the tool does not declare")
            }
            return "--" + name.rawValue + ((value ?? declared.value).map { " " + $0 } ?? "")
        }
        switch self {
        case .required(let name, let value): return option(name, value)
        case .optional(let name, let value): return "[" + option(name, value) + "]"
        case .word(let word): return word
        case .choice(let groups, let optional):
            let inner = groups.map { FormPart.line($0, options) }.joined(separator: " | ")
            return optional ? "[" + inner + "]" : "(" + inner + ")"
        }
    }

    /// A whole form.
    static func line(_ parts: [FormPart], _ options: [ToolOption]) -> String {
        parts.map { $0.text(options) }.joined(separator: " ")
    }
}
