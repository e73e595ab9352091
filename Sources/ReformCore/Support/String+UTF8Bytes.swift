extension String {
    /// Calls `body` with the string's UTF-8 bytes. Native strings (all that ingest makes) lend their
    /// storage directly, at a fifth of the cost of the mutating `withUTF8`; others are copied first.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
