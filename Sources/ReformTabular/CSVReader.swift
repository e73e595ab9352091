import ReformSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming RFC 4180 reader over bytes.
///
/// It reads a file in fixed-size chunks and hands out one record at a time, so memory stays flat
/// whatever the file size: a record longer than `maxRecordBytes` is not held but flagged
/// `isTooLarge` and skipped to the first line feed after the bound. Quoted fields may hold commas, doubled
/// quotes and newlines; records may end with LF or CRLF; a UTF-8 byte order mark at the start is
/// skipped; blank lines are skipped and are not records. Every record carries the physical line it
/// starts on (line 1 is the first line of the file).
///
/// The reader never fails on content: a malformed record is still returned, flagged, so the caller
/// can reject it with a reason. Only I/O errors are thrown.
///
/// Usage: `while try reader.nextRecord() { reader.field(0) ... }`. Field bytes are valid until the
/// next call to `nextRecord()`.
public struct CSVReader {
    /// Where the bytes come from.
    private enum Source {
        case file(Int32)
        case memory
        /// The data rows of a table found in a workbook sheet.
        case records(RecordSource)
    }

    private var source: Source
    private var transcoder: Transcoder?
    private var delimiterChoice: Delimiter
    /// The field separator in use (comma unless a tab-separated file was detected).
    public private(set) var delimiter = UInt8(ascii: ",")
    private var buffer: [UInt8]
    private var count = 0  // bytes of `buffer` holding data
    private var position = 0  // start of the next unread record
    private var atEndOfInput = false
    private var nextLine = 1
    private var startOfInput = true
    private let chunkSize: Int

    // Resumable scan state for the record being searched (survives buffer refills).
    private var scanOffset = 0  // relative to `position`
    private var scanState = ScanState.fieldStart
    private var scanNewlines = 0

    // The current record.
    private var fieldStarts: [Int] = []
    private var fieldEnds: [Int] = []

    /// The physical line on which the current record starts.
    public private(set) var line = 0
    /// The number of physical lines the current record spans (more than 1 with quoted newlines).
    public private(set) var lineSpan = 0
    /// True when the current record holds a NUL byte.
    public private(set) var containsNUL = false
    /// True when the current record holds bytes above 0x7F (it then needs UTF-8 validation).
    public private(set) var containsNonASCII = false
    /// When set, each record's raw bytes are checked as UTF-8 once, before quotes are removed, so
    /// that consumers validate field by field only when `mayHoldInvalidUTF8` (one pass over a
    /// record instead of a call per field; ingest sets it).
    public var validatesUTF8 = false
    /// False only when `validatesUTF8` is set and the current record's bytes are well-formed UTF-8.
    /// Removing ASCII quotes and delimiters from well-formed UTF-8 leaves every field well-formed;
    /// the converse need not hold (a lead byte, a closing quote, then its continuation), so a true
    /// value means "check the fields", not "a field is broken".
    public private(set) var mayHoldInvalidUTF8 = false
    /// True when the file ended inside a quoted field that started in the current record.
    public private(set) var isUnterminated = false
    /// The longest record held in memory. A stray quote at the top of an export would otherwise
    /// make the rest of the file one "record" (hundreds of MB of names and phone numbers).
    public var maxRecordBytes = 2 << 20
    /// The raw bytes of the current record up to its line feed (quotes, separators and a CR before
    /// the line feed included: what the bound is judged on); for a record that was too large, the bound.
    public private(set) var recordLength = 0
    /// True when the current record was longer than `maxRecordBytes`: it has no fields, and it
    /// ended at the first line feed after the bound, whatever its quotes said.
    public private(set) var isTooLarge = false
    /// Bytes read from the input so far.
    public private(set) var bytesRead = 0

    /// The scanner's state machine; shared by the boundary scan and the field split so both agree.
    private enum ScanState {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterQuote
    }

    /// The field separator to use.
    public enum Delimiter: Sendable {
        case comma, tab
        /// Tab when the first line has tabs and no comma outside quotes (Excel's "Unicode text"
        /// export is tab-separated), comma otherwise.
        case detect
    }

