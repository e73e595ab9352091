import CZlib
import ReformSupport

/// Writes a ZIP archive as a stream: each entry deflated as it is written, followed by a data
/// descriptor, then the central directory. Entries carry a fixed time (1980-01-01 00:00), so the
/// same content gives the same bytes.
package final class ZipWriter {
    private struct Written {
        let name: [UInt8]
        let offset: Int
        let crc: UInt32
        let compressedSize: Int
        let size: Int
    }

    private let file: StagedFile
    private var offset = 0
    private var entries: [Written] = []
    private var current: (name: [UInt8], offset: Int, deflater: Deflater, crc: UInt, size: Int, compressed: Int)?

    private let level: Int32

    /// A writer of the archive at `path` (staged: the file appears whole at `commit`), deflating
    /// at zlib's `level` (6, its default, unless a test needs the smallest file).
    package init(path: String, level: Int32 = 6) throws {
        file = try StagedFile(path: path)
        self.level = level
    }

    /// Starts an entry; the previous one ends.
    package func begin(_ name: String) throws {
        try end()
        let nameBytes = Array(name.utf8)
        var header: [UInt8] = []
        header.append32(0x0403_4b50)
        header.append16(20)  // version needed: 2.0 (deflate)
        header.append16(0x0808)  // data descriptor follows; the name is UTF-8
        header.append16(8)  // deflate
        header.append16(0)  // time 00:00
        header.append16(0x21)  // date 1980-01-01
        header.append32(0)
        header.append32(0)
        header.append32(0)
        header.append16(UInt16(nameBytes.count))
        header.append16(0)
        header += nameBytes
        try emit(header)
        current = (nameBytes, offset - header.count, Deflater(level: level), 0, 0, 0)
    }

    /// Appends bytes to the current entry.
    package func write(_ bytes: [UInt8]) throws {
        guard var entry = current else { preconditionFailure("write before begin") }
        entry.crc = bytes.withUnsafeBufferPointer { CZlib.crc32(entry.crc, $0.baseAddress, UInt32($0.count)) }
        entry.size += bytes.count
        let output = entry.deflater.deflate(bytes, finish: false)
        entry.compressed += output.count
        current = entry
        try emit(output)
    }

    /// Appends text to the current entry.
    package func write(_ text: String) throws { try write(Array(text.utf8)) }

    private func end() throws {
        guard var entry = current else { return }
        current = nil
        let output = entry.deflater.deflate([], finish: true)
        entry.compressed += output.count
        try emit(output)
        guard entry.size <= Int(UInt32.max), entry.compressed <= Int(UInt32.max), offset <= Int(UInt32.max) else {
            throw WorkbookError.zip64
        }
        var descriptor: [UInt8] = []
        descriptor.append32(0x0807_4b50)
        descriptor.append32(UInt32(truncatingIfNeeded: entry.crc))
        descriptor.append32(UInt32(entry.compressed))
        descriptor.append32(UInt32(entry.size))
        try emit(descriptor)
        entries.append(
            Written(
                name: entry.name, offset: entry.offset, crc: UInt32(truncatingIfNeeded: entry.crc),
                compressedSize: entry.compressed, size: entry.size))
    }

    /// Ends the last entry, writes the central directory and renames the file into place.
    package func commit() throws {
        try end()
        let directoryOffset = offset
        var directory: [UInt8] = []
        for entry in entries {
            directory.append32(0x0201_4b50)
            directory.append16(20)
            directory.append16(20)
            directory.append16(0x0808)
            directory.append16(8)
            directory.append16(0)
            directory.append16(0x21)
            directory.append32(entry.crc)
            directory.append32(UInt32(entry.compressedSize))
            directory.append32(UInt32(entry.size))
            directory.append16(UInt16(entry.name.count))
            directory.append16(0)
            directory.append16(0)
            directory.append16(0)
            directory.append16(0)
            directory.append32(0)
            directory.append32(UInt32(entry.offset))
            directory += entry.name
        }
        try emit(directory)
        var end: [UInt8] = []
        end.append32(0x0605_4b50)
        end.append16(0)
        end.append16(0)
        end.append16(UInt16(entries.count))
        end.append16(UInt16(entries.count))
        end.append32(UInt32(directory.count))
        end.append32(UInt32(directoryOffset))
        end.append16(0)
        try emit(end)
        try file.commit()
    }

    private func emit(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try file.write(bytes)
        offset += bytes.count
    }
}

/// Raw DEFLATE compression through the system's zlib.
final class Deflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32 = 6) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        precondition(reform_deflate_init_raw(stream, level) == Z_OK, "zlib deflateInit2 failed")
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// The compressed bytes `input` gives (all that is pending when `finish`).
    func deflate(_ input: [UInt8], finish: Bool) -> [UInt8] {
        var result: [UInt8] = []
        input.withUnsafeBufferPointer { bytes in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.pointee.avail_in = UInt32(bytes.count)
            while true {
                let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    return CZlib.deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                }
                let produced = output.count - Int(stream.pointee.avail_out)
                result += output[0..<produced]
                if finish ? status == Z_STREAM_END : stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                    break
                }
            }
        }
        return result
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
