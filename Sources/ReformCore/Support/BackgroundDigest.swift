import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The SHA-256 of a file computed on another thread while the caller reads it: hashing a large
/// export costs as much as a quarter of ingest, and the second core is otherwise idle.
final class BackgroundDigest: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<String, Error>?
    private var cancelled = false

    /// Starts hashing `path` at once.
    init(path: String) {
        let thread = Thread { [self] in
            let outcome = Result { try SHA256.hexDigest(ofFile: path) { self.isCancelled } }
            lock.lock()
            result = outcome
            lock.unlock()
            finished.signal()
        }
        thread.name = "sha256"
        thread.start()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Stops hashing (the caller no longer needs the digest); returns at once.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Waits for the digest.
    func wait() throws -> String {
        finished.wait()
        finished.signal()  // a second wait returns at once
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }
}

/// A cheap fingerprint of a file: SHA-256 over its size and its first and last MiB. Two files with
/// the same content have the same fingerprint, so a file whose fingerprint no batch has is new
/// without hashing it whole first.
enum FileFingerprint {
    static let span = 1 << 20

    static func of(path: String, size: Int) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CSVReaderError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        var hash = SHA256()
        hash.update(Array("\(size)\n".utf8))
        var chunk = [UInt8](repeating: 0, count: span)
        for offset in Set([0, max(0, size - span)]).sorted() {
            let n = chunk.withUnsafeMutableBufferPointer { pread(fd, $0.baseAddress!, span, off_t(offset)) }
            if n < 0 { throw CSVReaderError.readFailed(errno: errno) }
            chunk.withUnsafeBufferPointer { hash.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return hash.finalizeHex()
    }
}
