/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
public enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8.
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        while let lead = iterator.next() {
            if lead < 0x80 { continue }
            let continuation: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: continuation = 1; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: continuation = 2; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: continuation = 3; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return false
            }
            for _ in 0..<continuation {
                guard let next = iterator.next(), next & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
        }
        return true
    }
}
