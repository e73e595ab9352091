/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
public enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8.
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        if let valid = bytes.withContiguousStorageIfAvailable({ isValid(buffer: $0) }) { return valid }
        return Array(bytes).withUnsafeBufferPointer { isValid(buffer: $0) }
    }

    /// The same over contiguous bytes, skipping ASCII eight bytes at a time (most of an export is
    /// ASCII) and checking each multi-byte sequence by the ranges of RFC 3629's table, without
    /// decoding it: the second byte's range depends on the lead (E0 and F0 exclude overlong forms,
    /// ED surrogates, F4 what lies above U+10FFFF).
    package static func isValid(buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        var index = 0
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        while index < count {
            if index + 8 <= count,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
            } else if lead < 0xE0 {
                guard lead >= 0xC2, index + 1 < count, isContinuation(base[index + 1]) else { return false }
                index += 2
            } else if lead < 0xF0 {
                guard index + 2 < count, isContinuation(base[index + 2]) else { return false }
                let second = base[index + 1]
                switch lead {
                case 0xE0: guard (0xA0...0xBF).contains(second) else { return false }
                case 0xED: guard (0x80...0x9F).contains(second) else { return false }
                default: guard isContinuation(second) else { return false }
                }
                index += 3
            } else {
                guard lead <= 0xF4, index + 3 < count, isContinuation(base[index + 2]), isContinuation(base[index + 3])
                else { return false }
                let second = base[index + 1]
                switch lead {
                case 0xF0: guard (0x90...0xBF).contains(second) else { return false }
                case 0xF4: guard (0x80...0x8F).contains(second) else { return false }
                default: guard isContinuation(second) else { return false }
                }
                index += 4
            }
        }
        return true
    }
}
