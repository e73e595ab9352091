import Foundation

/// Reads another `ByteSource` ahead on its own thread, a few chunks at most, so that inflating a
/// sheet overlaps with scanning its XML (each takes a core's worth of work on large sheets).
package final class ReadAheadSource: ByteSource {
    /// What the reading thread and the consumer share.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var chunks: [[UInt8]] = []
        var finished = false
        var failure: Error?
        var cancelled = false
    }

    private let queue = Queue()
    private var current: [UInt8] = []
    private var offset = 0

    /// Starts reading `source` ahead in chunks of `chunkSize`, at most `depth` waiting.
    package init(_ source: ByteSource, chunkSize: Int = 1 << 20, depth: Int = 4) {
        let queue = self.queue
        let box = SourceBox(source)
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            do {
                while true {
                    let n = try buffer.withUnsafeMutableBufferPointer { try box.source.read(into: $0) }
                    queue.condition.lock()
                    while queue.chunks.count >= depth && !queue.cancelled { queue.condition.wait() }
                    if queue.cancelled || n == 0 {
                        queue.finished = true
                        queue.condition.broadcast()
                        queue.condition.unlock()
                        return
                    }
                    queue.chunks.append(Array(buffer[0..<n]))
                    queue.condition.broadcast()
                    queue.condition.unlock()
                }
            } catch {
                queue.condition.lock()
                queue.failure = error
                queue.finished = true
                queue.condition.broadcast()
                queue.condition.unlock()
            }
        }
        thread.name = "read-ahead"
        thread.start()
    }

    deinit {
        queue.condition.lock()
        queue.cancelled = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if offset == current.count {
            queue.condition.lock()
            defer { queue.condition.unlock() }
            while queue.chunks.isEmpty && !queue.finished { queue.condition.wait() }
            if queue.chunks.isEmpty {
                if let failure = queue.failure { throw failure }
                return 0
            }
            current = queue.chunks.removeFirst()
            offset = 0
            queue.condition.broadcast()
        }
        let n = min(buffer.count, current.count - offset)
        current.withUnsafeBufferPointer { all in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<n]).initialize(from: all[offset..<(offset + n)])
        }
        offset += n
        return n
    }
}

/// Hands a source to the reading thread (only that thread uses it from then on).
private final class SourceBox: @unchecked Sendable {
    let source: ByteSource
    init(_ source: ByteSource) { self.source = source }
}
