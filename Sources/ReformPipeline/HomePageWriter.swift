import ReformReport
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the reports' home pages (`index.html`, `HomePage`) true: rewritten after every stage that
/// writes into an output folder, atomically and under the folder's lock — the lock a period
/// folder's swap takes (`StagedFolder`), so a page never lists a folder half swapped, and two
/// jobs finishing together write one after the other, the second listing both.
public enum HomePageWriter {
    /// Writes `outputFolder/index.html`, then rewrites the home pages reform wrote in the folders
    /// above it (`Reports/audit` is below `Reports`). A page of the same name that reform did not
    /// write is left as it is, with a warning signed `tool`. With `create` false, only a page
    /// already there is rewritten (a failed run leaves no folder nobody asked for).
    public static func write(outputFolder: String, tool: String, create: Bool = true) throws {
        if create {
            try FilePath.makeDirectories(outputFolder)
        } else if !FilePath.isFolder(outputFolder) {
            return
        }
        try rewrite(folder: outputFolder, create: create, tool: tool)
        try refresh(above: outputFolder, tool: tool)
    }

    /// Rewrites the home pages reform wrote in the (at most three) folders above `folder`, never
    /// creating one: a stage whose folder is not an output folder's child (`reform-compare --out`
    /// names its own folder) must not leave pages where nobody asked for them.
    public static func refresh(above folder: String, tool: String) throws {
        var current = FilePath.absolute(folder)
        for _ in 0..<3 {
            let parent = FilePath.parent(of: current)
            guard parent != current else { return }
            guard isOurs(parent + "/index.html") == true else { return }
            try rewrite(folder: parent, create: false, tool: tool)
            current = parent
        }
    }

    /// True when the file at `path` is a home page of reform, false when it is someone else's, nil
    /// when there is none.
    static func isOurs(_ path: String) -> Bool? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        // A FIFO, a folder or a link of that name is nobody's page to replace (and a FIFO would block).
        guard info.st_mode & S_IFMT == S_IFREG else { return false }
        let file = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        // The marker is in the page's head: the first bytes decide.
        var bytes = [UInt8](repeating: 0, count: 2048)
        let count = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        return String(decoding: bytes.prefix(count), as: UTF8.self).contains(HomePage.generatorMarker)
    }

    private static func rewrite(folder: String, create: Bool, tool: String) throws {
        let lock = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw OutputError(path: folder, errno: errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw OutputError(path: folder, errno: errno) }
        }
        let page = folder + "/index.html"
        switch isOurs(page) {
        case false?:
            Diagnostics.error(
                "\(tool): warning: \(FilePath.printable(page)) was not written by reform; the reports' home page "
                    + "is not written over it (move it, or give the reports a folder of their own)")
            return
        case nil where !create:
            return
        default:
            break
        }
        try AtomicFile.write(HomePage(inventory: OutputInventory(root: folder)).html(), to: page)
    }
}