    /// Opens `path` for streaming, converting from `encoding` to UTF-8 as it reads. Throws
    /// `InputReadError.cannotOpen` when it cannot be read.
    public init(path: String, encoding: InputEncoding = .utf8, delimiter: Delimiter = .comma, chunkSize: Int = 1 << 20)
        throws
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        self.source = .file(fd)
        self.transcoder = encoding == .utf8 ? nil : Transcoder(encoding)
        self.delimiterChoice = delimiter
        if delimiter == .tab { self.delimiter = 0x09 }
        self.chunkSize = max(chunkSize, 16)
        self.buffer = [UInt8](repeating: 0, count: self.chunkSize)
    }

    /// Reads from bytes held in memory (tests, small inputs).
    public init(bytes: [UInt8], delimiter: Delimiter = .comma) {
        self.source = .memory
        self.delimiterChoice = delimiter
        if delimiter == .tab { self.delimiter = 0x09 }
        self.chunkSize = max(bytes.count, 16)
        self.buffer = bytes
        self.count = bytes.count
        self.atEndOfInput = true
        self.bytesRead = bytes.count
    }

    /// Hands out the data rows of a table (a workbook sheet's) as records: fields are the row's
    /// cells, `line` its sheet row number, and the flags hold as for CSV (a record over
    /// `maxRecordBytes` has no fields and is `isTooLarge`).
    package init(records: RecordSource) {
        self.source = .records(records)
        self.delimiterChoice = .comma
        self.chunkSize = 16
        self.buffer = []
        self.startOfInput = false
    }

    /// The table whose rows this reader hands out, if it reads one.
    package var records: RecordSource? {
        if case .records(let source) = source { return source }
        return nil
    }

    /// Closes the file. Safe to call more than once.
    public mutating func close() {
        if case .file(let fd) = source {
            _ = Glibc.close(fd)
            source = .memory
        }
    }

    /// The number of fields of the current record.
    public var fieldCount: Int { fieldStarts.count }

    /// The raw (unescaped) bytes of field `index` of the current record.
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        buffer[fieldStarts[index]..<fieldEnds[index]]
    }

    /// Calls `body` with the bytes of field `index` without copying.
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[fieldStarts[index]..<fieldEnds[index]]))
        }
    }

    /// Field `index` decoded as UTF-8 (invalid sequences repaired); for tests and messages.
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// Advances to the next record. Returns false at the end of the input.
    public mutating func nextRecord() throws -> Bool {
        if case .records(let records) = source { return try nextTableRecord(records) }
        while true {
            if startOfInput {
                try skipByteOrderMark()
                if delimiterChoice == .detect { try detectDelimiter() }
                startOfInput = false
            }
            guard let end = try findRecordEnd() else { return false }
            let recordLine = nextLine
            if end.tooLarge {
                nextLine += end.lines
                position = end.next
                scanOffset = 0
                scanState = .fieldStart
                scanNewlines = 0
                line = recordLine
                lineSpan = end.lines
                isUnterminated = false
                isTooLarge = true
                recordLength = maxRecordBytes
                containsNUL = false
                containsNonASCII = false
                mayHoldInvalidUTF8 = false
                fieldStarts.removeAll(keepingCapacity: true)
                fieldEnds.removeAll(keepingCapacity: true)
                return true
            }
            isTooLarge = false
            let span = 1 + scanNewlines
            let unterminated = end.unterminated
            nextLine += span
            let recordStart = position
            position = end.next
            scanOffset = 0
            scanState = .fieldStart
            scanNewlines = 0

            recordLength = end.contentEnd - recordStart
            var contentEnd = end.contentEnd
            // A CR before the LF is part of the line ending, not of the last field.
            if !unterminated, contentEnd > recordStart, buffer[contentEnd - 1] == UInt8(ascii: "\r") {
                contentEnd -= 1
            }
            if contentEnd == recordStart && !unterminated {
                continue  // blank line: not a record
            }
            line = recordLine
            lineSpan = span
            isUnterminated = unterminated
            splitFields(recordStart, contentEnd)
            return true
        }
    }

    private mutating func nextTableRecord(_ records: RecordSource) throws -> Bool {
        guard let number = try records.nextRecord(bytes: &buffer, ends: &fieldEnds) else { return false }
        bytesRead = records.bytesRead
        line = number
        lineSpan = 1
        isUnterminated = false
        recordLength = buffer.count
        isTooLarge = buffer.count > maxRecordBytes
        fieldStarts.removeAll(keepingCapacity: true)
        if isTooLarge {
            fieldEnds.removeAll(keepingCapacity: true)
            containsNUL = false
            containsNonASCII = false
            mayHoldInvalidUTF8 = false
            return true
        }
        var start = 0
        for end in fieldEnds {
            fieldStarts.append(start)
            start = end
        }
        containsNUL = buffer.contains(0)
        containsNonASCII = buffer.contains { $0 >= 0x80 }
        mayHoldInvalidUTF8 = validatesUTF8 ? containsNonASCII && !UTF8Validation.isValid(buffer[...]) : true
        return true
    }

    private struct RecordEnd {
        var contentEnd: Int  // exclusive end of the record's bytes (before the LF)
        var next: Int  // where the next record starts
        var unterminated: Bool
        var tooLarge = false
        var lines = 0  // physical lines of a record that was too large
    }

    /// Finds the end of the record starting at `position`, refilling the buffer as needed.
    private mutating func findRecordEnd() throws -> RecordEnd? {
        while true {
            if let end = scanForRecordEnd() {
                // Judged on the record's length, not on how much of it was buffered, so the
                // outcome does not depend on the chunk size.
                if end.contentEnd - position > maxRecordBytes { return try skipOversizedRecord() }
                return end
            }
            if count - position > maxRecordBytes { return try skipOversizedRecord() }
            if atEndOfInput {
                if position >= count { return nil }
                let unterminated = scanState == .quoted
                return RecordEnd(contentEnd: count, next: count, unterminated: unterminated)
            }
            try refill()
        }
    }

    /// Drops the record starting at `position`, which holds more than `maxRecordBytes` bytes
    /// before its end: it ends at the first line feed at or after the bound (or at the end of the
    /// input). Its bytes are discarded as they are read, so memory stays bounded.
    private mutating func skipOversizedRecord() throws -> RecordEnd {
        let bound = position + maxRecordBytes
        var lines = 1
        let (newlines, lf): (Int, Int?) = buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            var n = 0
            var from = position
            while from < bound, let hit = memchr(base + from, 0x0A, bound - from) {
                n += 1
                from = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            let lf = bound < count ? memchr(base + bound, 0x0A, count - bound) : nil
            return (n, lf.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) })
        }
        lines += newlines
        if let lf {
            return RecordEnd(contentEnd: lf, next: lf + 1, unterminated: false, tooLarge: true, lines: lines)
        }
        // Discard what is buffered and read on until a line feed.
        position = count
        while true {
            if atEndOfInput {
                return RecordEnd(contentEnd: count, next: count, unterminated: false, tooLarge: true, lines: lines)
            }
            try refill()
            let found: Int? = buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                guard position < count, let hit = memchr(base + position, 0x0A, count - position) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let found {
                return RecordEnd(contentEnd: found, next: found + 1, unterminated: false, tooLarge: true, lines: lines)
            }
            position = count
        }
    }

    /// Continues the boundary scan from `scanOffset`; returns nil when the buffer runs out first.
    private mutating func scanForRecordEnd() -> RecordEnd? {
        // Fast path: at the start of a record, a line without any quote is the record. memchr is
        // vectorised in glibc, so most records are found without looking at each byte.
        if scanOffset == 0 && scanState == .fieldStart {
            let start = position, limit = count
            let found: (lf: Int, quoted: Bool)? = buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                guard let lf = memchr(base + start, 0x0A, limit - start) else { return nil }
                let lfIndex = base.distance(to: lf.assumingMemoryBound(to: UInt8.self))
                return (lfIndex, memchr(base + start, 0x22, lfIndex - start) != nil)
            }
            if let found, !found.quoted {
                scanNewlines = 0
                return RecordEnd(contentEnd: found.lf, next: found.lf + 1, unterminated: false)
            }
            if let found, lineHoldsWholeRecord(start, found.lf) {
                scanNewlines = 0
                return RecordEnd(contentEnd: found.lf, next: found.lf + 1, unterminated: false)
            }
        }
        let comma = delimiter, quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        var state = scanState
        var newlines = scanNewlines
        var i = position + scanOffset
        let limit = count
        let found: Int? = buffer.withUnsafeBufferPointer { bytes -> Int? in
            while i < limit {
                let b = bytes[i]
                switch state {
                case .quoted:
                    // Fast path: skip to the next quote, counting newlines.
                    if b == quote {
                        state = .quoteInQuoted
                    } else if b == newline {
                        newlines += 1
                    }
                case .fieldStart:
                    if b == quote {
                        state = .quoted
                    } else if b == newline {
                        return i
                    } else if b != comma {
                        state = .unquoted
                    }
                case .unquoted, .afterQuote:
                    if b == comma {
                        state = .fieldStart
                    } else if b == newline {
                        return i
                    }
                case .quoteInQuoted:
                    if b == quote {
                        state = .quoted
                    } else if b == comma {
                        state = .fieldStart
                    } else if b == newline {
                        return i
                    } else {
                        state = .afterQuote
                    }
                }
                i += 1
            }
            return nil
        }
        scanNewlines = newlines
        if let lf = found {
            return RecordEnd(contentEnd: lf, next: lf + 1, unterminated: false)
        }
        scanState = state
        scanOffset = i - position
        return nil
    }

    /// Splits `[start, end)` into fields, unescaping quoted fields in place (the result is never
    /// longer than the source, so writing behind the read position is safe). Runs between quotes
    /// and delimiters are found with memchr and moved only once an escaped quote has shifted them.
    private mutating func splitFields(_ start: Int, _ end: Int) {
        fieldStarts.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        var starts = fieldStarts, ends = fieldEnds
        fieldStarts = []
        fieldEnds = []
        let delimiter = self.delimiter
        var high: UInt8 = 0
        var nul = false
        var mayHoldInvalidUTF8 = false
        let validatesUTF8 = self.validatesUTF8
        buffer.withUnsafeMutableBufferPointer { bytes in
            let base = bytes.baseAddress!
            for index in start..<end { high |= bytes[index] }
            if high >= 0x80 {
                mayHoldInvalidUTF8 =
                    !validatesUTF8 || !UTF8Validation.isValid(buffer: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            nul = start < end && memchr(base + start, 0, end - start) != nil
            func find(_ byte: UInt8, from: Int) -> Int {
                guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return end }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var write = start, i = start
            func copy(_ from: Int, _ to: Int) {
                if write != from && to > from { memmove(base + write, base + from, to - from) }
                write += to - from
            }
            while true {
                let fieldStart = write
                if i < end && bytes[i] == 0x22 {
                    i += 1
                    while true {
                        let quote = find(0x22, from: i)
                        copy(i, quote)
                        i = quote + 1
                        if quote >= end { i = end; break }  // unterminated: the rest is the field
                        if i < end && bytes[i] == 0x22 {  // a doubled quote is one quote
                            bytes[write] = 0x22
                            write += 1
                            i += 1
                            continue
                        }
                        break
                    }
                }
                // Unquoted text, or text after a closing quote (kept, as most readers do).
                let next = find(delimiter, from: i)
                copy(i, next)
                i = next
                starts.append(fieldStart)
                ends.append(write)
                if i >= end { break }
                i += 1  // the delimiter
            }
        }
        fieldStarts = starts
        fieldEnds = ends
        containsNUL = nul
        containsNonASCII = high >= 0x80
        self.mayHoldInvalidUTF8 = mayHoldInvalidUTF8
    }

    /// True when the record starting at `start` ends at the line feed `lf`: the same state machine
    /// as the byte loop, jumping from quote to quote and from delimiter to delimiter with memchr.
    private func lineHoldsWholeRecord(_ start: Int, _ lf: Int) -> Bool {
        let delimiter = Int32(self.delimiter)
        return buffer.withUnsafeBufferPointer { bytes -> Bool in
            let base = bytes.baseAddress!
            func find(_ byte: Int32, from: Int) -> Int? {
                guard from < lf, let hit = memchr(base + from, byte, lf - from) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var state = ScanState.fieldStart
            var i = start
            while i < lf {
                switch state {
                case .fieldStart:
                    if bytes[i] == 0x22 {
                        state = .quoted
                        i += 1
                    } else if Int32(bytes[i]) == delimiter {
                        i += 1
                    } else {
                        state = .unquoted
                    }
                case .unquoted, .afterQuote:
                    guard let next = find(delimiter, from: i) else { return true }
                    i = next + 1
                    state = .fieldStart
                case .quoted:
                    guard let next = find(0x22, from: i) else { return false }  // the quote spans lines
                    i = next + 1
                    state = .quoteInQuoted
                case .quoteInQuoted:
                    if bytes[i] == 0x22 {
                        state = .quoted
                    } else if Int32(bytes[i]) == delimiter {
                        state = .fieldStart
                    } else {
                        state = .afterQuote
                    }
                    i += 1
                }
            }
            return state != .quoted
        }
    }

    /// Looks at the first line (up to 64 KiB) for the separator: tabs and no comma outside quotes
    /// mean a tab-separated file.
    private mutating func detectDelimiter() throws {
        var end = position
        while true {
            while end < count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
            if end < count || atEndOfInput || end - position > 1 << 16 { break }
            let offset = end - position
            try refill()
            end = position + offset
        }
        var inQuotes = false, commas = 0, tabs = 0
        for byte in buffer[position..<min(end, count)] {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && byte == UInt8(ascii: ",") { commas += 1 }
            if !inQuotes && byte == 0x09 { tabs += 1 }
        }
        delimiter = commas == 0 && tabs > 0 ? 0x09 : UInt8(ascii: ",")
    }

    private mutating func skipByteOrderMark() throws {
        while count - position < 3 && !atEndOfInput { try refill() }
        if count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB,
            buffer[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// Moves the unread bytes to the front and reads more; grows the buffer for long records.
    private mutating func refill() throws {
        guard case .file(let fd) = source else {
            atEndOfInput = true
            return
        }
        if position > 0 {
            let remaining = count - position
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { bytes in
                    let base = bytes.baseAddress!
                    memmove(base, base + position, remaining)
                }
            }
            count = remaining
            position = 0
        }
        if transcoder != nil {
            try refillTranscoding(fd)
            return
        }
        if buffer.count - count < chunkSize / 2 {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        let capacity = buffer.count - count
        let got = buffer.withUnsafeMutableBufferPointer { bytes -> Int in
            while true {
                let n = read(fd, bytes.baseAddress! + count, capacity)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        if got < 0 { throw InputReadError.readFailed(errno: errno) }
        if got == 0 {
            atEndOfInput = true
        } else {
            count += got
            bytesRead += got
        }
    }
}

extension CSVReader {
    /// Reads a raw chunk, converts it to UTF-8 and appends it after the unread bytes.
    fileprivate mutating func refillTranscoding(_ fd: Int32) throws {
        var raw = [UInt8](repeating: 0, count: chunkSize)
        let got = raw.withUnsafeMutableBufferPointer { bytes -> Int in
            while true {
                let n = read(fd, bytes.baseAddress!, bytes.count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        if got < 0 { throw InputReadError.readFailed(errno: errno) }
        var converted: [UInt8] = []
        converted.reserveCapacity(got * 2)
        if got == 0 {
            transcoder!.finish(into: &converted)
            atEndOfInput = true
        } else {
            bytesRead += got
            raw.withUnsafeBufferPointer {
                transcoder!.convert(UnsafeBufferPointer(rebasing: $0[0..<got]), into: &converted)
            }
        }
        while buffer.count - count < converted.count {
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, converted.count)))
        }
        buffer.replaceSubrange(count..<count + converted.count, with: converted)
        count += converted.count
    }
}
