import ReformIngest
import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Reads a pipeline definition as plain RFC 8259 JSON and nothing else: general JSON readers accept
/// duplicate keys (the last silently wins) and extensions, and a definition that means something
/// other than it says must be refused, not guessed at.
///
/// Values come back as `[String: Any]` objects, `[Any]` arrays, `String`, `Bool`, `JSONNull`, and
/// numbers as `Int` when written without a fraction or exponent and in range, else `Double`
/// (`JSONNumber.double` reads either).
package enum StrictJSON {
    /// Where and why a text is not strict JSON.
    package struct Problem: Error, Equatable {
        package var line: Int
        package var message: String
    }

    /// The value `bytes` hold; throws `Problem` naming the first line at fault.
    package static func parse(_ bytes: [UInt8]) throws -> Any {
        guard UTF8Validation.isValid(bytes[...]) else { throw Problem(line: 1, message: "is not UTF-8 text") }
        var scanner = Scanner(bytes: bytes)
        // A UTF-8 byte order mark is tolerated, as editors on Windows write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        scanner.skipSpace()
        let value = try scanner.value(depth: 0)
        scanner.skipSpace()
        if scanner.index < bytes.count { throw scanner.problem("text after the end of the JSON value") }
        return value
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

        mutating func value(depth: Int) throws -> Any {
            guard depth < 64 else { throw problem("nested more than 64 levels deep") }
            guard let byte = current else { throw problem("the text ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "t"):
                try literal("true")
                return true
            case UInt8(ascii: "f"):
                try literal("false")
                return false
            case UInt8(ascii: "n"):
                try literal("null")
                return JSONNull()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw problem("a value was expected (comments, single quotes and NaN are not JSON)")
            }
        }

        mutating func object(depth: Int) throws -> [String: Any] {
            index += 1
            skipSpace()
            var members: [String: Any] = [:]
            if current == UInt8(ascii: "}") {
                index += 1
                return members
            }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else {
                    throw problem(
                        members.isEmpty ? "expected a key in quotes" : "a comma before } or a key not in quotes")
                }
                let keyLine = line
                let key = try string()
                guard members[key] == nil else {
                    throw Problem(line: keyLine, message: "the key \"\(key)\" appears twice in one object")
                }
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipSpace()
                members[key] = try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return members
            }
        }

        mutating func array(depth: Int) throws -> [Any] {
            index += 1
            skipSpace()
            var elements: [Any] = []
            if current == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            while true {
                skipSpace()
                if current == UInt8(ascii: "]") { throw problem("a comma before ]") }
                elements.append(try value(depth: depth + 1))
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return elements
            }
        }

        /// A string's text, escapes decoded. Keys are compared decoded, so `"a"` and `"\u0061"`
        /// are the same key written twice.
        mutating func string() throws -> String {
            index += 1
            var text: [UInt8] = []
            while let byte = current {
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: text, as: UTF8.self)
                }
                if byte < 0x20 { throw problem("a control character inside a string") }
                guard byte == UInt8(ascii: "\\") else {
                    text.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard let escaped = current else { break }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hexQuad()
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate must be followed by an escaped low one.
                        guard bytes[index...].starts(with: Array("\\u".utf8)) else {
                            throw problem("a lone surrogate escape in a string")
                        }
                        index += 2
                        let low = try hexQuad()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw problem("a lone surrogate escape in a string")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw problem("a lone surrogate escape in a string")
                    }
                    text.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
                default: throw problem("an unknown escape in a string")
                }
            }
            throw problem("a string is not closed")
        }

        /// Four hex digits after `\u`.
        mutating func hexQuad() throws -> UInt32 {
            guard index + 4 <= bytes.count,
                let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                bytes[index..<index + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
            else { throw problem("\\u needs four hex digits") }
            index += 4
            return code
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard bytes[index...].starts(with: expected) else { throw problem("expected \(word)") }
            index += expected.count
        }

        mutating func number() throws -> Any {
            let start = index
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
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if let whole = Int(text) { return whole }
            guard let real = Double(text), real.isFinite else { throw problem("a number too large: \(text)") }
            return real
        }
    }
}
