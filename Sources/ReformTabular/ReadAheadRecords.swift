import Foundation

/// Runs another `RecordSource` (a sheet's table: XML scanning, header matching, skipped rows) on
/// its own thread, handing records over in batches, so that finding the records of a workbook
/// overlaps with validating them. At most `depth` batches wait, which bounds memory.
package final class ReadAheadRecords: RecordSource {
    /// Records back to back: their bytes, the end of each field, the field count and row number of each.
    private struct Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var fieldCounts: [Int] = []
        var numbers: [Int] = []
    }

    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var batches: [Batch] = []
        var finished = false
        var failure: Error?
        var cancelled = false
        var bytesRead = 0
    }

    private let queue = Queue()
    private var current = Batch()
    private var record = 0
    private var field = 0
    private var byte = 0

    /// Starts reading `source` ahead; `source` is used only by the reading thread from now on.
    package init(_ source: RecordSource, recordsPerBatch: Int = 1024, depth: Int = 8) {
        let queue = self.queue
        let box = RecordSourceBox(source)
        let thread = Thread {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            var batch = Batch()
            func hand(_ batch: Batch, last: Bool) -> Bool {
                queue.condition.lock()
                defer { queue.condition.unlock() }
                while queue.batches.count >= depth && !queue.cancelled { queue.condition.wait() }
                if queue.cancelled { return false }
                if !batch.numbers.isEmpty { queue.batches.append(batch) }
                queue.bytesRead = box.source.bytesRead
                if last { queue.finished = true }
                queue.condition.broadcast()
                return true
            }
            do {
                while let number = try box.source.nextRecord(bytes: &bytes, ends: &ends) {
                    let base = batch.bytes.count
                    batch.bytes.append(contentsOf: bytes)
                    for end in ends { batch.ends.append(base + end) }
                    batch.fieldCounts.append(ends.count)
                    batch.numbers.append(number)
                    if batch.numbers.count == recordsPerBatch || batch.bytes.count >= 1 << 20 {
                        guard hand(batch, last: false) else { return }
                        batch = Batch()
                    }
                }
                _ = hand(batch, last: true)
            } catch {
                queue.condition.lock()
                queue.failure = error
                queue.finished = true
                queue.condition.broadcast()
                queue.condition.unlock()
            }
        }
        thread.name = "records"
        thread.start()
    }

    deinit {
        queue.condition.lock()
        queue.cancelled = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    package var bytesRead: Int {
        queue.condition.lock()
        defer { queue.condition.unlock() }
        return queue.bytesRead
    }

    /// Waits until the reading thread has handed over its last record (or failed).
    package func waitUntilFinished() {
        queue.condition.lock()
        while !queue.finished && !queue.cancelled { queue.condition.wait() }
        queue.condition.unlock()
    }

    package func nextRecord(bytes: inout [UInt8], ends: inout [Int]) throws -> Int? {
        if record == current.numbers.count {
            queue.condition.lock()
            defer { queue.condition.unlock() }
            while queue.batches.isEmpty && !queue.finished { queue.condition.wait() }
            if queue.batches.isEmpty {
                if let failure = queue.failure { throw failure }
                return nil
            }
            current = queue.batches.removeFirst()
            queue.condition.broadcast()
            record = 0
            field = 0
            byte = 0
        }
        let count = current.fieldCounts[record]
        let start = byte
        let stop = count == 0 ? start : current.ends[field + count - 1]
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: current.bytes[start..<stop])
        ends.removeAll(keepingCapacity: true)
        for index in field..<(field + count) { ends.append(current.ends[index] - start) }
        field += count
        byte = stop
        let number = current.numbers[record]
        record += 1
        return number
    }
}

/// Hands a record source to the reading thread (only that thread uses it from then on).
private final class RecordSourceBox: @unchecked Sendable {
    let source: RecordSource
    init(_ source: RecordSource) { self.source = source }
}
