import FoundationEssentials
import ReformCalendar
import ReformModel
import ReformSupport

/// A dated set of rules: dossiers received on or after `from` (until the next set) are judged by
/// it. The default sets follow the legal timeline of docs/research-notes.md §0; a pipeline definition can
/// replace them (`"rule_sets": [{"name": …, "from": "YYYY-MM-DD", "cutoff": "15:00"}]`).
public struct RuleSet: Equatable, Sendable {
    /// A short identifier shown in reports.
    public var name: String
    /// First civil day of receipt the set applies to.
    public var fromDay: Int
    /// Same-day cut-off (minutes after midnight): receipts at or after it count from the next
    /// working day. Nil: time of day is ignored.
    public var cutoffMinute: Int?

    public init(name: String, fromDay: Int, cutoffMinute: Int? = nil) {
        self.name = name
        self.fromDay = fromDay
        self.cutoffMinute = cutoffMinute
    }

    /// Decree 61/2018 (with 107/2021) from 21 June 2018; Decree 118/2025 from 1 July 2025.
    public static let defaults = [
        RuleSet(name: "decree-61-2018", fromDay: CivilDate.dayNumber(year: 2018, month: 6, day: 21)),
        RuleSet(name: "decree-118-2025", fromDay: CivilDate.dayNumber(year: 2025, month: 7, day: 1)),
    ]

    /// The readable name of a known set.
    public static let titles = [
        "decree-61-2018": "Nghị định 61/2018/NĐ-CP",
        "decree-118-2025": "Nghị định 118/2025/NĐ-CP",
    ]

    /// The set that judges a dossier received on `day` (the earliest set for older receipts).
    public static func applying(to day: Int, in sets: [RuleSet]) -> RuleSet {
        sets.last { $0.fromDay <= day } ?? sets[0]
    }

    /// Parses the `rule_sets` value of a pipeline definition.
    package static func parse(_ value: Any, fail: (String) -> Error) throws -> [RuleSet] {
        guard let list = value as? [[String: Any]], !list.isEmpty else {
            throw fail("must be a non-empty list of {\"name\", \"from\", \"cutoff\"} objects")
        }
        var sets: [RuleSet] = []
        for item in list {
            for key in item.keys where !["name", "from", "cutoff"].contains(key) {
                throw fail("has an unknown key \"\(key)\" (known: name, from, cutoff)")
            }
            guard let name = item["name"] as? String, !name.isEmpty else { throw fail("needs a \"name\" for each set") }
            guard let from = item["from"] as? String, from.count == 10, let seconds = DateParser.parse(from) else {
                throw fail("\(name): \"from\" must be a date YYYY-MM-DD")
            }
            var cutoff: Int?
            if let text = item["cutoff"] as? String {
                let parts = text.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
                    throw fail("\(name): \"cutoff\" must be HH:MM")
                }
                cutoff = parts[0] * 60 + parts[1]
            } else if item["cutoff"] != nil && !(item["cutoff"] is JSONNull) {
                throw fail("\(name): \"cutoff\" must be HH:MM or null")
            }
            sets.append(
                RuleSet(name: name, fromDay: CivilDate.vietnamDay(ofEpochSeconds: seconds), cutoffMinute: cutoff))
        }
        guard zip(sets, sets.dropFirst()).allSatisfy({ $0.fromDay < $1.fromDay }) else {
            throw fail("must be in order of their \"from\" dates")
        }
        return sets
    }
}

/// What compute needs beyond the database: the calendar, the rule sets and the counting rules.
public struct ComputeSettings {
    public var calendar: WorkingCalendar
    public var ruleSets: [RuleSet]
    public var counting: CountingRules
    /// Where the scan's progress is shown, if anywhere.
    public var progress: ProgressMeter?

    public init(
        calendar: WorkingCalendar, ruleSets: [RuleSet] = RuleSet.defaults, counting: CountingRules = CountingRules()
    ) {
        self.calendar = calendar
        self.ruleSets = ruleSets
        self.counting = counting
    }
}
