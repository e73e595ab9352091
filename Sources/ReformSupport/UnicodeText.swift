/// Unicode operations on text without Foundation's full module (see `PosixCondition` for why the
/// pipeline needs only FoundationEssentials).
public enum UnicodeText {
    /// `text` in Unicode Normalization Form C, by the standard library's normaliser (the one
    /// String comparison and FoundationEssentials use; the underscored name is the standard
    /// library's public entry point to it).
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// True for what values are trimmed of: white space, line and paragraph separators, control
    /// and format characters (Unicode categories Zs, Zl, Zp, Cc, Cf — the union of Foundation's
    /// `whitespacesAndNewlines` and `controlCharacters`).
    public static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value <= 0x20 || scalar.value == 0x7F }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format: return true
        default: return false
        }
    }

    /// `text` without the trimmed characters (`isTrimmed`) at either end.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start != end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while start != end, isTrimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
