import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// What an input file is, judged by its content, never by its name (a one-stop system's "Excel"
/// button saves an HTML table as .xls; a CSV may be called .xls by hand). docs/contract.md §8.
package enum InputFormat: Equatable {
    /// Text: CSV or tab-separated.
    case text
    /// An Office Open XML package (.xlsx): a ZIP archive.
    case ooxml
    /// An HTML document holding a table.
    case html
    /// A legacy binary Excel workbook (BIFF in a compound file).
    case biff
    /// A password-protected OOXML workbook (an encrypted package in a compound file).
    case encryptedOOXML
    /// Excel 2003's XML Spreadsheet (SpreadsheetML).
    case spreadsheetML

    /// The format of the file at `path` (text when it cannot be told otherwise).
    package static func of(path: String) throws -> InputFormat {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        defer { _ = close(fd) }
        var head = [UInt8](repeating: 0, count: 4096)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 4096, 0) }
        guard n > 0 else { return .text }
        head.removeLast(head.count - n)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .ooxml
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return try compoundFileHolds(fd: fd, utf16Name: "EncryptedPackage") ? .encryptedOOXML : .biff
        }
        return markup(head)
    }

    /// HTML or SpreadsheetML when the text starts like them (after a byte order mark and spaces).
    static func markup(_ head: [UInt8]) -> InputFormat {
        // A page saved as "Unicode" (UTF-16 with its byte order mark) is read in UTF-8 here.
        if InputEncoding.startsWithUTF16Mark(head) {
            var transcoder = Transcoder(.utf16)
            var utf8: [UInt8] = []
            head.withUnsafeBufferPointer { transcoder.convert($0, into: &utf8) }
            let format = markup(utf8)
            return format == .html ? .html : .text
        }
        var body = head[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        body = body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard body.first == UInt8(ascii: "<") else { return .text }
        let text = String(decoding: body.prefix(2048), as: UTF8.self).lowercased()
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet") && !text.contains("<html") {
            return .spreadsheetML
        }
        if text.hasPrefix("<!doctype html") || text.contains("<html") || text.contains("<table")
            || text.hasPrefix("<meta") || text.hasPrefix("<!--")
        {
            return .html
        }
        return .text
    }

    /// True when the compound file's directory (read whole, up to 64 MiB of file) names a stream
    /// `utf16Name`. Directory entries hold names in UTF-16LE; a plain byte search finds them.
    private static func compoundFileHolds(fd: Int32, utf16Name: String) throws -> Bool {
        var pattern: [UInt8] = []
        for unit in utf16Name.utf16 { pattern += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < 64 << 20 {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 1 << 20, off_t(offset)) }
            if n <= 0 { return false }
            let chunk = buffer[0..<n]
            var i = chunk.startIndex
            while let at = chunk[i...].firstIndex(of: pattern[0]) {
                if chunk[at...].starts(with: pattern) { return true }
                i = at + 1
            }
            offset += max(n - pattern.count, 1)
        }
        return false
    }
}
