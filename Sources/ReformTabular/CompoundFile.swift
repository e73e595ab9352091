import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// An OLE2 compound file (MS-CFB), the container of legacy Excel 97–2003 workbooks: a FAT of
/// sector chains, a directory of storages and streams, and a mini stream for streams under 4,096
/// bytes. The file is read whole (legacy workbooks are small; `maxBytes` bounds it) and every
/// offset, chain and length in it is untrusted: a chain that leaves the file, loops, or is longer
/// than the file has sectors is refused with the reason named.
package struct CompoundFile {
    /// The largest compound file read. Excel 97–2003 sheets hold at most 65,536 rows; a workbook
    /// larger than this is not an export.
    package static let maxBytes = 256 << 20

    /// A directory entry: a storage (folder), a stream, or the root.
    package struct Entry: Equatable {
        package var name: String
        /// 1 storage, 2 stream, 5 root storage (MS-CFB 2.6.1); 0 unused.
        package var type: UInt8
        package var startSector: UInt32
        package var size: Int
    }

    private static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private let fat: [UInt32]
    private var miniFAT: [UInt32] = []
    private var miniStream: [UInt8] = []
    /// The directory, in entry order (the root first).
    package private(set) var entries: [Entry] = []

    /// Reads the compound file at `path`.
    package init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        guard Int(info.st_size) <= Self.maxBytes else { throw WorkbookError.legacyTooLarge(limit: Self.maxBytes) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + count, $0.count - count, off_t(count))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        try self.init(bytes: bytes)
    }

    /// Reads a compound file held in memory.
    package init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, bytes.starts(with: Self.signature) else {
            throw WorkbookError.corruptLegacy("no compound-file header")
        }
        let sectorShift = Int(Self.u16(bytes, 30)), miniShift = Int(Self.u16(bytes, 32))
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else {
            throw WorkbookError.corruptLegacy("sector sizes 2^\(sectorShift) and 2^\(miniShift)")
        }
        sectorSize = 1 << sectorShift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(Self.u32(bytes, 56))
        // Sectors the file holds (the last may be cut short: readers pad it with zeros).
        let sectorCount = (bytes.count - sectorSize + sectorSize - 1) / sectorSize
        // The FAT's sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
        var fatSectors: [UInt32] = []
        for index in 0..<109 {
            let sector = Self.u32(bytes, 76 + 4 * index)
            if sector < 0xFFFF_FFFA { fatSectors.append(sector) }
        }
        var difat = Self.u32(bytes, 68)
        var difatSeen = 0
        let perSector = sectorSize / 4
        while difat < 0xFFFF_FFFA {
            difatSeen += 1
            guard Int(difat) < sectorCount, difatSeen <= sectorCount else {
                throw WorkbookError.corruptLegacy("the DIFAT chain leaves the file or loops")
            }
            let base = sectorSize * (Int(difat) + 1)
            for index in 0..<(perSector - 1) {
                let sector = Self.u32(bytes, base + 4 * index)
                if sector < 0xFFFF_FFFA { fatSectors.append(sector) }
            }
            difat = Self.u32(bytes, base + 4 * (perSector - 1))
        }
        guard fatSectors.count <= sectorCount else {
            throw WorkbookError.corruptLegacy("the FAT lists more sectors than the file has")
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * perSector)
        for sector in fatSectors {
            guard Int(sector) < sectorCount else {
                throw WorkbookError.corruptLegacy("a FAT sector lies beyond the end of the file")
            }
            let base = sectorSize * (Int(sector) + 1)
            for index in 0..<perSector { fat.append(Self.u32(bytes, base + 4 * index)) }
        }
        self.fat = fat
        let directory = try chain(from: Self.u32(bytes, 48), limit: nil)
        var entries: [Entry] = []
        for offset in stride(from: 0, to: directory.count - 127, by: 128) {
            let nameBytes = Int(Self.u16(directory, offset + 64))
            var units: [UInt16] = []
            if nameBytes >= 2 && nameBytes <= 64 {
                for index in 0..<(nameBytes / 2 - 1) { units.append(Self.u16(directory, offset + 2 * index)) }
            }
            let size = Int(Self.u32(directory, offset + 120))
            entries.append(
                Entry(
                    name: String(decoding: units, as: UTF16.self), type: directory[offset + 66],
                    startSector: Self.u32(directory, offset + 116), size: size))
        }
        guard let root = entries.first, root.type == 5 else {
            throw WorkbookError.corruptLegacy("the directory has no root entry")
        }
        self.entries = entries
        miniStream = try chain(from: root.startSector, limit: root.size)
        let miniFATBytes = try chain(from: Self.u32(bytes, 60), limit: nil)
        miniFAT = (0..<(miniFATBytes.count / 4)).map { Self.u32(miniFATBytes, 4 * $0) }
    }

    /// The bytes of the stream named `name` (case-insensitively, as Excel matches), or nil when
    /// the file has none.
    package func stream(named name: String) throws -> [UInt8]? {
        let wanted = name.lowercased()
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.lowercased() == wanted }) else {
            return nil
        }
        if entry.size < miniCutoff { return try miniChain(from: entry.startSector, size: entry.size) }
        return try chain(from: entry.startSector, limit: entry.size)
    }

    /// The sectors of the chain from `start`, joined (cut to `limit` bytes when given). A chain
    /// that points outside the FAT or the file, or runs longer than the file has sectors (a loop),
    /// is refused.
    private func chain(from start: UInt32, limit: Int?) throws -> [UInt8] {
        var out: [UInt8] = []
        var sector = start
        var steps = 0
        // No chain visits more sectors than the file has: a longer one loops.
        let sectors = (bytes.count - 1) / sectorSize
        while sector != Self.endOfChain {
            if sector == Self.freeSector && out.isEmpty { break }  // an empty stream or no mini FAT
            guard Int(sector) < fat.count else { throw WorkbookError.corruptLegacy("a sector chain leaves the FAT") }
            steps += 1
            guard steps <= sectors else { throw WorkbookError.corruptLegacy("a sector chain loops") }
            let base = sectorSize * (Int(sector) + 1)
            guard base < bytes.count else {
                throw WorkbookError.corruptLegacy("a sector chain points beyond the end of the file")
            }
            let end = min(base + sectorSize, bytes.count)
            out.append(contentsOf: bytes[base..<end])
            if end - base < sectorSize { out.append(contentsOf: repeatElement(0, count: sectorSize - (end - base))) }
            if let limit, out.count >= limit { break }
            sector = fat[Int(sector)]
        }
        if let limit {
            guard out.count >= limit else { throw WorkbookError.corruptLegacy("a stream is longer than its sectors") }
            out.removeLast(out.count - limit)
        }
        return out
    }

    /// A stream kept in the mini stream: 64-byte sectors chained by the mini FAT.
    private func miniChain(from start: UInt32, size: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(size, miniStream.count))
        var sector = start
        var steps = 0
        while out.count < size {
            guard Int(sector) < miniFAT.count else {
                throw WorkbookError.corruptLegacy("a mini-stream chain leaves the mini FAT")
            }
            steps += 1
            guard steps <= miniFAT.count else { throw WorkbookError.corruptLegacy("a mini-stream chain loops") }
            let base = miniSectorSize * Int(sector)
            guard base + miniSectorSize <= miniStream.count else {
                throw WorkbookError.corruptLegacy("a mini-stream sector lies beyond the mini stream")
            }
            out.append(contentsOf: miniStream[base..<(base + min(miniSectorSize, size - out.count))])
            sector = miniFAT[Int(sector)]
        }
        return out
    }

    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
