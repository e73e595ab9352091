#if canImport(Glibc)
    import Glibc
#endif

/// A mutex with a condition variable, over POSIX threads. The pipeline uses these rather than
/// Foundation's `NSLock`/`NSCondition`/`Thread` so that it needs only FoundationEssentials: the
/// full Foundation brings ICU's data into every statically linked executable of the release
/// bundle (tens of megabytes each) for features the pipeline does not use.
package final class PosixCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    package init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Takes the mutex.
    package func lock() { pthread_mutex_lock(mutex) }

    /// Releases the mutex.
    package func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` holding the mutex.
    package func withLock<Value>(_ body: () throws -> Value) rethrows -> Value {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Releases the mutex, waits for a `broadcast`, takes the mutex again (the caller holds it and
    /// re-checks its condition in a loop: wake-ups may be spurious).
    package func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes every waiter.
    package func broadcast() { pthread_cond_broadcast(condition) }

    /// Runs `body` on a new detached thread.
    package static func startThread(_ body: @escaping () -> Void) {
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { raw in
                let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
                body.run()
                return nil
            }, box)
        precondition(started == 0, "cannot start a thread (error \(started))")
        pthread_detach(thread)
    }
}

private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
