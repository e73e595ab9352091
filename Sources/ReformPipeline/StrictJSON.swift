import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

/// Checks that a pipeline definition is plain RFC 8259 JSON before Foundation reads it: Foundation
/// accepts duplicate keys (the last silently wins) and some extensions, and a definition that means
/// something other than it says must be refused, not guessed at.
///
/// It validates only; the values are read by `JSONSerialization` afterwards.
enum StrictJSON {
    /// Where and why a text is not strict JSON.
    struct Problem: Error, Equatable {
        var line: Int
        var message: String
    }

    /// Throws `Problem` naming the first line at fault.
    static func validate(_ bytes: [UInt8]) throws {
        var scanner = Scanner(bytes: bytes)
        // A UTF-8 byte order mark is tolerated, as editors on Windows write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        scanner.skipSpace()
        try scanner.value(depth: 0)
        scanner.skipSpace()
        if scanner.index < bytes.count { throw scanner.problem("text after the end of the JSON value") }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var line: Int { bytes[..<min(index, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }

        func problem(_ message: String) -> Problem { Problem(line: line, message: message) }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            guard current == byte else { throw problem("expected \(what)") }
            index += 1
        }

        mutating func value(depth: Int) throws {
            guard depth < 64 else { throw problem("nested more than 64 levels deep") }
            guard let byte = current else { throw problem("the text ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw problem("a value was expected (comments, single quotes and NaN are not JSON)")
            }
        }

        mutating func object(depth: Int) throws {
            index += 1
            skipSpace()
            var keys = Set<[UInt8]>()
            if current == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else {
                    throw problem(keys.isEmpty ? "expected a key in quotes" : "a comma before } or a key not in quotes")
                }
                let keyLine = line
                let key = try string()
                guard keys.insert(key).inserted else {
                    throw Problem(
                        line: keyLine,
                        message: "the key \"\(String(decoding: key, as: UTF8.self))\" appears twice in one object")
                }
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return
            }
        }

        mutating func array(depth: Int) throws {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipSpace()
                if current == UInt8(ascii: "]") { throw problem("a comma before ]") }
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return
            }
        }

        /// A string's raw bytes between the quotes (escapes kept: keys compare as written, which
        /// is enough to find a key written twice).
        mutating func string() throws -> [UInt8] {
            index += 1
            let start = index
            while let byte = current {
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return Array(bytes[start..<index - 1])
                }
                if byte < 0x20 { throw problem("a control character inside a string") }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard let escaped = current, Array("\"\\/bfnrtu".utf8).contains(escaped) else {
                        throw problem("an unknown escape in a string")
                    }
                }
                index += 1
            }
            throw problem("a string is not closed")
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard bytes[index...].starts(with: expected) else { throw problem("expected \(word)") }
            index += expected.count
        }

        mutating func number() throws {
            if current == UInt8(ascii: "-") { index += 1 }
            func digits() -> Int {
                let start = index
                while let byte = current, byte >= 0x30 && byte <= 0x39 { index += 1 }
                return index - start
            }
            let leading = index
            guard digits() > 0 else { throw problem("a number without digits") }
            if bytes[leading] == UInt8(ascii: "0") && index - leading > 1 { throw problem("a number with a leading 0") }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw problem("a number ends in '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw problem("a number with an empty exponent") }
            }
        }
    }
}
