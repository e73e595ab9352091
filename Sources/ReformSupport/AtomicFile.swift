#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so a reader sees the old content or the new, never a part: the bytes go to a
/// temporary file in the same folder, are flushed to disk, and the temporary file is renamed over
/// the target (rename is atomic within a file system).
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically, creating parent folders as needed.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try StagedFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes UTF-8 text to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}

/// An output file or folder could not be written.
public struct OutputError: Error, CustomStringConvertible {
    /// The file concerned.
    public let path: String
    /// The system error number.
    public let errno: Int32

    /// The failure to write `path`, for the system error `errno`.
    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "cannot write \(path): \(String(cString: strerror(errno)))"
    }

    /// True when the cause is lack of space (exit 73 vs 74 decisions).
    public var isNoSpace: Bool { errno == ENOSPC || errno == EDQUOT }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Small path helpers on plain strings (Foundation's URL is heavier than needed here).
public enum FilePath {
    /// The folder holding `path` ("." when there is none).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `base/relative` (or `relative` when it is absolute) with `.` and `name/..` folded away.
    public static func resolve(_ relative: String, against base: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty || base == "." { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// Folds `.` and `name/..` components lexically (`Pipelines/../Reports` → `Reports`).
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Creates `path` and its parents (like `mkdir -p`).
    public static func makeDirectories(_ path: String) throws {
        if path.isEmpty || path == "." || path == "/" { return }
        var isDirectory = stat()
        if stat(path, &isDirectory) == 0 {
            if (isDirectory.st_mode & S_IFMT) == S_IFDIR { return }
            throw OutputError(path: path, errno: ENOTDIR)
        }
        try makeDirectories(parent(of: path))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw OutputError(path: path, errno: errno) }
    }

    /// `path` as it may be printed on one line: control characters (a newline in a file name would
    /// forge a summary line) are escaped as `\n`, `\t`, `\xNN` (the form `RawPath` shows bytes
    /// that are not UTF-8 in).
    public static func printable(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value):
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The absolute path of an existing file, symbolic links resolved (an input's identity: two
    /// files of the same name in different folders are different inputs); `path` itself when it
    /// cannot be resolved.
    public static func absolute(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when a file or folder exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The names in `folder` (without `.` and `..`), in the order the file system gives them; empty
    /// when it cannot be read.
    public static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// True when `path` is a folder (or a link to one).
    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
