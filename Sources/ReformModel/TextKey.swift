import ReformSupport

/// Normalisation of text before it is matched or stored.
///
/// SQLite compares bytes and Debian's build has no ICU, so `Trực tuyến` typed with combining marks
/// and the precomposed spelling would be different strings: everything is normalised to NFC first.
public enum TextKey {
    /// NFC, trimmed, case-folded: the form headers and coded values are matched in.
    public static func matchKey<C: BidirectionalCollection>(_ bytes: C) -> String where C.Element == UInt8 {
        value(bytes).lowercased()
    }

    /// NFC and trimmed: the form text values are stored in.
    public static func value<C: BidirectionalCollection>(_ bytes: C) -> String where C.Element == UInt8 {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII: trim spaces and control characters on the bytes, without Foundation.
            var start = bytes.startIndex, end = bytes.endIndex
            while start != end, bytes[start] <= 0x20 { start = bytes.index(after: start) }
            while start != end, bytes[bytes.index(before: end)] <= 0x20 { end = bytes.index(before: end) }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return UnicodeText.trimmed(UnicodeText.nfc(String(decoding: bytes, as: UTF8.self)))
    }

    /// NFC, trimmed and case-folded spelling of a string.
    public static func matchKey(_ text: String) -> String { matchKey(Array(text.utf8)) }
}

/// Remembers the normalised text of raw byte spellings: exports repeat a few hundred unit and
/// procedure names millions of times, and NFC normalisation of each occurrence would dominate ingest.
/// Names come back with personal data masked (`PersonalData.masked`); a code holding personal data
/// comes back nil, so its row can be refused. Both checks run once per spelling.
package struct TextCache {
    /// What the cached values are.
    package enum Kind {
        /// Free text (names): personal data is masked.
        case name
        /// Identifiers (codes): personal data makes the value nil.
        case code
    }

    private let kind: Kind
    private var cache = ByteTable<String?>()

    package init(_ kind: Kind = .name) { self.kind = kind }

    package mutating func value(_ bytes: ArraySlice<UInt8>) -> String? {
        if let known = cache.value(for: bytes) { return known }
        let text = TextKey.value(bytes)
        let checked: String?
        switch kind {
        case .name: checked = PersonalData.masked(text)
        case .code: checked = PersonalData.contains(text.utf8) ? nil : text
        }
        // The table copies the key out of the reader's buffer, which is reused for the next record.
        if cache.count < 50_000 { cache.append(bytes, checked) }
        return checked
    }
}
