#if canImport(Glibc)
    import Glibc
#endif

/// A file written in pieces to a temporary name and renamed into place by `commit()`: readers
/// see the previous file or the complete new one. Dropping it without committing removes the
/// temporary file.
public final class StagedFile {
    /// The final path.
    public let path: String
    private let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    /// Starts a staged file for `path`, creating its folder.
    public init(path: String) throws {
        let folder = FilePath.parent(of: path)
        try FilePath.makeDirectories(folder)
        self.path = path
        let prefix = "." + FilePath.lastComponent(of: path) + ".tmp-"
        self.temporary = folder + "/" + prefix + "\(getpid())"
        // A run killed mid-write leaves its temporary file; callers hold the run lock, so any other
        // temporary of this target is such a leftover.
        StagedFile.removeLeftovers(in: folder, prefix: prefix)
        self.fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, errno: errno) }
        buffer.reserveCapacity(1 << 16)
    }

    private static func removeLeftovers(in folder: String, prefix: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) { names.append(name) }
        }
        for name in names { unlink(folder + "/" + name) }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporary)
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var written = 0
        let failure: Int32? = buffer.withUnsafeBufferPointer { bytes in
            while written < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return nil
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw OutputError(path: path, errno: failure) }
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws {
        try flush()
        guard fsync(fd) == 0 else { throw OutputError(path: path, errno: errno) }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError(path: path, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError(path: path, errno: code)
        }
        // Make the rename itself durable.
        let folder = open(FilePath.parent(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}
