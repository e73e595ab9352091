import Foundation

/// Normalisation of text before it is matched or stored.
///
/// SQLite compares bytes and Debian's build has no ICU, so `Trực tuyến` typed with combining marks
/// and the precomposed spelling would be different strings: everything is normalised to NFC first.
public enum TextKey {
    /// NFC, trimmed, case-folded: the form headers and coded values are matched in.
    public static func matchKey<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        value(bytes).lowercased()
    }

    /// NFC and trimmed: the form text values are stored in.
    public static func value<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return trimmed(String(decoding: bytes, as: UTF8.self))
        }
        return trimmed(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping)
    }

    /// NFC, trimmed and case-folded spelling of a string.
    public static func matchKey(_ text: String) -> String { matchKey(Array(text.utf8)) }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
