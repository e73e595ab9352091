#if canImport(Glibc)
    import Glibc
#endif

/// Raw bytes as a dictionary key, hashed and compared as one block. `ArraySlice<UInt8>`'s own
/// `Hashable` feeds the hasher a byte at a time, which made the spelling caches of ingest cost a
/// tenth of all its instructions.
struct ByteKey: Hashable {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(Self.mix($0)) }
    }

    /// A cheap multiply-rotate mix of eight bytes at a time, reduced to one word for the hasher
    /// (which still seeds and finalises it, so lookups keep Swift's protection against crafted keys).
    static func mix(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var mixed: UInt64 = UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15
        do {
            var index = 0
            while index + 8 <= raw.count {
                mixed = ((mixed ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD)
                mixed = mixed << 29 | mixed >> 35
                index += 8
            }
            var tail: UInt64 = 0
            while index < raw.count {
                tail = tail << 8 | UInt64(raw[index])
                index += 1
            }
            mixed = (mixed ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        return mixed
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        guard a.bytes.count == b.bytes.count else { return false }
        return a.bytes.withUnsafeBytes { x in
            b.bytes.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }
}
