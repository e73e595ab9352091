import ReformModel
import ReformStore

extension YearlyIndices {
    /// The scopes of the portal's rankings, in the order the output lists them.
    public static let publishedScopes = ["province", "department", "commune"]

    /// The Decision 766 scores the portal published for `year` and its months and quarters
    /// (`index766_published.csv`): each group and the total, the total ranked within its period and
    /// scope, and beside them the project's own scores of a unit it computes — matched by code, else
    /// by name ("UBND xã Đông Thái - tỉnh An Giang" is "Xã Đông Thái") when exactly one unit has it.
    static func published766(database: Database, year: Int, own: [Index766Row]) throws -> [Published766Row] {
        let scopeOrder = Dictionary(uniqueKeysWithValues: publishedScopes.enumerated().map { ($1, $0) })
        let scores = try IndexQueries.publishedScores(year: year, in: database).sorted {
            if $0.period != $1.period { return $0.period < $1.period }
            let a = scopeOrder[$0.scope] ?? 9, b = scopeOrder[$1.scope] ?? 9
            if a != b { return a < b }
            return Array($0.unitCode.utf8).lexicographicallyPrecedes(Array($1.unitCode.utf8))
        }
        // The project's rows by period, unit and criterion; its units' codes by name, per period.
        var ownRows: [String: [String: [String: Index766Row]]] = [:]
        var byName: [String: [String: String?]] = [:]
        for row in own {
            ownRows[row.period, default: [:]][row.unitCode, default: [:]][row.criterion] = row
            if row.isTotal {
                let key = nameKey(row.unitName)
                guard !key.isEmpty else { continue }
                // A name two units share matches neither.
                if let existing = byName[row.period]?[key], existing != row.unitCode {
                    byName[row.period]![key] = .some(nil)
                } else {
                    byName[row.period, default: [:]][key] = .some(row.unitCode)
                }
            }
        }
        let ranks = Statistics.competitionRanks(
            scores.map { Points.hundredths($0.total) }, groups: scores.map { $0.period + "\u{1}" + $0.scope })
        var rows: [Published766Row] = []
        for (index, score) in scores.enumerated() {
            let periodRows = ownRows[score.period] ?? [:]
            let ownCode: String? =
                periodRows[score.unitCode] != nil
                ? score.unitCode : (byName[score.period]?[nameKey(score.unitName)] ?? nil)
            let unitRows = ownCode.flatMap { periodRows[$0] } ?? [:]
            func row(_ measure: String, _ published: Int, _ maximum: Int, _ ownScore: Int?) -> Published766Row {
                var row = Published766Row()
                (row.period, row.scope, row.unitCode, row.unitName) = (
                    score.period, score.scope, score.unitCode, score.unitName
                )
                (row.measure, row.published, row.maxPoints) = (measure, published, maximum)
                row.ownUnitCode = ownCode
                row.ownScore = ownScore
                row.difference = ownScore.map { published - $0 * 100 }
                return row
            }
            for (position, group) in Decision766Group.allCases.enumerated() {
                let scored = group.ownCriteria.compactMap { unitRows[$0]?.score }
                rows.append(
                    row(
                        group.rawValue, score.groups[position], group.maxHundredths * 100,
                        scored.isEmpty ? nil : scored.reduce(0, +)))
            }
            var total = row("total", score.total, 100 * 10_000, unitRows["total"]?.score)
            total.rank = ranks[index]
            total.portalOrder = score.portalOrder
            rows.append(total)
        }
        return rows
    }

    /// A unit's name as published and as exported, made comparable: case-folded, without "UBND "
    /// and without the province the portal appends after " - ".
    static func nameKey(_ name: String) -> String {
        var key = TextKey.matchKey(name)
        for prefix in ["ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        if let dash = key.firstRange(of: " - ") { key = String(key[..<dash.lowerBound]) }
        return TextKey.matchKey(key)
    }
}
