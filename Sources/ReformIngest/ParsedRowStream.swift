import FoundationEssentials
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

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

    /// A chunk of items and how far into the input the reader was after it.
    private struct Chunk {
        var items: [Item]
        var bytesRead: Int
    }

    private let queue: HandOffQueue<Chunk>
    /// How far into the input the reader was after the chunk `next` returned last (bytes of the
    /// text it reads: the file's for CSV, the sheet's text for a workbook).
    private(set) var bytesRead = 0

    /// Takes `reader` (positioned after the header) and `parser`; from now on only the stream's
    /// thread uses them, and it closes the reader when done. The default `depth` lets the parser
    /// run a whole store write buffer ahead (the store takes `DossierStore.defaultRowsPerWrite`
    /// rows before it writes any), plus four chunks.
    init(
        reader: CSVReader, parser: DossierRowParser, chunkSize: Int = 2048,
        depth: Int = DossierStore.defaultRowsPerWrite / 2048 + 4
    ) {
        let queue = HandOffQueue<Chunk>(depth: depth)
        self.queue = queue
        let handover = UncheckedBox((reader, parser))
        PosixCondition.startThread {
            var (reader, parser) = handover.value
            defer { reader.close() }
            do {
                var chunk: [Item] = []
                chunk.reserveCapacity(chunkSize)
                while try reader.nextRecord() {
                    chunk.append(Item(line: reader.line, row: parser.parse(reader)))
                    if chunk.count == chunkSize {
                        guard queue.put(Chunk(items: chunk, bytesRead: reader.bytesRead)) else { return queue.finish() }
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { _ = queue.put(Chunk(items: chunk, bytesRead: reader.bytesRead)) }
                queue.finish()
            } catch {
                queue.finish(error)
            }
        }
    }

    /// The next chunk in file order; nil after the last. Rethrows a read error of the file.
    func next() throws -> [Item]? {
        guard let chunk = try queue.take() else { return nil }
        bytesRead = chunk.bytesRead
        return chunk.items
    }

    /// Stops the reading thread (the consumer failed or no longer needs the rows) and waits for it.
    func cancel() {
        queue.cancel(wait: true)
    }
}
