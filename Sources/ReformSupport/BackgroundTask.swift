import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Work run on another thread (the machines this runs on have two cores, and ingest and compute
/// otherwise use one): start it, go on, then `wait` for its result or error.
package final class BackgroundTask<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<Value, Error>?
    private var cancelled = false

    /// Starts `work` at once; it may poll the `isCancelled` it is given.
    package init(name: String, _ work: @escaping (_ isCancelled: () -> Bool) throws -> Value) {
        let box = UncheckedBox(work)
        let thread = Thread { [self] in
            let outcome = Result { try box.value { self.isCancelled } }
            lock.lock()
            result = outcome
            lock.unlock()
            finished.signal()
        }
        thread.name = name
        thread.start()
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
        finished.wait()
        finished.signal()  // a second wait returns at once
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }
}

/// The SHA-256 of a file computed beside the ingest that reads it: hashing a large export costs as
/// much as a quarter of ingest.
package func backgroundDigest(of path: String) -> BackgroundTask<String> {
    BackgroundTask(name: "sha256") { isCancelled in try SHA256.hexDigest(ofFile: path, stop: isCancelled) }
}
