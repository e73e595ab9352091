import Foundation
import ReformCalendar
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Reads and validates the records of an export on another thread, handing them over in chunks, so
/// that parsing one chunk overlaps with storing the one before (the store must stay on the thread
/// that owns the database connection). At most `depth` chunks wait, which bounds memory.
final class ParsedRowStream: @unchecked Sendable {
    /// A record as the parser judged it, with the physical line it starts on (a struct, not a
    /// tuple: tuples of enums are copied through generic value witnesses).
    struct Item {
        var line: Int
        var row: ParsedRow
    }

    private let condition = NSCondition()
    private var chunks: [[Item]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let depth: Int

    /// Takes `reader` (positioned after the header) and `parser`; from now on only the stream's
    /// thread uses them, and it closes the reader when done. The default `depth` lets the parser
    /// run a whole store write buffer ahead (the store takes `DossierStore.defaultRowsPerWrite`
    /// rows before it writes any), plus four chunks.
    init(
        reader: CSVReader, parser: DossierRowParser, chunkSize: Int = 2048,
        depth: Int = DossierStore.defaultRowsPerWrite / 2048 + 4
    ) {
        self.depth = depth
        let handover = UncheckedBox((reader, parser))
        let thread = Thread { [self] in
            var (reader, parser) = handover.value
            defer { reader.close() }
            do {
                var chunk: [Item] = []
                chunk.reserveCapacity(chunkSize)
                while try reader.nextRecord() {
                    chunk.append(Item(line: reader.line, row: parser.parse(reader)))
                    if chunk.count == chunkSize {
                        guard put(chunk) else { return }
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { _ = put(chunk) }
                end(nil)
            } catch {
                end(error)
            }
        }
        thread.name = "parse"
        thread.start()
    }

    /// Queues a chunk, waiting while `depth` are queued; false when the consumer has gone.
    private func put(_ chunk: [Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    private func end(_ error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk in file order; nil after the last. Rethrows a read error of the file.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread (the consumer failed or no longer needs the rows) and waits for it.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
