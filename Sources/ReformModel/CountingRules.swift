import ReformSupport

/// How the dossiers of a period are counted into the form's columns (docs/contract.md §9): the
/// choices on which the systems in use disagree, named so that every output can say which it used.
/// Each rule changes only what it names; the form's identities hold under every combination.
public struct CountingRules: Hashable, Sendable, CustomStringConvertible {
    /// Withdrawn, rejected and stopped dossiers ended in the period.
    public enum Withdrawn: String, Sendable, CaseIterable {
        /// Their own column (`withdrawn_rejected`), outside resolved.
        case separate
        /// Resolved and on time (as some systems count a dossier returned to the applicant).
        case onTime = "on_time"
    }

    /// Dossiers without an appointment date.
    public enum NoDue: String, Sendable, CaseIterable {
        /// Resolved ones in `resolved_no_due`, pending ones in `pending_no_due`.
        case separate
        /// Resolved ones on time, pending ones within the deadline.
        case onTime = "on_time"
    }

    /// Pending dossiers waiting for the applicant to supplement them.
    public enum SupplementWaiting: String, Sendable, CaseIterable {
        /// Split by their appointment date like any pending dossier.
        case pending
        /// Within the deadline, whatever their appointment date (the pending split only).
        case within
    }

    /// How a completion is compared with the appointment.
    public enum Compare: String, Sendable, CaseIterable {
        /// Calendar days in Vietnam time (docs/contract.md §3).
        case date
        /// Instants: late when completed after the appointment instant (an appointment without a
        /// time of day meaning the end of that day), early when completed on an earlier day.
        case instant
    }

    /// Which appointment judges a dossier whose appointment was extended (docs/contract.md §2, §9).
    public enum Extension: String, Sendable, CaseIterable {
        /// The original appointment: an extension does not make a late dossier on time.
        case original
        /// The appointment after the extension.
        case extended
    }

    public var withdrawn: Withdrawn = .separate
    public var noDue: NoDue = .separate
    public var supplementWaiting: SupplementWaiting = .pending
    public var compare: Compare = .date
    public var `extension`: Extension = .original

    /// The default rules.
    public init() {}

    /// Rules with every choice given.
    public init(
        withdrawn: Withdrawn, noDue: NoDue, supplementWaiting: SupplementWaiting, compare: Compare,
        extension: Extension = .original
    ) {
        self.withdrawn = withdrawn
        self.noDue = noDue
        self.supplementWaiting = supplementWaiting
        self.compare = compare
        self.extension = `extension`
    }

    /// The rule names, as definitions and outputs spell them.
    public static let keys = ["withdrawn", "no_due", "supplement_waiting", "compare", "extension"]

    /// Every combination (2 × 2 × 2 × 2 × 2), defaults first.
    public static var all: [CountingRules] {
        var out: [CountingRules] = []
        for ext in Extension.allCases {
            for compare in Compare.allCases {
                for supplement in SupplementWaiting.allCases {
                    for noDue in NoDue.allCases {
                        for withdrawn in Withdrawn.allCases {
                            out.append(
                                CountingRules(
                                    withdrawn: withdrawn, noDue: noDue, supplementWaiting: supplement, compare: compare,
                                    extension: ext))
                        }
                    }
                }
            }
        }
        return out
    }

    /// The settings as `key=value` pairs in `keys` order.
    public var settings: [(key: String, value: String)] {
        [
            ("withdrawn", withdrawn.rawValue), ("no_due", noDue.rawValue),
            ("supplement_waiting", supplementWaiting.rawValue), ("compare", compare.rawValue),
            ("extension", self.extension.rawValue),
        ]
    }

    /// `withdrawn=separate no_due=separate supplement_waiting=pending compare=date extension=original`: how outputs
    /// record the rules, and what `parse` reads back.
    public var description: String { settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }

    /// True for the default rules.
    public var isDefault: Bool { self == CountingRules() }

    /// Sets rule `key` to `value`; an error message naming what is accepted otherwise.
    public mutating func set(_ key: String, _ value: String) -> String? {
        func choices<T: RawRepresentable & CaseIterable>(_: T.Type) -> String where T.RawValue == String {
            T.allCases.map(\.rawValue).joined(separator: " | ")
        }
        switch key {
        case "withdrawn":
            guard let v = Withdrawn(rawValue: value) else { return "withdrawn must be \(choices(Withdrawn.self))" }
            withdrawn = v
        case "no_due":
            guard let v = NoDue(rawValue: value) else { return "no_due must be \(choices(NoDue.self))" }
            noDue = v
        case "supplement_waiting":
            guard let v = SupplementWaiting(rawValue: value) else {
                return "supplement_waiting must be \(choices(SupplementWaiting.self))"
            }
            supplementWaiting = v
        case "compare":
            guard let v = Compare(rawValue: value) else { return "compare must be \(choices(Compare.self))" }
            compare = v
        case "extension":
            guard let v = Extension(rawValue: value) else { return "extension must be \(choices(Extension.self))" }
            self.extension = v
        default:
            return "unknown counting rule \"\(key)\" (known: \(Self.keys.joined(separator: ", ")))"
        }
        return nil
    }

    /// Parses `key=value` pairs separated by commas or spaces (the `--counting` option and the
    /// stored form); an error message when a key or value is unknown or a key repeats.
    public static func parse(_ text: String) -> Result<CountingRules, CountingRulesError> {
        var rules = CountingRules()
        var seen: Set<String> = []
        for pair in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                return .failure(CountingRulesError(message: "\"\(pair)\" is not key=value"))
            }
            guard seen.insert(parts[0]).inserted else {
                return .failure(CountingRulesError(message: "counting rule \"\(parts[0])\" is given twice"))
            }
            if let problem = rules.set(parts[0], parts[1]) { return .failure(CountingRulesError(message: problem)) }
        }
        return .success(rules)
    }
}

/// Why a counting-rule text was refused.
public struct CountingRulesError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
