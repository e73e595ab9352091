import FoundationEssentials
import ReformSupport

/// What the title rows above a table say of it, when they say it the usual way: the body that
/// issued the list ("ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH", "SỞ TƯ PHÁP") and the period it covers ("Từ
/// ngày 01/03/2025 đến ngày 31/03/2025", "Từ ngày 15/6/2021 đến hết ngày 14/9/2021", "Tháng
/// 3/2025", "Quý I năm 2025" is not read). Kept as the input's provenance; nothing is guessed.
package struct StatedFacts: Equatable {
    /// The issuing body, as written.
    package var unit: String?
    /// The first and last day of the stated period (day numbers since 1970-01-01), both inclusive.
    package var period: ClosedRange<Int>?
    /// A period the title states that is no period (a year 2205, a 30 February, an end before the
    /// start): what was written and why it is not read; nil when none.
    package var refusedPeriod: String?

    package init(unit: String? = nil, period: ClosedRange<Int>? = nil) {
        self.unit = unit
        self.period = period
    }

    /// Reads the facts from title lines, top to bottom.
    package init(titleLines: [String]) {
        let bodies = ["ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "sở ", "bộ ", "ban quản lý", "văn phòng"]
        // A body under its parent ("UBND TỈNH HẬU GIANG" then "UBND HUYỆN CHÂU THÀNH") is the one
        // that issues the form: of consecutive body lines the last is kept.
        var previousWasUnit = false
        for line in titleLines {
            let lower = line.lowercased()
            let isBody = bodies.contains(where: { lower.hasPrefix($0) })
            if isBody && (unit == nil || previousWasUnit) { unit = line }
            previousWasUnit = isBody && unit == line
            if period == nil { period = Self.period(in: lower) }
            if period == nil && refusedPeriod == nil { refusedPeriod = Self.periodProblem(in: lower) }
        }
        if period != nil { refusedPeriod = nil }
    }

    /// Why a line that states a period the usual way states none: each `d/m/y` after "từ ngày" that
    /// is no date, or dates that run backwards; nil when the line states no period at all.
    static func periodProblem(in text: String) -> String? {
        guard let range = text.firstRange(of: "từ ngày") else { return nil }
        let rest = text[range.lowerBound...]
        func isSeparator(_ character: Character) -> Bool { character == "/" || character == "-" || character == "." }
        func isDatePart(_ character: Character) -> Bool { character.isNumber || isSeparator(character) }
        func parts(_ token: Substring) -> [Substring] { token.split(whereSeparator: isSeparator) }
        let tokens: [Substring] = rest.split(whereSeparator: { !isDatePart($0) }).filter { parts($0).count == 3 }
        var days: [Int] = []
        for token in tokens.prefix(2) {
            let numbers: [Int] = parts(token).map { Int($0) ?? -1 }
            let (day, month, year) = (numbers[0], numbers[1], numbers[2])
            guard (1970...2199).contains(year) else { return "\"\(token)\": the year \(year) is outside 1970–2199" }
            guard (1...12).contains(month) else { return "\"\(token)\": there is no month \(month)" }
            guard (1...CivilDate.daysInMonth(year: year, month: month)).contains(day) else {
                return "\"\(token)\": \(month)/\(year) has no day \(day)"
            }
            days.append(CivilDate.dayNumber(year: year, month: month, day: day))
        }
        if days.count == 2, days[0] > days[1] {
            return "\"\(tokens[0])\" to \"\(tokens[1])\": the period ends before it starts"
        }
        return days.count < 2 ? "\"\(String(rest.prefix(60)))\": two dates d/m/yyyy were not found" : nil
    }

    /// `từ ngày D/M/Y đến (hết) ngày D/M/Y`, or `tháng M/Y` / `tháng M năm Y`, in lowercased text.
    static func period(in text: String) -> ClosedRange<Int>? {
        let scalars = Array(text.unicodeScalars)
        func dates() -> [Int] {
            var found: [Int] = []
            var i = 0
            while i < scalars.count {
                // A date starts where a number starts, not inside one ("31/02" is no "1/02").
                let insideNumber = i > 0 && scalars[i - 1].properties.numericType != nil
                guard !insideNumber, let (day, next) = Self.date(scalars, from: i) else {
                    i += 1
                    continue
                }
                found.append(day)
                i = next
            }
            return found
        }
        if text.contains("từ ngày") {
            let days = dates()
            if days.count >= 2, days[0] <= days[1] { return days[0]...days[1] }
        }
        // "ngày 05 tháng 04 năm 2025" is the day the form was signed, not a month it covers.
        if let range = text.firstRange(of: "tháng "), !Self.followsDayNumber(text[..<range.lowerBound]) {
            let rest = text[range.upperBound...].replacing(" năm ", with: "/")
            let parts = rest.split(whereSeparator: { !$0.isNumber && $0 != "/" }).first?.split(separator: "/") ?? []
            if parts.count >= 2, let month = Int(parts[0]), let year = Int(parts[1]), (1...12).contains(month),
                (1970...2199).contains(year)
            {
                let first = CivilDate.dayNumber(year: year, month: month, day: 1)
                return first...(first + CivilDate.daysInMonth(year: year, month: month) - 1)
            }
        }
        return nil
    }

    /// Whether `head` ends with "ngày D " (or "ngày D"): what follows is a date's month.
    static func followsDayNumber(_ head: Substring) -> Bool {
        let trimmed = head.reversed().drop(while: { $0 == " " })
        let digits = trimmed.prefix(while: { $0.isNumber })
        guard (1...2).contains(digits.count) else { return false }
        let before = String(trimmed.dropFirst(digits.count).drop(while: { $0 == " " }).prefix(4).reversed())
        return before == "ngày"
    }

    /// A `d/m/yyyy` date starting at `from` (its day number and where it ends).
    private static func date(_ scalars: [Unicode.Scalar], from: Int) -> (Int, Int)? {
        var numbers: [Int] = []
        var i = from
        while numbers.count < 3 {
            var value = 0
            var digits = 0
            while i < scalars.count,
                let digit = scalars[i].properties.numericType != nil ? Int(String(scalars[i])) : nil,
                digits < 4
            {
                value = value * 10 + digit
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            numbers.append(value)
            if numbers.count < 3 {
                guard i < scalars.count, scalars[i] == "/" || scalars[i] == "-" || scalars[i] == "." else { return nil }
                i += 1
            }
        }
        let (day, month, year) = (numbers[0], numbers[1], numbers[2])
        guard (1970...2199).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        return (CivilDate.dayNumber(year: year, month: month, day: day), i)
    }
}
