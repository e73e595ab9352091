import FoundationEssentials

/// Hands items from one producing thread to one consuming thread, at most `depth` waiting (which
/// bounds memory): the producer waits while the queue is full, the consumer while it is empty.
/// The producer ends with `finish` (an error is rethrown to the consumer after the items before
/// it); the consumer may `cancel`, after which `put` returns false and the producer stops.
package final class HandOffQueue<Element>: @unchecked Sendable {
    private let condition = PosixCondition()
    private var items: [Element] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let depth: Int

    /// A queue holding at most `depth` items.
    package init(depth: Int) {
        self.depth = max(depth, 1)
    }

    /// Producer: queues `item`, waiting while the queue is full; false when the consumer has cancelled.
    package func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Producer: no more items; `error`, if given, reaches the consumer after the items queued.
    package func finish(_ error: Error? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next item in order, waiting for one; nil after the last. Rethrows the
    /// producer's error once the items before it are taken.
    package func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if !items.isEmpty {
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: stops the producer (its next `put` returns false); with `wait`, until it has finished.
    package func cancel(wait: Bool) {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while wait && !finished { condition.wait() }
        condition.unlock()
    }
}
