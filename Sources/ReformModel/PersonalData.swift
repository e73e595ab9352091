import ReformSupport

/// Recognises personal data (Decree 13/2023) typed where it does not belong: a phone number, a
/// citizen ID number or an e-mail address in a procedure, unit or field name, or in a dossier id.
///
/// The personal-data columns of an export are never read; these checks guard the columns that are
/// stored or written (names, codes, the ids in rejects files), because staff paste into the wrong
/// column and a stray quote shifts a record's fields.
///
/// What counts (Vietnamese numbering): a run of digits, possibly grouped by single spaces, dots or
/// hyphens, whose digits read as a phone number (a mobile's 10 digits 03…, 05…, 07…, 08…, 09…, a
/// landline's 11 digits 02…, or 84/+84 and 9 or 10 more) or a citizen ID (12 digits starting with 0; the old 9-digit ID card when written as one
/// group); and `local@domain.tld`.
public enum PersonalData {
    /// What a recognised value is replaced with in stored text.
    public static let mask = "***"

    /// `text` with every phone number, citizen ID number and e-mail address replaced by `mask`.
    public static func masked(_ text: String) -> String {
        var bytes = Array(text.utf8)
        // Masking joins what was around a number; what then reads as one is masked in turn (each
        // pass removes digits, so this ends).
        while true {
            let spans = personalSpans(bytes)
            if spans.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            for span in spans {
                out.append(contentsOf: bytes[index..<span.lowerBound])
                out.append(contentsOf: mask.utf8)
                index = span.upperBound
            }
            out.append(contentsOf: bytes[index...])
            bytes = out
        }
    }

