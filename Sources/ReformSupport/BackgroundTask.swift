import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Work run on another thread (the machines this runs on have two cores, and ingest and compute
/// otherwise use one): start it, go on, then `wait` for its result or error.
package final class BackgroundTask<Value>: @unchecked Sendable {
    private let lock = PosixCondition()
    private var result: Result<Value, Error>?
    private var cancelled = false

    /// Starts `work` at once; it may poll the `isCancelled` it is given.
    package init(_ work: @escaping (_ isCancelled: () -> Bool) throws -> Value) {
        let box = UncheckedBox(work)
        PosixCondition.startThread { [self] in
            let outcome = Result { try box.value { self.isCancelled } }
            lock.withLock {
                result = outcome
                lock.broadcast()
            }
        }
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Asks the work to stop (the caller no longer needs it); returns at once.
    package func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Waits for the result; rethrows the work's error.
    package func wait() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        while result == nil { lock.wait() }
        return try result!.get()
    }
}

/// The SHA-256 of a file computed beside the ingest that reads it: hashing a large export costs as
/// much as a quarter of ingest.
package func backgroundDigest(of path: String) -> BackgroundTask<String> {
    BackgroundTask { isCancelled in try SHA256.hexDigest(ofFile: path, stop: isCancelled) }
}
