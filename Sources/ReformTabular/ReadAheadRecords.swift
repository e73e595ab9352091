import FoundationEssentials
import ReformSupport

/// Runs another `RecordSource` (a sheet's table: XML scanning, header matching, skipped rows) on
/// its own thread, handing records over in batches, so that finding the records of a workbook
/// overlaps with validating them. At most `depth` batches wait, which bounds memory.
package final class ReadAheadRecords: RecordSource {
    /// Records back to back: their bytes, the end of each field, the field count and row number of
    /// each, and the source's input bytes consumed when the batch was full.
    private struct Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var fieldCounts: [Int] = []
        var numbers: [Int] = []
        var bytesRead = 0
    }

    private let queue: HandOffQueue<Batch>
    private var current = Batch()
    private var record = 0
    private var field = 0
    private var byte = 0
    package private(set) var bytesRead = 0

    /// Starts reading `source` ahead; `source` is used only by the reading thread from now on.
    package init(_ source: RecordSource, recordsPerBatch: Int = 1024, depth: Int = 8) {
        let queue = HandOffQueue<Batch>(depth: depth)
        self.queue = queue
        let handover = UncheckedBox(source)
        PosixCondition.startThread {
            let source = handover.value
            var bytes: [UInt8] = []
            var ends: [Int] = []
            var batch = Batch()
            do {
                while let number = try source.nextRecord(bytes: &bytes, ends: &ends) {
                    let base = batch.bytes.count
                    batch.bytes.append(contentsOf: bytes)
                    for end in ends { batch.ends.append(base + end) }
                    batch.fieldCounts.append(ends.count)
                    batch.numbers.append(number)
                    if batch.numbers.count == recordsPerBatch || batch.bytes.count >= 1 << 20 {
                        batch.bytesRead = source.bytesRead
                        guard queue.put(batch) else { return queue.finish() }
                        batch = Batch()
                    }
                }
                if !batch.numbers.isEmpty {
                    batch.bytesRead = source.bytesRead
                    _ = queue.put(batch)
                }
                queue.finish()
            } catch {
                queue.finish(error)
            }
        }
    }

    deinit { queue.cancel(wait: false) }

    package func nextRecord(bytes: inout [UInt8], ends: inout [Int]) throws -> Int? {
        if record == current.numbers.count {
            guard let next = try queue.take() else { return nil }
            current = next
            bytesRead = next.bytesRead
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
