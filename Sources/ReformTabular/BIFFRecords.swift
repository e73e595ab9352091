/// The record layer of a BIFF stream (MS-XLS 2.1.4): records of a 2-byte type and a 2-byte length,
/// walked with every length checked against the stream, and strings that may continue into the
/// CONTINUE records after them (each piece of characters restarting with its own compression flag).
enum BIFFRecordType {
    static let bof: UInt16 = 0x0809
    static let eof: UInt16 = 0x000A
    static let filePass: UInt16 = 0x002F
    static let codePage: UInt16 = 0x0042
    static let dateMode: UInt16 = 0x0022
    static let format: UInt16 = 0x041E
    static let xf: UInt16 = 0x00E0
    static let sst: UInt16 = 0x00FC
    static let `continue`: UInt16 = 0x003C
    static let boundSheet: UInt16 = 0x0085
    static let labelSST: UInt16 = 0x00FD
    static let label: UInt16 = 0x0204
    static let richString: UInt16 = 0x00D6
    static let number: UInt16 = 0x0203
    static let rk: UInt16 = 0x027E
    static let mulRK: UInt16 = 0x00BD
    static let boolErr: UInt16 = 0x0205
    static let formula: UInt16 = 0x0006
    static let string: UInt16 = 0x0207
    static let sharedFormula: UInt16 = 0x04BC
    static let array: UInt16 = 0x0221
    static let table: UInt16 = 0x0236
    static let mergedCells: UInt16 = 0x00E5
}

/// One record: its type and where its data lies in the stream.
struct BIFFRecord {
    var type: UInt16
    /// The record's first byte (its header) in the stream.
    var start: Int
    /// Its data.
    var data: Range<Int>
}

/// Walks the records of a stream from an offset.
struct BIFFCursor {
    let stream: [UInt8]
    var offset: Int

    /// The next record; nil at the end of the stream. A record whose length runs past the end is
    /// refused (a truncated or damaged file).
    mutating func next() throws -> BIFFRecord? {
        guard offset + 4 <= stream.count else { return nil }
        let type = BIFFBytes.u16(stream, offset), length = Int(BIFFBytes.u16(stream, offset + 2))
        guard offset + 4 + length <= stream.count else {
            throw WorkbookError.corruptLegacy("a record at byte \(offset) runs past the end of the workbook stream")
        }
        let record = BIFFRecord(type: type, start: offset, data: (offset + 4)..<(offset + 4 + length))
        offset += 4 + length
        return record
    }

    /// The data ranges of the CONTINUE records right after the current position (consumed).
    mutating func continuations() throws -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        while offset + 4 <= stream.count, BIFFBytes.u16(stream, offset) == BIFFRecordType.continue,
            let record = try next()
        {
            ranges.append(record.data)
        }
        return ranges
    }
}

/// Little-endian reads that never leave the array (out of range reads as zero: callers check
/// lengths where a short record matters).
enum BIFFBytes {
    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(u16(bytes, offset)) | UInt32(u16(bytes, offset + 2)) << 16
    }

    static func double(_ bytes: [UInt8], _ offset: Int) -> Double {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        return Double(bitPattern: UInt64(u32(bytes, offset)) | UInt64(u32(bytes, offset + 4)) << 32)
    }

    /// An RK number (MS-XLS 2.5.217): a 30-bit integer or the top 30 bits of a double, maybe ×100.
    static func rk(_ value: UInt32) -> Double {
        var number: Double
        if value & 2 != 0 {
            number = Double(Int32(bitPattern: value) >> 2)
        } else {
            number = Double(bitPattern: UInt64(value & 0xFFFF_FFFC) << 32)
        }
        if value & 1 != 0 { number /= 100 }
        return number
    }

    /// Appends UTF-16 code units as UTF-8 (a lone surrogate becomes U+FFFD).
    static func appendUTF8(_ units: [UInt16], to output: inout [UInt8]) {
        var index = 0
        while index < units.count {
            let unit = UInt32(units[index])
            index += 1
            if (0xD800...0xDBFF).contains(unit), index < units.count, (0xDC00...0xDFFF).contains(units[index]) {
                Transcoder.appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00), to: &output)
                index += 1
            } else {
                Transcoder.appendUTF8((0xD800...0xDFFF).contains(unit) ? 0xFFFD : unit, to: &output)
            }
        }
    }
}

