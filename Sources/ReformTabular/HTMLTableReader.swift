/// The rows of the tables in an HTML file — what one-stop systems' "Excel" buttons save with an
/// .xls name — read as a spreadsheet program reads them: every `<tr>` of the document is a row (in
/// document order, numbered from 1), `<td>`/`<th>` cells are placed around the cells that earlier
/// rows' `rowspan` holds, and a cell spanning columns or rows repeats its text in each (merged
/// cells forward-filled). Cell text has its tags dropped, character references decoded,
/// whitespace collapsed, and a line break for each `<br>`. Streamed: memory holds one row.
package final class HTMLTableReader: GridSource {
    private let source: ByteSource
    private var transcoder: Transcoder?
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var decoded: [UInt8] = []
    private var decodedPosition = 0
    private var atEnd = false
    private var rowNumber = 0
    /// Rows still covered below by a cell with `rowspan`: by column, the rows left and the text.
    private var spans: [Int: (rows: Int, text: [UInt8])] = [:]
    private var state = State.text
    private var tag: [UInt8] = []
    /// The quote open in the tag being read (0 when none).
    private var tagQuote: UInt8 = 0
    private var cellText: [UInt8]?
    private var cellColumns = 1
    private var cellRows = 1
    private var inRow = false
    private var rawTextEnd: [UInt8] = []
    private var rawMatch = 0
    private var sawRow = false
    private var pendingRowStart = false
    /// Text held for cells spanning rows below, in bytes (bounded by `maxSpanBytes`).
    private var spanBytes = 0
    static let maxSpanBytes = 1 << 20
    /// Cells placed by rowspans so far: a span over many empty rows places a cell in each, which
    /// no byte count sees, so their number is bounded by what the file holds.
    private var spanCells = 0
    /// The cells spans may place: a floor for small files, then so many per byte read.
    static let spanCellFloor = 1 << 20
    static let spanCellsPerByte = 4
    package private(set) var bytesRead = 0
    /// The longest cell kept (longer text is cut here; the record is then too large for ingest).
    private let maxCellBytes: Int

    private enum State {
        case text, tag, comment, rawText
    }

    /// Reads HTML from `source` in `encoding` (UTF-8 unless the document's meta charset is seen
    /// to say Windows-1258 within its first bytes).
    package init(source: ByteSource, encoding: InputEncoding = .utf8, maxCellBytes: Int = (2 << 20) + 1) {
        self.source = source
        self.transcoder = encoding == .utf8 ? nil : Transcoder(encoding)
        self.maxCellBytes = maxCellBytes
    }

    /// The encoding a document's first bytes declare in a `<meta>` charset (nil: none recognised).
    package static func declaredEncoding(_ head: [UInt8]) -> InputEncoding? {
        let text = Array(String(decoding: head.prefix(4096), as: UTF8.self).lowercased().utf8)
        let key = Array("charset".utf8)
        guard let start = text.indices.first(where: { text[$0...].starts(with: key) }) else { return nil }
        let rest = String(decoding: text[(start + key.count)...], as: UTF8.self)
        let after = rest.drop { $0 == "=" || $0 == " " || $0 == "\"" || $0 == "'" }
        let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return InputEncoding(option: String(name))
    }

    package func merges() throws -> [CellRange] { [] }

    package func nextRow(_ row: inout GridRow) throws -> Bool {
        if pendingRowStart {
            pendingRowStart = false
            try startRow(&row)
        }
        while true {
            if decodedPosition == decoded.count {
                guard try refill() else {
                    if inRow {
                        try finishRow(&row)
                        return true
                    }
                    if !sawRow { throw WorkbookError.noTable }
                    return false
                }
            }
            let byte = decoded[decodedPosition]
            decodedPosition += 1
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    state = .tag
                    tagQuote = 0
                    tag.removeAll(keepingCapacity: true)
                } else if cellText != nil {
                    // Line breaks in the source are whitespace; only <br> breaks a line.
                    appendText(byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C ? 0x20 : byte)
                }
            case .tag:
                if byte == UInt8(ascii: ">") && tagQuote == 0 {
                    state = .text
                    if try handleTag(&row) { return true }
                } else {
                    // The quote state is kept as the tag grows (an attribute value may hold ">"),
                    // so a long tag costs its length once, not once per ">".
                    if tagQuote != 0 {
                        if byte == tagQuote { tagQuote = 0 }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        tagQuote = byte
                    }
                    tag.append(byte)
                    if tag.count == 3 && tag == Array("!--".utf8) {
                        state = .comment
                        rawMatch = 0
                    } else if tag.count > 1 << 16 {
                        // Not a tag after all (a stray "<" in text): drop it.
                        state = .text
                    }
                }
            case .comment:
                // Waits for "-->".
                if byte == UInt8(ascii: "-") {
                    rawMatch += 1
                } else if byte == UInt8(ascii: ">") && rawMatch >= 2 {
                    state = .text
                } else {
                    rawMatch = 0
                }
            case .rawText:
                // Script and style content: skipped up to its end tag.
                let lower = byte | 0x20
                if lower == rawTextEnd[rawMatch] || byte == rawTextEnd[rawMatch] {
                    rawMatch += 1
                    if rawMatch == rawTextEnd.count {
                        state = .tag
                        tagQuote = 0
                        tag = Array(rawTextEnd.dropFirst())
                    }
                } else {
                    rawMatch = byte == UInt8(ascii: "<") ? 1 : 0
                }
            }
        }
    }

    private func appendText(_ byte: UInt8) {
        guard var text = cellText else { return }
        cellText = nil
        if text.count < maxCellBytes { text.append(byte) }
        cellText = text
    }

    /// Acts on a complete tag; true when a row is finished.
    private func handleTag(_ row: inout GridRow) throws -> Bool {
        let closing = tag.first == UInt8(ascii: "/")
        let nameBytes = tag.dropFirst(closing ? 1 : 0).prefix { !Self.isSpace($0) && $0 != UInt8(ascii: "/") }
        let name = String(decoding: nameBytes, as: UTF8.self).lowercased()
        switch (name, closing) {
        case ("tr", false):
            guard inRow else {
                try startRow(&row)
                return false
            }
            // The row before ends here (its </tr> left out); the new one starts at the next call.
            try finishRow(&row)
            pendingRowStart = true
            return true
        case ("tr", true), ("table", true), ("tbody", true), ("thead", true), ("tfoot", true):
            if inRow {
                try finishRow(&row)
                return true
            }
        case ("td", false), ("th", false):
            if !inRow { try startRow(&row) }
            if cellText != nil { try finishCell(&row) }
            cellText = []
            cellColumns = min(max(attribute("colspan") ?? 1, 1), 1000)
            cellRows = min(max(attribute("rowspan") ?? 1, 1), GridLimits.maxRows)
        case ("td", true), ("th", true):
            if cellText != nil { try finishCell(&row) }
        case ("br", _):
            if cellText != nil { appendText(0x0A) }
        case ("p", true), ("div", true):
            if let text = cellText, !text.isEmpty { appendText(0x0A) }
        case ("script", false), ("style", false):
            if !tag.last.map({ $0 == UInt8(ascii: "/") })! {
                state = .rawText
                rawTextEnd = Array("</\(name)".utf8)
                rawMatch = 0
            }
        default:
            break
        }
        return false
    }

    private func startRow(_ row: inout GridRow) throws {
        rowNumber += 1
        row.reset(number: rowNumber)
        inRow = true
        sawRow = true
        try fillSpans(&row)
    }

    /// Places the cells earlier rows' rowspans cover at the row's current end.
    private func fillSpans(_ row: inout GridRow) throws {
        while let span = spans[row.count] {
            try countSpanCell()
            row.append(span.text)
            if span.rows > 1 {
                spans[row.count - 1] = (span.rows - 1, span.text)
            } else {
                spans[row.count - 1] = nil
                spanBytes -= span.text.count
            }
        }
    }

    private func countSpanCell() throws {
        spanCells += 1
        let limit = Self.spanCellFloor + Self.spanCellsPerByte * bytesRead
        if spanCells > limit { throw WorkbookError.spannedCells(limit: limit) }
    }

    private func finishCell(_ row: inout GridRow) throws {
        guard let raw = cellText else { return }
        cellText = nil
        let text = Self.cellValue(raw)
        for _ in 0..<cellColumns {
            guard row.count < GridLimits.maxColumns else { break }
            if cellRows > 1 {
                // What rowspans hold below is bounded too: past the bound they hold empty cells
                // (a row of wide, deep spans of long text is no export, but must not fill memory).
                let kept = spanBytes + text.count <= Self.maxSpanBytes ? text : []
                spanBytes += kept.count
                spans[row.count] = (cellRows - 1, kept)
            }
            row.append(text)
            try fillSpans(&row)
        }
    }

    private func finishRow(_ row: inout GridRow) throws {
        if cellText != nil { try finishCell(&row) }
        // Spans from above beyond this row's last cell: only the columns they hold are visited (a
        // span far to the right is one cell, not every column up to it).
        if let last = spans.keys.max(), last >= row.count {
            let width = last - row.count + 1
            let columns: [Int] =
                spans.count * 16 >= width ? Array(row.count...last) : spans.keys.filter { $0 >= row.count }.sorted()
            for column in columns {
                if let span = spans[column] {
                    try countSpanCell()
                    row.pad(to: column)
                    row.append(span.text)
                    if span.rows > 1 {
                        spans[column] = (span.rows - 1, span.text)
                    } else {
                        spans[column] = nil
                        spanBytes -= span.text.count
                    }
                }
            }
        }
        inRow = false
    }

    /// The integer value of the current tag's attribute `name` (quoted or not).
    private func attribute(_ name: String) -> Int? {
        let lower = tag.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array(name.utf8)
        var i = 0
        while i + key.count < lower.count {
            if lower[i..<(i + key.count)].elementsEqual(key) && (i == 0 || Self.isSpace(lower[i - 1])) {
                var j = i + key.count
                while j < lower.count && Self.isSpace(lower[j]) { j += 1 }
                guard j < lower.count, lower[j] == UInt8(ascii: "=") else { return nil }
                j += 1
                while j < lower.count && (Self.isSpace(lower[j]) || lower[j] == 0x22 || lower[j] == 0x27) { j += 1 }
                let digits = lower[j...].prefix { $0 >= 0x30 && $0 <= 0x39 }.prefix(7)
                return Int(String(decoding: digits, as: UTF8.self))
            }
            i += 1
        }
        return nil
    }

    /// A cell's text: references decoded, whitespace runs made one space, trimmed, line breaks kept.
    static func cellValue(_ raw: [UInt8]) -> [UInt8] {
        var decoded: [UInt8] = []
        raw.withUnsafeBufferPointer { HTMLEntities.decode($0, into: &decoded) }
        var result: [UInt8] = []
        result.reserveCapacity(decoded.count)
        var pendingSpace = false
        for byte in decoded {
            if byte == 0x0A {
                // From <br> (source line breaks became spaces as they were read).
                if let last = result.last, last != 0x0A { result.append(0x0A) }
                pendingSpace = false
            } else if isSpace(byte) {
                pendingSpace = !result.isEmpty && result.last != 0x0A
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        while result.last == 0x0A || result.last == 0x20 { result.removeLast() }
        return result
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    private func refill() throws -> Bool {
        if atEnd { return false }
        decoded.removeAll(keepingCapacity: true)
        decodedPosition = 0
        while decoded.isEmpty {
            let n = try chunk.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            bytesRead += n
            if n == 0 {
                atEnd = true
                return false
            }
            if var transcoder {
                chunk.withUnsafeBufferPointer {
                    transcoder.convert(UnsafeBufferPointer(rebasing: $0[0..<n]), into: &decoded)
                }
                self.transcoder = transcoder
            } else {
                decoded.append(contentsOf: chunk[0..<n])
            }
        }
        return true
    }
}

/// HTML character references: numeric ones and the named ones exports use (no table of all
/// 2,231 names: an unknown name stays as written).
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0x20, "ndash": 0x2013,
        "mdash": 0x2014, "hellip": 0x2026, "laquo": 0xAB, "raquo": 0xBB, "ldquo": 0x201C, "rdquo": 0x201D,
        "lsquo": 0x2018, "rsquo": 0x2019, "copy": 0xA9, "reg": 0xAE, "deg": 0xB0, "middot": 0xB7,
    ]

    static func decode(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                i += 1
                continue
            }
            var end = i + 1
            while end < raw.count && end - i <= 12 && raw[end] != UInt8(ascii: ";")
                && !HTMLTableReader.isSpace(raw[end])
                && raw[end] != UInt8(ascii: "&")
            {
                end += 1
            }
            let name = String(decoding: raw[(i + 1)..<min(end, raw.count)], as: UTF8.self)
            var scalar: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst(), radix: 10)
            } else {
                scalar = named[name]
            }
            guard let value = scalar, value != 0, let unicode = Unicode.Scalar(value) else {
                output.append(byte)
                i += 1
                continue
            }
            output.append(contentsOf: Array(String(Character(unicode)).utf8))
            i = end < raw.count && raw[end] == UInt8(ascii: ";") ? end + 1 : end
        }
    }
}
