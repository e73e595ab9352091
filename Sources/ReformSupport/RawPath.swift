import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Input files whose names are not UTF-8 (an export saved on a Windows machine in a legacy code
/// page): a Swift `String` cannot hold their bytes, so such a file is opened by its bytes once and
/// then read through `/proc/self/fd/N`, while messages, summaries and rejects files use its name
/// with the undecodable bytes escaped as `\xNN`.
public enum RawPath {
    nonisolated(unsafe) private static var names: [String: String] = [:]
    private static let lock = PosixCondition()

    /// A readable path for the file named by the C string `bytes` (NUL-terminated): itself when it is
    /// UTF-8, else `/proc/self/fd/N` of the file opened by its bytes (nil when it cannot be opened).
    public static func path(cString bytes: UnsafePointer<CChar>) -> String? {
        let raw = Array(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: strlen(bytes)))
        if let text = String(validating: raw, as: UTF8.self) { return text }
        // O_NONBLOCK: a FIFO must not block here; it is refused later as not a regular file.
        let fd = open(bytes, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let path = "/proc/self/fd/\(fd)"
        lock.lock()
        names[path] = escaped(raw)
        lock.unlock()
        return path
    }

    /// The path of a command-line word: the word itself, unless it arrived with bytes that are
    /// not UTF-8 (Swift then repaired them to U+FFFD), in which case the raw argument is opened.
    public static func path(argument word: String) -> String {
        guard word.unicodeScalars.contains("\u{FFFD}") else { return word }
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let raw = Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            if String(validating: raw, as: UTF8.self) == nil && String(decoding: raw, as: UTF8.self) == word {
                return path(cString: pointer) ?? word
            }
        }
        return word
    }

    /// The last component of an input's path as it is shown: the escaped original name for a
    /// file opened by its bytes.
    public static func displayName(of path: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let name = names[path] { return FilePath.lastComponent(of: name) }
        return FilePath.lastComponent(of: path)
    }

    /// Bytes as UTF-8 text, each byte of an invalid sequence written `\xNN`.
    static func escaped(_ raw: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < raw.count {
            var length = 1
            let lead = raw[index]
            if lead >= 0xF0 { length = 4 } else if lead >= 0xE0 { length = 3 } else if lead >= 0xC0 { length = 2 }
            let end = min(index + length, raw.count)
            if lead < 0x80 {
                out.unicodeScalars.append(Unicode.Scalar(lead))
                index += 1
            } else if let text = String(validating: raw[index..<end], as: UTF8.self), lead >= 0xC0 {
                out += text
                index = end
            } else {
                out += "\\x" + String(lead, radix: 16, uppercase: true)
                index += 1
            }
        }
        return out
    }
}
