import ReformModel
import ReformStore
import ReformSupport

/// The unit column of an export as systems fill it (docs/contract.md §2): a unit's code, or — in
/// OpenCPS's sync to the national portal, DonViXuLy — the unit's name. A value that is a code of
/// the unit lists is kept; else a name that matches one unit (`UnitNameMatcher`, with the aliases
/// of renamed units) becomes its code; else the value is kept as written and noted. Without unit
/// lists nothing is changed: there is nothing to tell a name from a code by.
package struct UnitCodeResolver {
    private let codes: Set<String>
    private let matcher: UnitNameMatcher
    /// Each written value's outcome, decided once (on the receipt day of its first dossier).
    private var decided: [String: String?] = [:]
    /// Values read as names: the written name, its code and how many dossiers.
    package private(set) var names: [String: (code: String, dossiers: Int)] = [:]
    /// Values neither a code nor a name of the lists, with how many dossiers.
    package private(set) var unknown: [String: Int] = [:]

    /// A resolver over the unit lists in `database`; nil when none is loaded.
    package init?(database: Database) throws {
        let units = try SubmittedReportTable.unitNames(in: database)
        guard !units.isEmpty else { return nil }
        codes = Set(units.map(\.code))
        matcher = UnitNameMatcher(names: units, aliases: try SubmittedReportTable.aliases(in: database))
    }

    /// The code of the unit `written` names for a dossier received on `day`.
    package mutating func code(_ written: String, day: Int) -> String {
        if written.isEmpty || codes.contains(written) { return written }
        if let known = decided[written] {
            if known != nil { names[written]!.dossiers += 1 } else { unknown[written]! += 1 }
            return known ?? written
        }
        // Only a value with a letter and a space is taken for a name ("019", "H26.19" are codes).
        let isName = written.unicodeScalars.contains { $0.properties.isAlphabetic } && written.contains(" ")
        if isName, let code = matcher.match(code: "", name: written, lastDay: day).code {
            decided[written] = code
            names[written] = (code, 1)
            return code
        }
        decided[written] = .some(nil)
        unknown[written] = 1
        return written
    }

    /// What the resolver did, for the ingest's notes: names read as codes, and values that are
    /// neither (at most `limit` of each, most dossiers first).
    package func notes(limit: Int = 5) -> [String] {
        var notes: [String] = []
        let byName = names.sorted { ($0.value.dossiers, $1.key) > ($1.value.dossiers, $0.key) }
        for (name, found) in byName.prefix(limit) {
            notes.append(
                "the unit column holds the name \"\(PersonalData.masked(name))\" (\(found.dossiers) dossiers): "
                    + "read as the unit \(found.code) of the unit lists")
        }
        if byName.count > limit { notes.append("\(byName.count - limit) more unit names read as codes") }
        let strangers = unknown.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        for (value, count) in strangers.prefix(limit) {
            notes.append(
                "the unit \"\(PersonalData.masked(value))\" (\(count) dossiers) is neither a code nor a name of "
                    + "the unit lists; it is kept as written")
        }
        if strangers.count > limit { notes.append("\(strangers.count - limit) more units not in the unit lists") }
        return notes
    }
}
