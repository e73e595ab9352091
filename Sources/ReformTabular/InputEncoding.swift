import ReformSupport

/// The character encodings ingest converts from. Exports are expected in UTF-8; files saved by
/// older Vietnamese Windows tools (Windows-1258) or by Excel as "Unicode text" (UTF-16) can be
/// read with `--encoding`, converted to UTF-8 as they stream (text values are then normalised to
/// NFC like any other).
public enum InputEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1258 = "cp1258"
    case utf16 = "utf-16"

    /// The encoding an option value names (`utf-8`, `cp1258`/`windows-1258`, `utf-16`/`utf-16le`/`utf-16be`).
    /// True when `bytes` start with a UTF-16 byte order mark (either byte order).
    public static func startsWithUTF16Mark<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }

    public init?(option: String) {
        switch option.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "cp1258", "windows-1258", "windows1258": self = .windows1258
        case "utf-16", "utf16", "utf-16le", "utf-16be", "unicode": self = .utf16
        default: return nil
        }
    }

    /// Windows-1258 bytes 0x80–0xFF as Unicode scalars (from the code page's published table;
    /// 0xFFFD marks the nine undefined bytes, which are passed on as invalid UTF-8 so the record
    /// is rejected rather than guessed).
    package static let windows1258High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ]
}

/// Converts a byte stream in some encoding to UTF-8, chunk by chunk (state carries over between
/// chunks: half a UTF-16 unit, a pending high surrogate).
package struct Transcoder {
    let encoding: InputEncoding
    private var carry: [UInt8] = []
    private var bigEndian = false
    private var sawStart = false
    private var highSurrogate: UInt32?

    package init(_ encoding: InputEncoding) {
        self.encoding = encoding
    }

    /// Appends the UTF-8 form of `input` to `output`.
    package mutating func convert(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        switch encoding {
        case .utf8:
            output.append(contentsOf: input)
        case .windows1258:
            for byte in input {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    let scalar = InputEncoding.windows1258High[Int(byte - 0x80)]
                    if scalar == 0xFFFD { output.append(0xFF) } else { Self.appendUTF8(scalar, to: &output) }
                }
            }
        case .utf16:
            var bytes = carry
            bytes.append(contentsOf: input)
            var index = 0
            if !sawStart, bytes.count >= 2 {
                sawStart = true
                if bytes[0] == 0xFE && bytes[1] == 0xFF {
                    bigEndian = true
                    index = 2
                } else if bytes[0] == 0xFF && bytes[1] == 0xFE {
                    index = 2
                }
            }
            while index + 1 < bytes.count {
                let unit =
                    bigEndian
                    ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
                    : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
                index += 2
                if let high = highSurrogate {
                    highSurrogate = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        Self.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                        continue
                    }
                    output.append(0xFF)  // a lone high surrogate: invalid, the record is rejected
                }
                if (0xD800...0xDBFF).contains(unit) {
                    highSurrogate = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    output.append(0xFF)
                } else {
                    Self.appendUTF8(unit, to: &output)
                }
            }
            carry = Array(bytes[index...])
        }
    }

    /// Flushes what is left at the end of the input (an odd byte or a lone surrogate is invalid).
    package mutating func finish(into output: inout [UInt8]) {
        if !carry.isEmpty || highSurrogate != nil { output.append(0xFF) }
        carry = []
        highSurrogate = nil
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
