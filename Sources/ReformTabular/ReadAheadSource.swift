import FoundationEssentials
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Reads another `ByteSource` ahead on its own thread, a few chunks at most, so that inflating a
/// sheet overlaps with scanning its XML (each takes a core's worth of work on large sheets).
package final class ReadAheadSource: ByteSource {
    private let queue: HandOffQueue<[UInt8]>
    private var current: [UInt8] = []
    private var offset = 0

    /// Starts reading `source` ahead in chunks of `chunkSize`, at most `depth` waiting.
    package init(_ source: ByteSource, chunkSize: Int = 1 << 20, depth: Int = 4) {
        let queue = HandOffQueue<[UInt8]>(depth: depth)
        self.queue = queue
        let handover = UncheckedBox(source)
        PosixCondition.startThread {
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            do {
                while true {
                    let n = try buffer.withUnsafeMutableBufferPointer { try handover.value.read(into: $0) }
                    if n == 0 { break }
                    guard queue.put(Array(buffer[0..<n])) else { break }
                }
                queue.finish()
            } catch {
                queue.finish(error)
            }
        }
    }

    deinit { queue.cancel(wait: false) }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if offset == current.count {
            guard let next = try queue.take() else { return 0 }
            current = next
            offset = 0
        }
        let n = min(buffer.count, current.count - offset)
        current.withUnsafeBufferPointer { all in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<n]).initialize(from: all[offset..<(offset + n)])
        }
        offset += n
        return n
    }
}
