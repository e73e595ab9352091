#if canImport(Glibc)
    import Glibc
#endif

/// A hash table keyed by byte strings, looked up without copying the bytes (ingest looks up slices
/// of the reader's buffer) and without `Hasher`: a multiply-rotate mix of eight bytes at a time with
/// a per-table random salt, open addressing with linear probing. Ingest looks up several values per
/// row in tables of a few hundred entries; `Dictionary` with SipHash and an `ArraySlice` key cost
/// about a tenth of the parsing thread and of the writing thread.
///
/// Inlinable: it is generic and called per field from other modules, which must specialise it
/// (an unspecialised generic call costs a metadata lookup each time).
@frozen public struct ByteTable<Value> {
    /// An empty table.
    @inlinable public init() {}

    @usableFromInline var keys: [[UInt8]] = []
    @usableFromInline var hashes: [UInt64] = []
    @usableFromInline var values: [Value] = []
    /// An index into the arrays plus one, 0 when empty; the count is a power of two.
    @usableFromInline var slots = [Int32](repeating: 0, count: 64)
    @usableFromInline let salt = UInt64.random(in: 1...UInt64.max)

    /// The number of keys.
    @inlinable public var count: Int { keys.count }

    /// The entry of `key`, if present.
    @inlinable public func index(of key: UnsafeRawBufferPointer) -> Int? {
        let hash = hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if hashes[index] == hash && Self.equal(keys[index], key) { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value of `key`, if present.
    @inlinable public func value(for key: ArraySlice<UInt8>) -> Value? {
        key.withUnsafeBytes { raw in index(of: raw).map { values[$0] } }
    }

    /// Adds `key` (copied), which must not be present; returns its entry.
    @discardableResult @inlinable
    public mutating func append(_ key: UnsafeRawBufferPointer, _ value: Value) -> Int {
        keys.append(Array(key))
        hashes.append(hash(key))
        values.append(value)
        if keys.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in keys.indices { place(index) }
        } else {
            place(keys.count - 1)
        }
        return keys.count - 1
    }

    /// Adds `key` (copied), which must not be present.
    @inlinable public mutating func append(_ key: ArraySlice<UInt8>, _ value: Value) {
        key.withUnsafeBytes { _ = append($0, value) }
    }

    /// The value of entry `index`.
    @inlinable public subscript(index: Int) -> Value {
        get { values[index] }
        set { values[index] = newValue }
    }

    @usableFromInline mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[index] >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    @usableFromInline func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        (Self.mix(key) ^ salt) &* 0x9E37_79B9_7F4A_7C15
    }

    @usableFromInline static func equal(_ stored: [UInt8], _ key: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == key.count else { return false }
        return stored.withUnsafeBytes { $0.count == 0 || memcmp($0.baseAddress!, key.baseAddress!, $0.count) == 0 }
    }

    /// Eight bytes at a time: multiply, rotate; the tail as one word.
    @inlinable public static func mix(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var mixed: UInt64 = UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15
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
        return (mixed ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    }
}
