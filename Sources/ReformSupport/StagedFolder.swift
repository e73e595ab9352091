#if canImport(Glibc)
    import Glibc
#endif

/// A folder of outputs replaced as a whole: its files are written into a hidden staging folder
/// beside it, and `commit()` swaps the staging folder and the old one in one atomic exchange
/// (Linux `renameat2(RENAME_EXCHANGE)`), so a reader sees the old set of files or the new set,
/// never new CSVs beside an old page. A process killed before the swap leaves the old folder as it
/// was; what it staged is removed by a later run once its process is gone (a staging folder of a
/// live process is never touched). Two processes writing the same folder at once (a report and a
/// consolidation of one period) swap one after the other, under a lock on the parent folder, and
/// each keeps the files of the other: the folder ends with the union of what both wrote.
/// Dropping it without committing removes the staging folder.
public final class StagedFolder {
    /// The folder the files end up in.
    public let path: String
    private let staging: String
    private let leftoverPrefix: String
    private var committed = false

    /// Starts a staged replacement of `path`, creating its parent folder.
    public init(path: String) throws {
        let parent = FilePath.parent(of: path)
        try FilePath.makeDirectories(parent)
        self.path = path
        leftoverPrefix = "." + FilePath.lastComponent(of: path) + ".staged-"
        staging = parent + "/" + leftoverPrefix + "\(getpid())"
        for name in FilePath.names(in: parent) where name.hasPrefix(leftoverPrefix) {
            if Self.ownerIsAlive(name.dropFirst(leftoverPrefix.count)) { continue }
            Self.removeTree(parent + "/" + name)
        }
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: staging, errno: errno) }
    }

    deinit {
        if !committed { Self.removeTree(staging) }
    }

    /// Writes one file of the set (flushed to disk before the swap).
    public func write(_ bytes: [UInt8], name: String) throws {
        let file = try StagedFile(path: staging + "/" + name)
        try file.write(bytes)
        try file.commit()
    }

    /// Where a file of the set is staged, for writers that stage and rename a file of their own
    /// (it lands in the folder at `commit`).
    public func stagedPath(_ name: String) -> String { staging + "/" + name }

    /// Writes one text file of the set.
    public func write(_ text: String, name: String) throws {
        try write(Array(text.utf8), name: name)
    }

    /// Puts the new set in place of the old in one step and removes the old set.
    public func commit() throws {
        let parent = FilePath.parent(of: path)
        // Which files the old set holds, and the swap, must not interleave with another
        // process's: its files would be missing from whichever set swapped in last.
        let lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw OutputError(path: parent, errno: errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw OutputError(path: parent, errno: errno) }
        }
        var isFolder = stat()
        if stat(path, &isFolder) == 0 {
            guard isFolder.st_mode & S_IFMT == S_IFDIR else { throw OutputError(path: path, errno: ENOTDIR) }
            try keepOtherFiles()
            if Self.exchange(staging, path) != 0 {
                // No atomic exchange on this file system: the old folder moves aside first.
                let aside = parent + "/" + leftoverPrefix + "old-\(getpid())"
                guard rename(path, aside) == 0 else { throw OutputError(path: path, errno: errno) }
                guard rename(staging, path) == 0 else {
                    let code = errno
                    rename(aside, path)
                    throw OutputError(path: path, errno: code)
                }
                Self.removeTree(aside)
            } else {
                Self.removeTree(staging)  // now the old set
            }
        } else {
            guard rename(staging, path) == 0 else { throw OutputError(path: path, errno: errno) }
        }
        committed = true
        fsync(lock)
    }

    /// True when the process a staging folder's name ends with (`PID` or `old-PID`) still runs
    /// (another process's, or this one's own live staging).
    static func ownerIsAlive(_ suffix: Substring) -> Bool {
        let digits = suffix.hasPrefix("old-") ? suffix.dropFirst(4) : suffix
        guard let pid = Int32(digits), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Files in the old folder that this set does not write (a note someone left beside the
    /// reports) are kept: hard-linked into the new set before the swap. A folder inside it is not
    /// ours to move, so the swap is refused (a careless `--out .` must not replace a project).
    private func keepOtherFiles() throws {
        let mine = Set(FilePath.names(in: staging))
        for name in FilePath.names(in: path) where !mine.contains(name) && !name.hasPrefix(leftoverPrefix) {
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                throw StagedFolderError(folder: path, entry: name)
            }
            guard link(path + "/" + name, staging + "/" + name) == 0 else {
                throw OutputError(path: staging + "/" + name, errno: errno)
            }
        }
    }

    /// `renameat2(first, second, RENAME_EXCHANGE)`, looked up at run time (the Swift overlay of
    /// glibc does not declare it); −1 when unavailable or refused.
    private static func exchange(_ first: String, _ second: String) -> Int32 {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return -1 }
        let renameExchange: UInt32 = 2
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange)
    }

    /// Removes a folder of plain files (what a staging folder holds).
    private static func removeTree(_ folder: String) {
        for name in FilePath.names(in: folder) { unlink(folder + "/" + name) }
        rmdir(folder)
    }
}

/// An output folder holds a folder (or device, link …) of its own: it is not an output folder,
/// and replacing it would take what is not ours (exit 73).
public struct StagedFolderError: Error, CustomStringConvertible {
    public let folder: String
    public let entry: String
    public var description: String {
        "\(FilePath.printable(folder)) holds \"\(FilePath.printable(entry))\", which reform did not write; "
            + "outputs replace their folder as a whole, so give --out (or \"output\") a folder of their own"
    }
}