/// Reads bytes from a record and the CONTINUE records after it as one sequence, for the strings
/// that span them (MS-XLS 2.5.293: where characters continue into a CONTINUE record, it starts with
/// a byte whose low bit says whether they are 16-bit).
struct ContinuedBytes {
    let stream: [UInt8]
    let pieces: [Range<Int>]
    private var piece = 0
    private var offset: Int
    /// Bytes not yet read in all pieces (kept as it goes: strings are read by the thousand).
    private(set) var remaining: Int

    init(stream: [UInt8], pieces: [Range<Int>]) {
        self.stream = stream
        self.pieces = pieces
        offset = pieces.first?.lowerBound ?? 0
        remaining = pieces.reduce(0) { $0 + $1.count }
    }

    /// True when every byte has been read.
    var atEnd: Bool { remaining == 0 }

    /// Moves past the pieces that are used up; refuses to read beyond the last.
    private mutating func settle() throws {
        while piece < pieces.count && offset >= pieces[piece].upperBound {
            piece += 1
            if piece < pieces.count { offset = pieces[piece].lowerBound }
        }
        guard piece < pieces.count else { throw WorkbookError.corruptLegacy("a string runs past its records") }
    }

    mutating func byte() throws -> UInt8 {
        try settle()
        defer {
            offset += 1
            remaining -= 1
        }
        return stream[offset]
    }

    mutating func u16() throws -> UInt16 { UInt16(try byte()) | UInt16(try byte()) << 8 }

    mutating func u32() throws -> UInt32 { UInt32(try u16()) | UInt32(try u16()) << 16 }

    mutating func skip(_ count: Int) throws {
        guard count <= remaining else { throw WorkbookError.corruptLegacy("a string runs past its records") }
        var left = count
        while left > 0 {
            try settle()
            let step = min(left, pieces[piece].upperBound - offset)
            offset += step
            left -= step
        }
        remaining -= count
    }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count <= remaining else { throw WorkbookError.corruptLegacy("a string runs past its record") }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try byte()) }
        return out[...]
    }

    /// `count` characters, 16-bit when `highByte`, as UTF-8. Where the characters reach the end of a
    /// piece, the next piece starts with a flag byte saying whether the rest are 16-bit (as xlrd
    /// and Excel read it; a byte left over at the end of a piece is not a character).
    mutating func characters(_ count: Int, highByte: Bool, into output: inout [UInt8]) throws {
        guard count <= remaining else { throw WorkbookError.corruptLegacy("a string runs past its records") }
        var wide = highByte
        var left = count
        var units: [UInt16] = []
        units.reserveCapacity(count)
        while left > 0 {
            guard piece < pieces.count else { throw WorkbookError.corruptLegacy("a string runs past its records") }
            let size = wide ? 2 : 1
            let rest = max(pieces[piece].upperBound - offset, 0)
            if rest < size {
                // The piece is used up (a byte left over is dropped): the next starts with a flag.
                remaining -= rest
                piece += 1
                guard piece < pieces.count, !pieces[piece].isEmpty else {
                    throw WorkbookError.corruptLegacy("a string runs past its records")
                }
                offset = pieces[piece].lowerBound
                wide = stream[offset] & 1 != 0
                offset += 1
                remaining -= 1
                continue
            }
            let take = min(left, rest / size)
            for index in 0..<take {
                let at = offset + index * size
                units.append(wide ? UInt16(stream[at]) | UInt16(stream[at + 1]) << 8 : UInt16(stream[at]))
            }
            offset += take * size
            remaining -= take * size
            left -= take
        }
        BIFFBytes.appendUTF8(units, to: &output)
    }
}
