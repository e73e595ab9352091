#if canImport(Glibc)
    import Glibc
#endif

/// A cheap fingerprint of a file: SHA-256 over its size and its first and last MiB. Two files with
/// the same content have the same fingerprint, so a file whose fingerprint no batch has is new
/// without hashing it whole first.
package enum FileFingerprint {
    package static let span = 1 << 20

    package static func of(path: String, size: Int) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        var hash = SHA256()
        hash.update(Array("\(size)\n".utf8))
        var chunk = [UInt8](repeating: 0, count: span)
        for offset in Set([0, max(0, size - span)]).sorted() {
            let n = chunk.withUnsafeMutableBufferPointer { pread(fd, $0.baseAddress!, span, off_t(offset)) }
            if n < 0 { throw InputReadError.readFailed(errno: errno) }
            chunk.withUnsafeBufferPointer { hash.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return hash.finalizeHex()
    }
}
