#if canImport(Glibc)
    import Glibc
#endif

/// The rows of one worksheet part, streamed: each cell's value as text — shared and inline
/// strings as written, booleans as TRUE/FALSE, errors as their code (`#N/A`), numbers as stored,
/// and numbers under a date format as `yyyy-MM-dd HH:mm:ss` in the workbook's date system.
package final class XLSXSheetReader: GridSource {
    private let part: String
    private let findMerges: () throws -> [CellRange]
    private let scanner: XMLScanner
    private let strings: SharedStrings
    private let dateStyles: [Bool]
    /// For each style, the digits its format pads a whole number to with zeros (0: none).
    private let zeroPadding: [Int]
    private let date1904: Bool
    private var lastRowNumber = 0
    private var finished = false
    private var value: [UInt8] = []
    private var dateBytes: [UInt8] = []
    private var inline: [UInt8] = []

    convenience init(
        archive: ZipArchive, entry: ZipArchive.Entry, strings: SharedStrings, dateStyles: [Bool], zeroPadding: [Int],
        date1904: Bool
    ) throws {
        // Inflating runs ahead on its own thread while this one scans the XML.
        self.init(
            source: ReadAheadSource(try archive.stream(entry)), part: entry.name, strings: strings,
            dateStyles: dateStyles, zeroPadding: zeroPadding,
            date1904: date1904, merges: { try Self.merges(in: archive.stream(entry), rows: 64) })
    }

    /// A reader of the sheet XML `source` (the part named `part`), with the workbook's shared
    /// strings and date styles; `merges` reads the merged ranges (a second pass over the part).
    package init(
        source: ByteSource, part: String, strings: SharedStrings, dateStyles: [Bool], zeroPadding: [Int] = [],
        date1904: Bool, merges: @escaping () throws -> [CellRange]
    ) {
        self.zeroPadding = zeroPadding
        self.part = part
        self.findMerges = merges
        self.scanner = XMLScanner(source: source, part: part)
        self.strings = strings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    package var bytesRead: Int { scanner.bytesRead }

    package func nextRow(_ row: inout GridRow) throws -> Bool {
        if finished { return false }
        var inRow = false
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                finished = true
                return false
            case .start:
                if scanner.nameIs("c") {
                    guard inRow else {
                        throw WorkbookError.malformedXML(part: part, reason: "a cell outside a row")
                    }
                    try readCell(into: &row)
                } else if scanner.nameIs("row") {
                    var number = lastRowNumber + 1
                    scanner.forEachAttribute { name, value in
                        if name.count == 1 && name[0] == UInt8(ascii: "r"), let n = Self.integer(value) { number = n }
                    }
                    // Rows come in order (ECMA-376 18.3.1.73); a row out of order or repeated would
                    // give rejects lines that point at the wrong row.
                    guard number > lastRowNumber, number <= GridLimits.maxRows else {
                        throw WorkbookError.malformedXML(
                            part: part, reason: "row \(number) follows row \(lastRowNumber)")
                    }
                    row.reset(number: number)
                    lastRowNumber = number
                    inRow = true
                    if scanner.isSelfClosing {
                        _ = try scanner.next()
                        inRow = false
                    }
                }
            case .end:
                if scanner.nameIs("row") && inRow {
                    return true
                } else if scanner.nameIs("sheetData") {
                    finished = true
                    return false
                }
            case .text:
                break
            }
        }
    }

    /// Reads the cell whose start tag is current and appends it at its column.
    private func readCell(into row: inout GridRow) throws {
        var column = row.count
        var style = 0
        var type = CellType.number
        scanner.forEachAttribute { name, value in
            guard name.count == 1 else { return }
            switch name[0] {
            case UInt8(ascii: "r"):
                if let cell = CellRange.cell(value) { column = cell.column }
            case UInt8(ascii: "s"):
                style = Self.integer(value) ?? 0
            case UInt8(ascii: "t"):
                type = CellType(value)
            default:
                break
            }
        }
        guard column >= row.count else {
            throw WorkbookError.malformedXML(part: part, reason: "cells out of order in row \(row.number)")
        }
        row.pad(to: column)
        value.removeAll(keepingCapacity: true)
        inline.removeAll(keepingCapacity: true)
        if !scanner.isSelfClosing && scanner.readCellBody(value: &value, inlineText: &inline) {
            // The whole cell was buffered and read at once.
        } else if !scanner.isSelfClosing {
            var depth = 1
            var phonetic = 0
            while depth > 0 {
                switch try scanner.next() {
                case .start:
                    depth += 1
                    if scanner.nameIs("v") {
                        try scanner.appendElementText(to: &value)
                        depth -= 1
                    } else if scanner.nameIs("rPh") {
                        phonetic += 1
                    } else if scanner.nameIs("t") && phonetic == 0 {
                        try scanner.appendElementText(to: &inline)
                        depth -= 1
                    } else if scanner.nameIs("f") {
                        try scanner.skipElement()
                        depth -= 1
                    }
                case .end:
                    depth -= 1
                    if scanner.nameIs("rPh") { phonetic -= 1 }
                case .text:
                    break
                case .endOfDocument:
                    throw WorkbookError.malformedXML(part: part, reason: "the sheet ends inside a cell")
                }
            }
        } else {
            _ = try scanner.next()
        }
        switch type {
        case .shared:
            guard let index = Self.integer(value[...]), let string = strings[index] else {
                throw WorkbookError.corruptEntry(
                    name: part,
                    reason: "row \(row.number) points at shared string \(Self.text(value)), which does not exist")
            }
            row.append(string)
        case .inline:
            OOXMLText.unescape(&inline)
            row.append(inline)
        case .boolean:
            row.append(value == [UInt8(ascii: "1")] ? Array("TRUE".utf8) : Array("FALSE".utf8))
        case .error, .date:
            row.append(value)
        case .number:
            if style < dateStyles.count, dateStyles[style], !value.isEmpty,
                let serial = Self.serial(value),
                ExcelNumber.appendDate(serial: serial, date1904: date1904, to: &dateBytes)
            {
                row.append(dateBytes)
                dateBytes.removeAll(keepingCapacity: true)
            } else if style < zeroPadding.count, zeroPadding[style] > value.count, !value.isEmpty,
                value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            {
                // A code stored as a number and shown padded ("001"): read as the workbook shows it.
                row.append(repeatElement(UInt8(ascii: "0"), count: zeroPadding[style] - value.count) + value)
            } else {
                row.append(ExcelNumber.plainText(value[...]))
            }
        case .formulaText, .other:
            // A formula's text result, and any type a later version adds: the value as written.
            OOXMLText.unescape(&value)
            row.append(value)
        }
    }

    /// A cell's `t` attribute (ECMA-376 Part 1, 18.18.11 ST_CellType).
    private enum CellType {
        case number, shared, inline, formulaText, boolean, error, date, other

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            switch String(decoding: bytes, as: UTF8.self) {
            case "n": self = .number
            case "s": self = .shared
            case "inlineStr": self = .inline
            case "str": self = .formulaText
            case "b": self = .boolean
            case "e": self = .error
            case "d": self = .date
            default: self = .other
            }
        }
    }

    /// The merged ranges that start within the first `rows` rows, read from the sheet's
    /// `<mergeCell>` elements (which follow all of its rows) by a separate pass over the part.
    package func merges() throws -> [CellRange] {
        try findMerges()
    }

    /// Scans `source` for `mergeCell` start tags without parsing the rest of the XML.
    /// At most `maxRanges` are kept: a header has a few dozen, and each is filled into the rows
    /// searched for the header.
    package static func merges(in source: ByteSource, rows: Int, maxRanges: Int = 256) throws -> [CellRange] {
        let pattern = Array("mergeCell ".utf8)
        let overlap = 512
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var count = 0
        var result: [CellRange] = []
        // Where the search resumes: past the last tag read, kept across refills.
        var searchFrom = 0
        while true {
            let n = try buffer.withUnsafeMutableBufferPointer {
                try source.read(into: UnsafeMutableBufferPointer(rebasing: $0[count...]))
            }
            count += n
            let atEnd = n == 0
            var consumed = atEnd ? count : max(0, count - overlap)
            while true {
                let hit: Int? = buffer.withUnsafeBufferPointer { all in
                    var from = searchFrom
                    while from + pattern.count <= count,
                        let found = memchr(all.baseAddress! + from, Int32(pattern[0]), count - from)
                    {
                        let at = all.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                        if at + pattern.count > count { return nil }
                        if all[at..<(at + pattern.count)].elementsEqual(pattern) { return at }
                        from = at + 1
                    }
                    return nil
                }
                guard let at = hit else { break }
                guard let close = buffer[at..<count].firstIndex(of: UInt8(ascii: ">")) else {
                    if !atEnd { consumed = min(consumed, at) }
                    break
                }
                if let range = reference(in: buffer[at..<close]), range.firstRow < rows, result.count < maxRanges {
                    result.append(range)
                }
                searchFrom = close
            }
            if atEnd { return result }
            buffer.removeSubrange(0..<consumed)
            count -= consumed
            searchFrom = max(0, searchFrom - consumed)
            buffer.append(contentsOf: repeatElement(0, count: consumed))
        }
    }

    private static func reference(in tag: ArraySlice<UInt8>) -> CellRange? {
        let key = Array("ref=".utf8)
        guard let start = tag.indices.first(where: { tag[$0...].starts(with: key) }) else { return nil }
        let quote = start + key.count
        guard quote < tag.endIndex else { return nil }
        let body = tag[(quote + 1)...].prefix { $0 != tag[quote] }
        return CellRange(reference: String(decoding: body, as: UTF8.self))
    }

    static func integer<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A cell's number as a Double: plain decimals (`45717.354166666664`, what every writer puts
    /// in date cells) without building a String; anything else through the standard parser.
    package static func serial(_ bytes: [UInt8]) -> Double? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var scale: Int64 = 1
        var digits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if byte >= 0x30 && byte <= 0x39 && digits < 17 {
                digits += 1
                if seenPoint {
                    fraction = fraction * 10 + Int64(byte - 0x30)
                    scale *= 10
                } else {
                    whole = whole * 10 + Int64(byte - 0x30)
                }
            } else {
                return Double(text(bytes))
            }
        }
        guard digits > 0 else { return nil }
        return Double(whole) + Double(fraction) / Double(scale)
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
