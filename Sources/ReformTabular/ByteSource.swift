import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A stream of bytes read in pieces: a ZIP entry as it inflates, a file as it is read.
package protocol ByteSource: AnyObject {
    /// Fills the start of `buffer`; returns how many bytes were written, 0 at the end only.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int
}

/// Bytes held in memory, as a `ByteSource` (tests, fuzzing).
package final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }
}

/// Records that are not CSV lines (the data rows of a workbook's table), for `CSVReader`.
package protocol RecordSource: AnyObject {
    /// Writes the next record's fields back to back into `bytes` and the end of each into `ends`;
    /// returns its row number, or nil after the last.
    func nextRecord(bytes: inout [UInt8], ends: inout [Int]) throws -> Int?
    /// Input bytes consumed so far.
    var bytesRead: Int { get }
}

/// A file read from the start in pieces.
package final class FileByteSource: ByteSource {
    private let fd: Int32

    /// Opens `path` for reading.
    package init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
    }

    deinit { _ = close(fd) }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw InputReadError.readFailed(errno: errno) }
        }
    }
}
