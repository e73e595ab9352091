#if canImport(Glibc)
    import Glibc
#endif

/// A pull scanner for the XML parts of a workbook, reading from a `ByteSource` in pieces so that a
/// sheet of a million rows never sits in memory whole.
///
/// It reports start tags (with their attributes, read on demand), end tags and, when asked,
/// character data with the five predefined entities and character references decoded. Names
/// are compared by their local part, so transitional and strict OOXML namespaces read alike. A
/// DOCTYPE is refused: no DTD is read and no entity is ever expanded or fetched. Comments and
/// processing instructions are skipped; CDATA is character data.
package final class XMLScanner {
    /// What `next()` found.
    package enum Event: Equatable {
        case start, end, text, endOfDocument
    }

    private let source: ByteSource
    private let part: String
    private var storage: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var end = 0
    private var atEndOfInput = false
    private var pendingEnd = false
    /// The longest single token (a tag, a run of character data) held.
    private let maxToken: Int

    /// The current tag's local name (start and end events), as a range of the scanner's buffer.
    private var nameRange = 0..<0
    /// The current start tag's bytes after its name (its attributes).
    private var attributeRange = 0..<0
    /// True when the current start tag closes itself (`<c r="A1"/>`); an end event follows.
    package private(set) var isSelfClosing = false
    /// When false, character data is skipped undecoded (most of a sheet's whitespace).
    package var wantsText = false
    /// The current character data, decoded (text events only).
    package private(set) var text: [UInt8] = []
    /// Bytes consumed from the source so far.
    package private(set) var bytesRead = 0

    /// A scanner of the part named `part` (for messages) read from `source`.
    package init(source: ByteSource, part: String, chunkSize: Int = 1 << 18, maxToken: Int = 64 << 20) {
        self.source = source
        self.part = part
        self.maxToken = maxToken
        storage = .allocate(capacity: max(chunkSize, 64))
    }

    deinit { storage.deallocate() }

    /// True when the current tag's local name is `name` (ASCII).
    package func nameIs(_ name: StaticString) -> Bool {
        let count = nameRange.count
        guard count == name.utf8CodeUnitCount else { return false }
        let literal = name.utf8Start
        for i in 0..<count where storage[nameRange.lowerBound + i] != literal[i] { return false }
        return true
    }

    /// The current tag's local name.
    package var name: String { String(decoding: storage[nameRange], as: UTF8.self) }

    /// Calls `body` with each attribute of the current start tag: its local name and its raw
    /// (undecoded) value, valid only during the call.
    package func forEachAttribute(
        _ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let bytes = UnsafeBufferPointer(storage)
        var i = attributeRange.lowerBound
        let limit = attributeRange.upperBound
        while i < limit {
            while i < limit && Self.isSpace(bytes[i]) { i += 1 }
            let nameStart = i
            while i < limit && bytes[i] != UInt8(ascii: "=") && !Self.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: "/")
            {
                i += 1
            }
            var localStart = nameStart
            for j in nameStart..<i where bytes[j] == UInt8(ascii: ":") { localStart = j + 1 }
            let nameEnd = i
            while i < limit && Self.isSpace(bytes[i]) { i += 1 }
            guard i < limit, bytes[i] == UInt8(ascii: "=") else {
                i += 1
                continue
            }
            i += 1
            while i < limit && Self.isSpace(bytes[i]) { i += 1 }
            guard i < limit, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < limit && bytes[i] != quote { i += 1 }
            body(
                UnsafeBufferPointer(rebasing: bytes[localStart..<nameEnd]),
                UnsafeBufferPointer(rebasing: bytes[valueStart..<i]))
            i += 1
        }
    }

    /// The decoded value of the current start tag's attribute with local name `name`, if present.
    package func attribute(_ name: String) -> String? {
        let wanted = Array(name.utf8)
        var found: [UInt8]?
        forEachAttribute { attributeName, value in
            if found == nil && attributeName.elementsEqual(wanted) {
                var decoded: [UInt8] = []
                Self.decode(value, into: &decoded)
                found = decoded
            }
        }
        return found.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Advances to the next event.
    package func next() throws -> Event {
        if pendingEnd {
            pendingEnd = false
            isSelfClosing = false
            return .end
        }
        while true {
            if position == end {
                guard try refill() else { return .endOfDocument }
            }
            if storage[position] != UInt8(ascii: "<") {
                // Unwanted character data is dropped as it streams: a part padded with gigabytes of
                // spaces (a ZIP bomb) passes through in constant memory.
                if !wantsText, memchr(storage.baseAddress! + position, 0x3C, end - position) == nil {
                    position = end
                    continue
                }
                let lt = try find(UInt8(ascii: "<"), from: position) ?? end
                let start = position
                position = lt
                if wantsText {
                    text.removeAll(keepingCapacity: true)
                    Self.decode(UnsafeBufferPointer(rebasing: storage[start..<lt]), into: &text)
                    return .text
                }
                continue
            }
            guard let second = try byte(at: position + 1) else {
                throw WorkbookError.malformedXML(part: part, reason: "the document ends inside a tag")
            }
            switch second {
            case UInt8(ascii: "/"):
                guard let gt = try find(UInt8(ascii: ">"), from: position + 2) else {
                    throw WorkbookError.malformedXML(part: part, reason: "the document ends inside a tag")
                }
                setName(from: position + 2, to: gt)
                position = gt + 1
                isSelfClosing = false
                return .end
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8), from: position + 2)
            case UInt8(ascii: "!"):
                if try starts(with: Array("<!--".utf8)) {
                    try skip(past: Array("-->".utf8), from: position + 4)
                } else if try starts(with: Array("<![CDATA[".utf8)) {
                    guard wantsText else {
                        try skip(past: Array("]]>".utf8), from: position + 9)
                        continue
                    }
                    let close = try find(sequence: Array("]]>".utf8), from: position + 9)
                    let start = position + 9
                    position = close + 3
                    text.removeAll(keepingCapacity: true)
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: storage[start..<close]))
                    return .text
                } else if try starts(with: Array("<!DOCTYPE".utf8)) {
                    throw WorkbookError.xmlDoctype(part: part)
                } else {
                    throw WorkbookError.malformedXML(part: part, reason: "an unknown <! declaration")
                }
            default:
                let gt = try findTagEnd()
                var nameEnd = position + 1
                while nameEnd < gt && !Self.isSpace(storage[nameEnd]) && storage[nameEnd] != UInt8(ascii: "/") {
                    nameEnd += 1
                }
                setName(from: position + 1, to: nameEnd)
                isSelfClosing = gt > position + 1 && storage[gt - 1] == UInt8(ascii: "/")
                attributeRange = nameEnd..<(isSelfClosing ? gt - 1 : gt)
                position = gt + 1
                pendingEnd = isSelfClosing
                return .start
            }
        }
    }

    /// Skips to the end tag matching the current start tag (its content unread).
    package func skipElement() throws {
        try walkElement(collecting: nil)
    }

    /// The character data up to the end of the current element (nested tags' text included).
    package func elementText() throws -> [UInt8] {
        var result: [UInt8] = []
        try appendElementText(to: &result)
        return result
    }

    /// Appends the character data up to the end of the current element to `result`.
    package func appendElementText(to result: inout [UInt8]) throws {
        try walkElement(collecting: &result)
    }

    /// Moves past the end tag matching the current start tag, appending the character data inside
    /// to `text` when given (and not decoding it when not).
    private func walkElement(collecting text: UnsafeMutablePointer<[UInt8]>?) throws {
        if isSelfClosing {
            _ = try next()
            return
        }
        let wanted = wantsText
        wantsText = text != nil
        defer { wantsText = wanted }
        var depth = 1
        while depth > 0 {
            switch try next() {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: text?.pointee.append(contentsOf: self.text)
            case .endOfDocument: throw WorkbookError.malformedXML(part: part, reason: "an element is not closed")
            }
        }
    }

    /// The fast path for a SpreadsheetML cell (`<c …>` just read, not self-closing): when the
    /// whole cell up to its `</c>` is buffered and holds only tags and text, appends the text of
    /// its `<v>` to `value` and of its `<t>` (outside phonetic runs) to `inlineText`, skips any
    /// `<f>`, moves past `</c>` and returns true. Otherwise (the cell crosses the buffer's end, or
    /// holds a comment or CDATA) it consumes nothing and returns false: read it event by event.
    package func readCellBody(value: inout [UInt8], inlineText: inout [UInt8]) -> Bool {
        let bytes = UnsafeBufferPointer(storage)
        let valueStart = value.count, inlineStart = inlineText.count
        func fail() -> Bool {
            value.removeSubrange(valueStart...)
            inlineText.removeSubrange(inlineStart...)
            return false
        }
        /// The local name of the tag whose name starts at `from`, and the index of its `>`.
        func tag(_ from: Int) -> (name: Range<Int>, end: Int, selfClosing: Bool)? {
            var i = from
            var localStart = from
            while i < end, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") {
                if bytes[i] == UInt8(ascii: ":") { localStart = i + 1 }
                i += 1
            }
            let name = localStart..<i
            var quote: UInt8 = 0
            while i < end {
                let byte = bytes[i]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return (name, i, i > from && bytes[i - 1] == UInt8(ascii: "/"))
                }
                i += 1
            }
            return nil
        }
        func isName(_ range: Range<Int>, _ a: UInt8, _ b: UInt8? = nil, _ c: UInt8? = nil) -> Bool {
            let count = c != nil ? 3 : b != nil ? 2 : 1
            guard range.count == count, bytes[range.lowerBound] == a else { return false }
            if let b, bytes[range.lowerBound + 1] != b { return false }
            if let c, bytes[range.lowerBound + 2] != c { return false }
            return true
        }
        enum Target { case none, value, inline }
        var target = Target.none
        var phonetic = 0
        var skipping = false  // inside <f>
        var i = position
        while i < end {
            guard let found = memchr(storage.baseAddress! + i, 0x3C, end - i) else { return fail() }
            let lt = storage.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if lt > i && !skipping {
                switch target {
                case .value: Self.decode(UnsafeBufferPointer(rebasing: bytes[i..<lt]), into: &value)
                case .inline: Self.decode(UnsafeBufferPointer(rebasing: bytes[i..<lt]), into: &inlineText)
                case .none: break
                }
            }
            guard lt + 1 < end else { return fail() }
            let second = bytes[lt + 1]
            if second == UInt8(ascii: "!") || second == UInt8(ascii: "?") { return fail() }
            if second == UInt8(ascii: "/") {
                guard let (name, gt, _) = tag(lt + 2) else { return fail() }
                if isName(name, UInt8(ascii: "c")) {
                    position = gt + 1
                    pendingEnd = false
                    isSelfClosing = false
                    return true
                }
                if isName(name, UInt8(ascii: "f")) {
                    skipping = false
                } else if isName(name, UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "h")) {
                    phonetic -= 1
                } else if isName(name, UInt8(ascii: "v")) || isName(name, UInt8(ascii: "t")) {
                    target = .none
                }
                i = gt + 1
                continue
            }
            guard let (name, gt, selfClosing) = tag(lt + 1) else { return fail() }
            i = gt + 1
            if skipping || selfClosing { continue }
            if isName(name, UInt8(ascii: "v")) {
                target = .value
            } else if isName(name, UInt8(ascii: "t")) {
                target = phonetic == 0 ? .inline : .none
            } else if isName(name, UInt8(ascii: "f")) {
                skipping = true
            } else if isName(name, UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "h")) {
                phonetic += 1
            }
        }
        return fail()
    }

    // MARK: - Buffer

    private func setName(from start: Int, to stop: Int) {
        var localStart = start
        var i = start
        while i < stop {
            let byte = storage[i]
            if Self.isSpace(byte) { break }
            if byte == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        nameRange = localStart..<i
    }

    /// Moves the unread bytes to the front and reads more; false when nothing is left at all.
    private func refill() throws -> Bool {
        if atEndOfInput { return position < end }
        if position > 0 {
            let unread = end - position
            if unread > 0 {
                memmove(storage.baseAddress!, storage.baseAddress! + position, unread)
            }
            end = unread
            position = 0
        }
        if end == storage.count {
            guard storage.count < maxToken else {
                throw WorkbookError.malformedXML(part: part, reason: "a single tag or text over \(maxToken >> 20) MiB")
            }
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(storage.count * 2, maxToken))
            memcpy(larger.baseAddress!, storage.baseAddress!, end)
            storage.deallocate()
            storage = larger
        }
        let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: storage[end...]))
        bytesRead += n
        if n == 0 { atEndOfInput = true }
        end += n
        return position < end
    }

    /// The byte at `index`, reading more when needed (indices shift by the same amount as `position`).
    private func byte(at index: Int) throws -> UInt8? {
        let offset = index - position
        while position + offset >= end {
            if atEndOfInput { return nil }
            _ = try refill()
        }
        return storage[position + offset]
    }

    private func starts(with literal: [UInt8]) throws -> Bool {
        for (i, expected) in literal.enumerated() {
            guard let byte = try byte(at: position + i) else { return false }
            if byte != expected { return false }
        }
        return true
    }

    // Every search below resumes where the previous look ended: offsets are kept relative to
    // `position`, which a refill moves to 0 together with the unread bytes, so a token spanning
    // many refills is scanned once, not once per refill.

    /// The index of `byte` at or after `from`, reading more as needed; nil when the input ends first.
    private func find(_ byte: UInt8, from: Int) throws -> Int? {
        var offset = from - position
        while true {
            let start = position + offset
            if start < end, let hit = memchr(storage.baseAddress! + start, Int32(byte), end - start) {
                return storage.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            offset = max(offset, end - position)
            if atEndOfInput { return nil }
            _ = try refill()
        }
    }

    /// The index of the first `sequence` at or after `from`, reading more as needed (the token from
    /// `position` on is held: CDATA wanted as text).
    private func find(sequence: [UInt8], from: Int) throws -> Int {
        var offset = from - position
        while true {
            if let at = search(sequence, from: position + offset) { return at }
            // Only the last bytes could still begin a match.
            offset = max(offset, end - position - (sequence.count - 1))
            if atEndOfInput {
                throw WorkbookError.malformedXML(part: part, reason: "a comment or section is not closed")
            }
            _ = try refill()
        }
    }

    /// Moves past the first `sequence` at or after `from`, dropping what it passes as it streams:
    /// a comment, processing instruction or unwanted CDATA of any length holds no memory.
    private func skip(past sequence: [UInt8], from: Int) throws {
        var from = from
        while true {
            if let at = search(sequence, from: from) {
                position = at + sequence.count
                return
            }
            if atEndOfInput {
                throw WorkbookError.malformedXML(part: part, reason: "a comment or section is not closed")
            }
            // Keep only the bytes that could still begin a match.
            position = max(from, end - (sequence.count - 1))
            from = position
            _ = try refill()
            from = position
        }
    }

    /// The first `sequence` in the buffer at or after `from`. Every sequence searched ends with
    /// `>`, which comments and sections rarely hold: the search looks for its last byte.
    private func search(_ sequence: [UInt8], from: Int) -> Int? {
        let last = sequence.count - 1
        var i = from + last
        while i < end {
            guard let hit = memchr(storage.baseAddress! + i, Int32(sequence[last]), end - i) else { return nil }
            let at = storage.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - last
            if (0..<last).allSatisfy({ storage[at + $0] == sequence[$0] }) { return at }
            i = at + last + 1
        }
        return nil
    }

    /// The `>` closing the start tag at `position`, outside quoted attribute values.
    private func findTagEnd() throws -> Int {
        var offset = 1
        // The quote state carries across `>` and across refills, so each byte is looked at once.
        var quote: UInt8 = 0
        while true {
            var i = position + offset
            while i < end {
                guard let found = memchr(storage.baseAddress! + i, 0x3E, end - i) else {
                    scanQuotes(i..<end, &quote)
                    i = end
                    break
                }
                let gt = storage.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                scanQuotes(i..<gt, &quote)
                if quote == 0 { return gt }
                i = gt + 1
            }
            offset = i - position
            if atEndOfInput { throw WorkbookError.malformedXML(part: part, reason: "the document ends inside a tag") }
            _ = try refill()
        }
    }

    private func scanQuotes(_ range: Range<Int>, _ quote: inout UInt8) {
        for j in range {
            let byte = storage[j]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            }
        }
    }

    // MARK: - Text

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Appends `raw` to `output` with entity and character references replaced. An unknown or
    /// broken reference is kept as written (nothing is looked up anywhere).
    package static func decode(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard let first = raw.firstIndex(of: UInt8(ascii: "&")) else {
            output.append(contentsOf: raw)
            return
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: raw[..<first]))
        var i = first
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                i += 1
                continue
            }
            var semicolon = i + 1
            while semicolon < raw.count && semicolon - i <= 10 && raw[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < raw.count, raw[semicolon] == UInt8(ascii: ";") else {
                output.append(byte)
                i += 1
                continue
            }
            let name = Array(raw[(i + 1)..<semicolon])
            var replacement: UInt32?
            switch name {
            case Array("amp".utf8): replacement = 0x26
            case Array("lt".utf8): replacement = 0x3C
            case Array("gt".utf8): replacement = 0x3E
            case Array("quot".utf8): replacement = 0x22
            case Array("apos".utf8): replacement = 0x27
            default:
                if name.first == UInt8(ascii: "#") {
                    let isHex = name.count > 1 && (name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X"))
                    let digits = String(decoding: name.dropFirst(isHex ? 2 : 1), as: UTF8.self)
                    if let value = UInt32(digits, radix: isHex ? 16 : 10), Unicode.Scalar(value) != nil, value != 0 {
                        replacement = value
                    }
                }
            }
            guard let scalar = replacement.flatMap(Unicode.Scalar.init) else {
                output.append(byte)
                i += 1
                continue
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
            i = semicolon + 1
        }
    }
}
