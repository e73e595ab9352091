import FoundationEssentials
import ReformModel
import ReformStore

extension YearlyIndices {
    /// SIPAS per unit: elements 1–5 (valid answers to the element's satisfaction questions,
    /// satisfied = 4 or 5, share with a 95% Wilson interval), then `overall` (sums, and the mean of
    /// the five exact element fractions rounded once; empty when an element has no answer).
    /// Expectation questions are reported apart, question by question.
    static func sipas(
        database: Database, year: Int, settings: IndexSettings, names: [String: String], groups: UnitGroups
    ) throws
        -> (rows: [SIPASRow], expectations: [SIPASExpectationRow])
    {
        let questions = try IndexQueries.surveyQuestions(in: database)
        // unit → element → (answers, satisfied); unit → question → (answers, high) for expectations.
        var elements: [String: [Int: (Int, Int)]] = [:]
        var expectation: [String: [String: (Int, Int)]] = [:]
        try IndexQueries.forEachSurveyAnswer(year: year, in: database) { unit, code, answer in
            guard let question = questions[code] else { return }
            let high = answer >= 4 ? 1 : 0
            switch question.kind {
            case "satisfaction":
                let old = elements[unit, default: [:]][question.element] ?? (0, 0)
                elements[unit, default: [:]][question.element] = (old.0 + 1, old.1 + high)
            case "expectation":
                let old = expectation[unit, default: [:]][code] ?? (0, 0)
                expectation[unit, default: [:]][code] = (old.0 + 1, old.1 + high)
            default:
                break
            }
        }
        let byteOrder = { (a: String, b: String) in Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        var rows: [SIPASRow] = []
        for unit in Set(elements.keys).union(expectation.keys).sorted(by: byteOrder) {
            let name = names[unit] ?? ""
            var answersSum = 0, satisfiedSum = 0
            var fractions: [(Int, Int)] = []
            for element in 1...5 {
                let (answers, satisfied) = elements[unit]?[element] ?? (0, 0)
                answersSum += answers
                satisfiedSum += satisfied
                if answers > 0 { fractions.append((satisfied, answers)) }
                let interval = Statistics.wilson(satisfied, answers, z: settings.z)
                rows.append(
                    SIPASRow(
                        year: year, unitCode: unit, unitName: name, element: String(element), answers: answers,
                        satisfied: satisfied, index: Percentage.hundredths(satisfied, answers), ciLow: interval?.low,
                        ciHigh: interval?.high))
            }
            var overall: Int?
            if fractions.count == 5 {
                // Mean of s_i / n_i over five elements, exactly: Σ s_i Π_{j≠i} n_j / (5 Π n_j).
                let product = fractions.reduce(Int128(1)) { $0 * Int128($1.1) }
                let top = fractions.reduce(Int128(0)) { $0 + Int128($1.0) * (product / Int128($1.1)) }
                let bottom = 5 * product
                overall = Int((20000 * top + bottom) / (2 * bottom))
            }
            rows.append(
                SIPASRow(
                    year: year, unitCode: unit, unitName: name, element: "overall", answers: answersSum,
                    satisfied: satisfiedSum, index: overall, ciLow: nil, ciHigh: nil))
        }
        // Each unit's group on all its rows; the overall index ranked within it.
        for index in rows.indices { rows[index].group = groups.group(of: rows[index].unitCode) }
        let ranked = rows.indices.filter { rows[$0].isOverall && rows[$0].index != nil }
        let ranks = Statistics.competitionRanks(
            ranked.map { rows[$0].index! }, groups: ranked.map { rows[$0].group })
        for (index, rank) in zip(ranked, ranks) { rows[index].rank = rank }
        var expectationRows: [SIPASExpectationRow] = []
        for unit in expectation.keys.sorted(by: byteOrder) {
            for code in expectation[unit]!.keys.sorted(by: byteOrder) {
                let (answers, high) = expectation[unit]![code]!
                expectationRows.append(
                    SIPASExpectationRow(
                        year: year, unitCode: unit, unitName: names[unit] ?? "",
                        element: String(questions[code]?.element ?? 0), questionCode: code, answers: answers,
                        high: high, share: Percentage.hundredths(high, answers)))
            }
        }
        return (rows, expectationRows)
    }

    /// PAR INDEX per unit: fields (points = appraised + survey, max, sub-index), then `total` with the
    /// index, competition rank, class and the change against the previous year's index as written.
    static func par(
        database: Database, year: Int, settings: IndexSettings, names: [String: String], groups: UnitGroups
    ) throws
        -> [PARRow]
    {
        // unit → field → (points, max) in ten-thousandths, for this year and the previous one.
        func load(_ y: Int) throws -> [String: [Int: (Int, Int)]] { try IndexQueries.parPoints(year: y, in: database) }
        func index(_ fields: [Int: (Int, Int)]) -> Int? {
            let points = fields.values.reduce(0) { $0 + $1.0 }, maximum = fields.values.reduce(0) { $0 + $1.1 }
            return Percentage.hundredths(points, maximum)
        }
        let current = try load(year), previous = try load(year - 1)
        let units = current.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let indices = units.map { index(current[$0]!) }
        let unitGroups = units.map { groups.group(of: $0) }
        let ranks = Statistics.competitionRanks(indices.map { $0 ?? -1 }, groups: unitGroups)
        var rows: [PARRow] = []
        for (position, unit) in units.enumerated() {
            let fields = current[unit]!
            let name = names[unit] ?? ""
            let firstRow = rows.count
            for field in fields.keys.sorted() {
                let (points, maximum) = fields[field]!
                rows.append(
                    PARRow(
                        year: year, unitCode: unit, unitName: name, field: String(field), points: points,
                        maxPoints: maximum, subIndex: Percentage.hundredths(points, maximum), index: nil, rank: nil,
                        grade: nil, changePP: nil))
            }
            let points = fields.values.reduce(0) { $0 + $1.0 }, maximum = fields.values.reduce(0) { $0 + $1.1 }
            let value = indices[position]
            let grade = value.map { v in
                settings.classes.first { v >= $0.minimumHundredths }?.name ?? settings.lowestClass
            }
            var change: Int?
            if let value, let before = previous[unit].flatMap(index) { change = value - before }
            rows.append(
                PARRow(
                    year: year, unitCode: unit, unitName: name, field: "total", points: points, maxPoints: maximum,
                    subIndex: nil, index: value, rank: value == nil ? nil : ranks[position], grade: grade,
                    changePP: change))
            for index in firstRow..<rows.count { rows[index].group = unitGroups[position] }
        }
        return rows
    }
}
