#if canImport(Glibc)
    import Glibc
#endif

extension String {
    /// Calls `body` with the string's UTF-8 bytes. Native strings (all that ingest makes) lend their
    /// storage directly, at a fifth of the cost of the mutating `withUTF8`; others are copied first.
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}

extension String {
    /// The order of the UTF-8 bytes (memcmp, the shorter first on a common prefix), which is how
    /// SQLite's BINARY collation orders TEXT keys: negative, zero or positive.
    package func compareUTF8(_ other: String) -> Int {
        withUTF8Bytes { x in
            other.withUTF8Bytes { y in
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, common))
                return order != 0 ? order : x.count - y.count
            }
        }
    }
}
