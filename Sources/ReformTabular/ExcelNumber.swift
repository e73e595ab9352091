import ReformSupport

/// Excel's numbers as text: date serials in either date system, number formats that show dates,
/// and numbers written in exponent form.
package enum ExcelNumber {
    /// True when number format `id` (with custom format `code`, if it is one) shows a date or
    /// time: built-in formats 14–22 and 45–47, or a format with d, m, y, h or s outside quoted
    /// text, brackets (colours, locales, elapsed time) and escaped characters.
    package static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) { return true }
        guard let code else { return false }
        var inQuote = false
        var inBracket = false
        var escaped = false
        var skipNext = false
        for character in code.lowercased().unicodeScalars {
            if skipNext {
                skipNext = false
                continue
            }
            if escaped {
                escaped = false
                continue
            }
            if inQuote {
                if character == "\"" { inQuote = false }
                continue
            }
            if inBracket {
                if character == "]" { inBracket = false }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\": escaped = true
            case "_", "*": skipNext = true
            case "d", "m", "y", "h", "s": return true
            default: break
            }
        }
        return false
    }

    /// The date and time of serial `value` as `yyyy-MM-dd HH:mm:ss`, to the nearest second; nil
    /// for a negative or absurd serial. In the 1900 system serial 1 is 1900-01-01 and serial 60
    /// is Excel's 29 February 1900, which never was (written as such, so it is refused as a bad
    /// date, not moved to another day); in the 1904 system serial 0 is 1904-01-01.
    package static func dateText(serial value: Double, date1904: Bool) -> String? {
        guard value.isFinite, value >= 0, value < 2_958_466 else { return nil }
        var seconds = Int64((value * 86_400).rounded())
        var days = Int(seconds / 86_400)
        seconds -= Int64(days) * 86_400
        let day: Int
        if date1904 {
            day = CivilDate.dayNumber(year: 1904, month: 1, day: 1) + days
        } else if days == 60 {
            return "1900-02-29 " + clock(seconds)
        } else {
            if days < 60 { days += 1 }
            day = CivilDate.dayNumber(year: 1899, month: 12, day: 30) + days
        }
        return CivilDate.isoString(day) + " " + clock(seconds)
    }

    /// Appends the text of `dateText` to `output` without building a String (a sheet has
    /// millions of date cells); false when the serial is no date.
    package static func appendDate(serial value: Double, date1904: Bool, to output: inout [UInt8]) -> Bool {
        guard value.isFinite, value >= 0, value < 2_958_466 else { return false }
        var seconds = Int((value * 86_400).rounded())
        var days = seconds / 86_400
        seconds -= days * 86_400
        let day: Int
        if date1904 {
            day = CivilDate.dayNumber(year: 1904, month: 1, day: 1) + days
        } else if days == 60 {
            output += Array("1900-02-29".utf8)
            appendClock(seconds, to: &output)
            return true
        } else {
            if days < 60 { days += 1 }
            day = CivilDate.dayNumber(year: 1899, month: 12, day: 30) + days
        }
        let (year, month, dayOfMonth) = CivilDate.civil(day)
        appendDigits(year, 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(dayOfMonth, 2, to: &output)
        appendClock(seconds, to: &output)
        return true
    }

    private static func appendClock(_ seconds: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: " "))
        appendDigits(seconds / 3600, 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, 2, to: &output)
    }

    private static func appendDigits(_ value: Int, _ width: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func clock(_ seconds: Int64) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return two(h) + ":" + two(m) + ":" + two(s)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A number cell's text as a person would type it: as stored, except exponent forms of whole
    /// numbers (`1.2345E+5` → `123450`), which Excel writes for long numbers.
    package static func plainText(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard raw.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }),
            let value = Double(String(decoding: raw, as: UTF8.self)),
            value.rounded() == value, abs(value) < 1e15
        else { return raw }
        return ArraySlice(String(Int64(value)).utf8)
    }

    /// The width of a format that pads whole numbers with zeros (`000`, `00000`, its first section
    /// of several), at most 15 digits; nil for any other format.
    package static func zeroPaddedWidth(_ code: String) -> Int? {
        let first = code.split(separator: ";", omittingEmptySubsequences: false).first ?? ""
        guard (1...15).contains(first.count), first.allSatisfy({ $0 == "0" }), first.count > 1 else { return nil }
        return first.count
    }
}
