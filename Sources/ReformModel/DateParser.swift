import ReformSupport

/// Parses the date formats of one-stop exports straight from bytes into UTC epoch seconds.
///
/// Accepted (surrounding spaces ignored; day and month may have one digit):
/// `dd/MM/yyyy`, `dd/MM/yyyy HH:mm`, `dd/MM/yyyy HH:mm:ss`, `yyyy-MM-dd`, `yyyy-MM-dd HH:mm[:ss]`,
/// `yyyy-MM-ddTHH:mm[:ss][.fff]` with an optional `Z` or `±HH:MM` / `±HHMM` zone, and Excel serial
/// numbers in the 1900 date system (`45292` = 2024-01-01, `45292.5` its noon), and the national
/// portal's `yyyyMMddHHmmss` and `yyyyMMdd`.
/// Slashed dates are always day first. A value without a zone is Vietnam time (UTC+07:00).
///
/// Dates before 1970-01-01 (Vietnam time) are refused: no one-stop system holds them, and a tiny Excel serial
/// (`7`) is far more likely a count typed into the wrong column than a date in January 1900.
/// `DateFormatter` costs ~30 µs a call on Linux; this costs well under a microsecond.
public enum DateParser {
    /// Epoch seconds of `bytes`, or nil when it is not a date of an accepted format.
    public static func parse<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8, C.Index == Int {
        // Ingest passes slices of the reader's buffer: scan them as unchecked contiguous memory.
        if let parsed = bytes.withContiguousStorageIfAvailable({ parseTrimmed($0) }) { return parsed }
        return parseTrimmed(bytes)
    }

    private static func parseTrimmed<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8, C.Index == Int {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var scanner = Scanner(bytes: bytes, index: start, end: end)
        return scanner.parse()
    }

    /// Epoch seconds of a string (tests and settings).
    public static func parse(_ text: String) -> Int64? { parse(Array(text.utf8)) }

    package static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0xA0 }

    private struct Scanner<C: Collection> where C.Element == UInt8, C.Index == Int {
        let bytes: C
        var index: Int
        let end: Int

        init(bytes: C, index: Int, end: Int) {
            self.bytes = bytes
            self.index = index
            self.end = end
        }

        var atEnd: Bool { index >= end }
        var current: UInt8 { bytes[index] }

        /// Reads 1...max digits; nil if there are none.
        mutating func number(min: Int = 1, max: Int) -> (value: Int, digits: Int)? {
            var value = 0, digits = 0
            while index < end, digits < max, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            return digits >= min ? (value, digits) : nil
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func parse() -> Int64? {
            let begin = index
            guard let first = number(max: 14) else { return nil }
            if atEnd && (first.digits == 8 || first.digits == 14) {
                return compact(first.value, hasTime: first.digits == 14)
            }
            if atEnd || current == UInt8(ascii: ".") {
                index = begin
                return excelSerial()
            }
            if first.digits <= 2 && consume(UInt8(ascii: "/")) {
                guard let month = number(max: 2), consume(UInt8(ascii: "/")), let year = number(min: 4, max: 4) else {
                    return nil
                }
                return dateTime(year: year.value, month: month.value, day: first.value, allowT: false)
            }
            if first.digits == 4 && consume(UInt8(ascii: "-")) {
                guard let month = number(max: 2), consume(UInt8(ascii: "-")), let day = number(max: 2) else {
                    return nil
                }
                return dateTime(year: first.value, month: month.value, day: day.value, allowT: true)
            }
            return nil
        }

        /// Reads the optional time and zone after a date and validates everything.
        mutating func dateTime(year: Int, month: Int, day: Int, allowT: Bool) -> Int64? {
            guard year >= 1970, (1...12).contains(month), day >= 1,
                day <= CivilDate.daysInMonth(year: year, month: month)
            else { return nil }
            var seconds = 0
            var offset = CivilDate.vietnamOffsetSeconds
            if !atEnd {
                let separator = current
                let isT = separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
                guard separator == 0x20 || (allowT && isT) else { return nil }
                index += 1
                while !isT, !atEnd, current == 0x20 { index += 1 }
                guard let hour = number(max: 2), hour.value < 24, consume(UInt8(ascii: ":")),
                    let minute = number(min: 2, max: 2), minute.value < 60
                else { return nil }
                seconds = hour.value * 3600 + minute.value * 60
                if consume(UInt8(ascii: ":")) {
                    guard let second = number(min: 2, max: 2), second.value < 60 else { return nil }
                    seconds += second.value
                    if consume(UInt8(ascii: ".")) || consume(UInt8(ascii: ",")) {
                        guard number(max: 9) != nil else { return nil }  // fractions of a second are ignored
                    }
                }
                if allowT && !atEnd {
                    if consume(UInt8(ascii: "Z")) || consume(UInt8(ascii: "z")) {
                        offset = 0
                    } else if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                        let sign: Int64 = current == UInt8(ascii: "-") ? -1 : 1
                        index += 1
                        guard let zoneHour = number(min: 2, max: 2), zoneHour.value <= 14 else { return nil }
                        _ = consume(UInt8(ascii: ":"))
                        guard let zoneMinute = number(min: 2, max: 2), zoneMinute.value < 60 else { return nil }
                        offset = sign * Int64(zoneHour.value * 3600 + zoneMinute.value * 60)
                    }
                }
                guard atEnd else { return nil }
            }
            let day = CivilDate.dayNumber(year: year, month: month, day: day)
            return Int64(day) * 86400 + Int64(seconds) - offset
        }

        /// `yyyyMMdd` or `yyyyMMddHHmmss` (the national portal's sync records), Vietnam time.
        func compact(_ value: Int, hasTime: Bool) -> Int64? {
            let date = hasTime ? value / 1_000_000 : value
            let year = date / 10_000, month = date / 100 % 100, day = date % 100
            guard year >= 1970, (1...12).contains(month), day >= 1,
                day <= CivilDate.daysInMonth(year: year, month: month)
            else { return nil }
            var seconds = 0
            if hasTime {
                let time = value % 1_000_000
                let hour = time / 10_000, minute = time / 100 % 100, second = time % 100
                guard hour < 24, minute < 60, second < 60 else { return nil }
                seconds = hour * 3600 + minute * 60 + second
            }
            let dayNumber = CivilDate.dayNumber(year: year, month: month, day: day)
            return Int64(dayNumber) * 86400 + Int64(seconds) - CivilDate.vietnamOffsetSeconds
        }

        /// An Excel 1900-system serial: day 1 is 1900-01-01 and Excel counts a 29 February 1900
        /// that never was, so from serial 61 on the date is 1899-12-30 + serial.
        mutating func excelSerial() -> Int64? {
            guard let whole = number(max: 7) else { return nil }
            var fractionSeconds: Int64 = 0
            if consume(UInt8(ascii: ".")) {
                guard let fraction = number(max: 9) else { return nil }
                var scale: Int64 = 1
                for _ in 0..<fraction.digits { scale *= 10 }
                fractionSeconds = (Int64(fraction.value) * 86400 + scale / 2) / scale
                while !atEnd, current >= 0x30, current <= 0x39 { index += 1 }  // precision beyond 1 ns
            }
            guard atEnd, whole.value >= 61 else { return nil }
            let day = CivilDate.dayNumber(year: 1899, month: 12, day: 30) + whole.value
            guard (1970...9999).contains(CivilDate.civil(day).year) else { return nil }
            return Int64(day) * 86400 + fractionSeconds - CivilDate.vietnamOffsetSeconds
        }
    }
}