    /// A file's name masked as `masked` masks text, its extension apart: a number right before
    /// ".xlsx" is glued to nothing (a code glued to letters is not masked, a name's extension is).
    public static func maskedFileName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
            (1...5).contains(name.distance(from: dot, to: name.endIndex) - 1),
            name[name.index(after: dot)...].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return masked(name) }
        return masked(String(name[..<dot])) + String(name[dot...])
    }

    /// True when `text` holds a phone number, citizen ID number or e-mail address. Runs for every
    /// stored dossier id, so it neither allocates nor looks twice at most values.
    public static func contains<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
        if let found = text.withContiguousStorageIfAvailable({ contains(buffer: $0) }) { return found }
        return Array(text).withUnsafeBufferPointer { contains(buffer: $0) }
    }

    private static func contains(buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var at = false
        for byte in buffer {
            if byte == UInt8(ascii: "@") { at = true }
            if isDigit(byte) { digits += 1 }
        }
        if at && !emailSpans(Array(buffer)).isEmpty { return true }
        if digits < 9 { return false }
        var found = false
        scanNumbers(buffer) { _ in
            found = true
            return false
        }
        return found
    }

    /// A dossier id or code as it may be written into a rejects file or the reject table: itself
    /// when it looks like an identifier (1 to 64 bytes of letters, digits and `. _ / : # -`, and no
    /// personal data), else empty. A broken record's "id" can be the raw text of the columns after
    /// it — names, phones, addresses — and must never leave the input.
    public static func safeKey(_ value: String) -> String {
        let bytes = value.utf8
        guard (1...64).contains(bytes.count) else { return "" }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"),
                UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "-"):
                continue
            default:
                return ""
            }
        }
        return contains(bytes) ? "" : value
    }

    /// The byte ranges of `bytes` that are personal data, in order and not overlapping.
    static func personalSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans = numberSpans(bytes) + emailSpans(bytes)
        spans.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for span in spans {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte >= 0x80
    }

    private static func numberSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            scanNumbers(buffer) {
                spans.append($0)
                return true
            }
        }
        return spans
    }

    /// Calls `found` with each number that reads as a phone or ID number, until it returns false.
    ///
    /// A number is a token of digits, dots and hyphens ("0912.345.678", "091-234-5678"), read
    /// whole, or several such tokens separated by single spaces ("0912 345 678"). A token glued to
    /// a letter is part of a code (1.001612.000.00.00.H26, 019.H26-250101-000813) and never a number.
    /// Tokens are kept on the stack.
    private static func scanNumbers(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Range<Int>) -> Bool) {
        func isNumberByte(_ byte: UInt8) -> Bool { isDigit(byte) || byte == 0x2E || byte == 0x2D }
        let maxTokens = 16
        withUnsafeTemporaryAllocation(of: Token.self, capacity: maxTokens) { tokens in
            var i = 0
            while i < bytes.count {
                guard isDigit(bytes[i]) else {
                    i += 1
                    continue
                }
                // The space-separated tokens of the sequence starting at i.
                var count = 0
                var j = i
                while true {
                    // Dots and hyphens before the first digit belong to the token ("H-0912…" is glued).
                    var start = j
                    while start > 0 && (bytes[start - 1] == 0x2E || bytes[start - 1] == 0x2D) { start -= 1 }
                    var end = j
                    while end < bytes.count && isNumberByte(bytes[end]) { end += 1 }
                    let glued = (start > 0 && isLetter(bytes[start - 1])) || (end < bytes.count && isLetter(bytes[end]))
                    // Trailing separators (a sentence's full stop) are not part of the number.
                    var last = end
                    while last > start && !isDigit(bytes[last - 1]) { last -= 1 }
                    var first = start
                    while first < last && !isDigit(bytes[first]) { first += 1 }
                    if glued || first == last || count == maxTokens {
                        j = end
                        break
                    }
                    var digits = 0
                    var lead: (UInt8, UInt8) = (0, 0)
                    for index in first..<last where isDigit(bytes[index]) {
                        if digits == 0 { lead.0 = bytes[index] } else if digits == 1 { lead.1 = bytes[index] }
                        digits += 1
                    }
                    tokens[count] = Token(
                        range: first..<last, digits: digits, lead: lead, grouped: digits != last - first)
                    count += 1
                    j = end
                    guard j + 1 < bytes.count, bytes[j] == 0x20, isDigit(bytes[j + 1]) else { break }
                    j += 1
                }
                let plus = i > 0 && bytes[i - 1] == UInt8(ascii: "+")
                var first = 0
                while first < count {
                    var digits = 0
                    var lead: (UInt8, UInt8) = (0, 0)
                    var matchedEnd = -1
                    for last in first..<count {
                        let token = tokens[last]
                        if digits == 0 {
                            lead = token.lead
                        } else if digits == 1 {
                            lead.1 = token.lead.0
                        }
                        digits += token.digits
                        if digits > 13 { break }
                        let single = first == last && !token.grouped
                        if reads(count: digits, lead: lead, singleGroup: single, international: plus && first == 0) {
                            matchedEnd = last
                        }
                    }
                    if matchedEnd >= 0 {
                        let lower = plus && first == 0 ? i - 1 : tokens[first].range.lowerBound
                        if !found(lower..<tokens[matchedEnd].range.upperBound) { return }
                        first = matchedEnd + 1
                    } else {
                        first += 1
                    }
                }
                i = max(j, i + 1)
            }
        }
    }

    /// A token of a number: where its digits are, how many, its first two, and whether dots or
    /// hyphens group it.
    private struct Token {
        var range: Range<Int>
        var digits: Int
        var lead: (UInt8, UInt8)
        var grouped: Bool
    }

    /// True when a number of `count` digits starting with `lead` reads as a Vietnamese phone
    /// number or citizen ID number.
    private static func reads(count: Int, lead: (UInt8, UInt8), singleGroup: Bool, international: Bool) -> Bool {
        if lead.0 == UInt8(ascii: "0") {
            // Phones: mobiles have 10 digits (03, 05, 07, 08, 09 …), landlines 11 (02x …).
            if count == 10 { return [UInt8(ascii: "3"), 0x35, 0x37, 0x38, 0x39].contains(lead.1) }
            if count == 11 { return lead.1 == UInt8(ascii: "2") }
            // Citizen IDs: 12 digits, the first three the province of birth (001–096).
            if count == 12 { return true }
            // The old ID card: 9 digits written as one number.
            return count == 9 && singleGroup
        }
        if (11...12).contains(count) && lead == (UInt8(ascii: "8"), UInt8(ascii: "4")) { return true }
        if international && count >= 9 && count <= 12 { return true }
        return count == 9 && singleGroup
    }

    /// `local@domain.tld` spans.
    private static func emailSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        func isLocal(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20) &- 0x61 < 26 || byte == 0x2E || byte == 0x5F || byte == 0x25
                || byte == 0x2B || byte == 0x2D
        }
        func isDomain(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20) &- 0x61 < 26 || byte == 0x2E || byte == 0x2D
        }
        var spans: [Range<Int>] = []
        for at in bytes.indices where bytes[at] == UInt8(ascii: "@") {
            var start = at
            while start > 0 && isLocal(bytes[start - 1]) { start -= 1 }
            var end = at + 1
            while end < bytes.count && isDomain(bytes[end]) { end += 1 }
            while end > at + 1 && bytes[end - 1] == 0x2E { end -= 1 }  // a sentence's full stop
            guard start < at, bytes[(at + 1)..<end].contains(0x2E) else { continue }
            spans.append(start..<end)
        }
        return spans
    }
}
