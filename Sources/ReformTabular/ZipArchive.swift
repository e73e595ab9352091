import CZlib
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A ZIP archive read in place (an .xlsx package): its central directory, and each entry as a
/// stream that inflates as it is read. Nothing is extracted to disk and no entry is held whole.
package final class ZipArchive {
    /// One file of the archive, as the central directory describes it.
    package struct Entry {
        package let name: String
        let method: Int
        let flags: Int
        let crc32: UInt32
        package let compressedSize: Int
        package let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// The entries in directory order.
    package let entries: [Entry]
    private let fd: Int32
    private let fileSize: Int

    /// The largest entry inflated (a 1M-row sheet is well under 1 GiB of XML).
    package static let maxEntryBytes = 4 << 30
    /// Above this size an entry may inflate to at most `maxRatio` times its compressed size: real
    /// sheets compress 5–50 times; a ZIP bomb a thousand times.
    static let ratioCheckedAbove = 16 << 20
    static let maxRatio = 500

    /// Opens the archive at `path` and reads its central directory.
    package init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = errno
            _ = Glibc.close(fd)
            throw InputReadError.readFailed(errno: error)
        }
        self.fd = fd
        self.fileSize = Int(info.st_size)
        do {
            entries = try Self.readDirectory(fd: fd, fileSize: fileSize)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    deinit { _ = Glibc.close(fd) }

    /// The entry named `name` (names compare exactly, as the package's relationships give them).
    package func entry(_ name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// A stream of the inflated bytes of `entry`, checked against its size and CRC-32 at the end.
    package func stream(_ entry: Entry) throws -> ByteSource {
        if entry.flags & 1 != 0 { throw WorkbookError.encryptedEntry(entry.name) }
        guard entry.method == 0 || entry.method == 8 else {
            throw WorkbookError.unsupportedCompression(name: entry.name, method: entry.method)
        }
        if entry.uncompressedSize > Self.maxEntryBytes
            || (entry.uncompressedSize > Self.ratioCheckedAbove
                && entry.uncompressedSize / max(entry.compressedSize, 1) > Self.maxRatio)
        {
            throw WorkbookError.tooLarge(name: entry.name, limit: Self.maxEntryBytes)
        }
        let header = try Self.read(fd: fd, at: entry.localHeaderOffset, count: 30, fileSize: fileSize)
        guard Self.u32(header, 0) == 0x0403_4b50 else {
            throw WorkbookError.corruptArchive("no local header for \(entry.name)")
        }
        let dataStart = entry.localHeaderOffset + 30 + Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
        guard dataStart + entry.compressedSize <= fileSize else { throw WorkbookError.truncatedArchive }
        return EntryStream(fd: fd, entry: entry, dataStart: dataStart)
    }

    /// Every byte of `entry` (small parts only: relationships, the workbook, styles).
    package func contents(_ entry: Entry, limit: Int = 64 << 20) throws -> [UInt8] {
        guard entry.uncompressedSize <= limit else { throw WorkbookError.tooLarge(name: entry.name, limit: limit) }
        let source = try stream(entry)
        var bytes = [UInt8](repeating: 0, count: entry.uncompressedSize + 1)
        var count = 0
        while true {
            let n = try bytes.withUnsafeMutableBufferPointer {
                try source.read(into: UnsafeMutableBufferPointer(rebasing: $0[count...]))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    // MARK: - Directory

    private static func readDirectory(fd: Int32, fileSize: Int) throws -> [Entry] {
        // The end record is 22 bytes plus a comment of up to 65,535.
        let tailSize = min(fileSize, 22 + 65_535)
        let tail = try read(fd: fd, at: fileSize - tailSize, count: tailSize, fileSize: fileSize)
        guard tail.count >= 22,
            let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { u32(tail, $0) == 0x0605_4b50 })
        else { throw WorkbookError.truncatedArchive }
        let count = Int(u16(tail, end + 10))
        let size = Int(u32(tail, end + 12))
        let offset = Int(u32(tail, end + 16))
        if size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw WorkbookError.zip64 }
        // 0xFFFF entries send the count to a ZIP64 record; a workbook has a few dozen parts.
        if count == 0xFFFF { throw WorkbookError.tooManyEntries }
        guard offset + size <= fileSize - tailSize + end else { throw WorkbookError.truncatedArchive }
        guard size <= 64 << 20 else { throw WorkbookError.corruptArchive("a directory of \(size) bytes") }
        let directory = try read(fd: fd, at: offset, count: size, fileSize: fileSize)
        var entries: [Entry] = []
        var names = Set<String>()
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, u32(directory, at) == 0x0201_4b50 else {
                throw WorkbookError.corruptArchive("directory entry \(entries.count + 1) is cut or misplaced")
            }
            let nameLength = Int(u16(directory, at + 28))
            let extraLength = Int(u16(directory, at + 30))
            let commentLength = Int(u16(directory, at + 32))
            guard at + 46 + nameLength <= directory.count else {
                throw WorkbookError.corruptArchive("directory entry \(entries.count + 1) is cut")
            }
            let entry = Entry(
                name: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: Int(u16(directory, at + 10)), flags: Int(u16(directory, at + 8)),
                crc32: u32(directory, at + 16), compressedSize: Int(u32(directory, at + 20)),
                uncompressedSize: Int(u32(directory, at + 24)), localHeaderOffset: Int(u32(directory, at + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF
            {
                throw WorkbookError.zip64
            }
            guard entry.localHeaderOffset + 30 <= fileSize else { throw WorkbookError.truncatedArchive }
            // One reader takes the first of two same-named parts, another the last.
            guard names.insert(entry.name).inserted else { throw WorkbookError.duplicateEntry(entry.name) }
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    static func read(fd: Int32, at offset: Int, count: Int, fileSize: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= fileSize else { throw WorkbookError.truncatedArchive }
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try readFully(fd: fd, at: offset, into: $0) }
        return bytes
    }

    /// Fills `buffer` from `offset` of the file (a short read means the archive was cut).
    static func readFully(fd: Int32, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw InputReadError.readFailed(errno: errno)
            }
            if n == 0 { throw WorkbookError.truncatedArchive }
            done += n
        }
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

/// The inflated bytes of one entry, read from the archive's file in pieces.
final class EntryStream: ByteSource {
    private let fd: Int32
    private let entry: ZipArchive.Entry
    private var inputOffset: Int
    private var inputLeft: Int
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private let inflater: Inflater?
    private var produced = 0
    private var crc: UInt = 0
    private var finished = false

    init(fd: Int32, entry: ZipArchive.Entry, dataStart: Int) {
        self.fd = fd
        self.entry = entry
        self.inputOffset = dataStart
        self.inputLeft = entry.compressedSize
        self.input = [UInt8](repeating: 0, count: min(max(entry.compressedSize, 1), 1 << 18))
        self.inflater = entry.method == 8 ? Inflater() : nil
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        if finished || buffer.isEmpty { return 0 }
        while true {
            if inputStart == inputEnd && inputLeft > 0 { try fill() }
            var written = 0
            var ended = false
            if let inflater {
                let used: Int
                (used, written, ended) = try input.withUnsafeBufferPointer { all in
                    try inflater.inflate(
                        UnsafeBufferPointer(rebasing: all[inputStart..<inputEnd]), into: buffer, name: entry.name)
                }
                inputStart += used
                if !ended && written == 0 && inputStart == inputEnd && inputLeft == 0 {
                    throw WorkbookError.corruptEntry(name: entry.name, reason: "the compressed data ends early")
                }
            } else {
                written = min(buffer.count, inputEnd - inputStart)
                input.withUnsafeBufferPointer { all in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[0..<written]).initialize(
                        from: all[inputStart..<(inputStart + written)])
                }
                inputStart += written
                ended = inputStart == inputEnd && inputLeft == 0
            }
            produced += written
            if produced > entry.uncompressedSize {
                throw WorkbookError.corruptEntry(name: entry.name, reason: "it inflates beyond its declared size")
            }
            if written > 0 {
                crc = CZlib.crc32(crc, buffer.baseAddress, UInt32(written))
            }
            if ended {
                finished = true
                guard produced == entry.uncompressedSize else {
                    throw WorkbookError.corruptEntry(
                        name: entry.name, reason: "\(produced) bytes instead of \(entry.uncompressedSize)")
                }
                guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                    throw WorkbookError.corruptEntry(name: entry.name, reason: "its CRC-32 does not match")
                }
            }
            if written > 0 || finished { return written }
        }
    }

    private func fill() throws {
        let count = min(input.count, inputLeft)
        try input.withUnsafeMutableBytes {
            try ZipArchive.readFully(
                fd: fd, at: inputOffset, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count]))
        }
        inputOffset += count
        inputLeft -= count
        inputStart = 0
        inputEnd = count
    }
}

/// Raw DEFLATE (RFC 1951) through the system's zlib.
final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Only fails for want of memory, which Swift treats as fatal anyway.
        precondition(reform_inflate_init_raw(stream) == Z_OK, "zlib inflateInit2 failed")
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates from `input` into `output`: (input bytes used, output bytes written, stream ended).
    func inflate(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, name: String)
        throws -> (Int, Int, Bool)
    {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress
        stream.pointee.avail_out = UInt32(output.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let used = input.count - Int(stream.pointee.avail_in)
        let written = output.count - Int(stream.pointee.avail_out)
        switch status {
        case Z_OK, Z_BUF_ERROR: return (used, written, false)
        case Z_STREAM_END: return (used, written, true)
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "inflate error \(status)"
            throw WorkbookError.corruptEntry(name: name, reason: message)
        }
    }
}
