import ReformModel
import ReformSupport

/// Matches the unit a submitted report names to a unit code (docs/contract.md §10): by code when
/// the report gives a known one, else by name after normalisation — case, NFC, "Ủy ban nhân dân" /
/// "UBND", the province suffix ("thành phố Hà Nội", "TP Hà Nội", "tỉnh X") — and through the
/// aliases of renamed units in force on the period's last day. A name that matches no unit, or
/// several, is never guessed.
package struct UnitNameMatcher {
    /// How a unit was (not) matched.
    package enum Outcome: Equatable {
        case matched(code: String, by: String)
        case unmatched
        case ambiguous([String])

        /// The matched unit's code; nil when none was matched.
        package var code: String? {
            if case .matched(let code, _) = self { return code }
            return nil
        }
    }

    private var byName: [String: [(code: String, fromDay: Int)]] = [:]
    private var codes: Set<String> = []
    private let aliases: [(old: String, new: String, fromDay: Int)]

    package init(
        names: [(code: String, name: String, fromDay: Int)], aliases: [(old: String, new: String, fromDay: Int)]
    ) {
        for entry in names {
            codes.insert(entry.code)
            let key = Self.normalized(entry.name)
            guard !key.isEmpty else { continue }
            byName[key, default: []].append((entry.code, entry.fromDay))
        }
        self.aliases = aliases.map { (Self.normalized($0.old), Self.normalized($0.new), $0.fromDay) }
    }

    /// The unit of `code` (when given) or `name`, for a period ending on `lastDay`.
    package func match(code: String, name: String, lastDay: Int) -> Outcome {
        if !code.isEmpty && codes.contains(code) { return .matched(code: code, by: "code") }
        var key = Self.normalized(name)
        var by = "name"
        if let alias = aliases.last(where: { $0.old == key && $0.fromDay <= lastDay }) {
            key = alias.new
            by = "alias"
        }
        guard let entries = byName[key] else { return .unmatched }
        let distinct = Set(entries.map(\.code))
        if distinct.count == 1 { return .matched(code: distinct.first!, by: by) }
        // Several units went by this name: the one of the list in force on the period's last day.
        let inForce = entries.filter { $0.fromDay <= lastDay }
        if let latest = inForce.map(\.fromDay).max() {
            let chosen = Set(inForce.filter { $0.fromDay == latest }.map(\.code))
            if chosen.count == 1 { return .matched(code: chosen.first!, by: by) }
        }
        return .ambiguous(distinct.sorted())
    }

    /// A name as matching compares it: the steps below repeated until nothing changes (removing a
    /// prefix, a suffix or a comma can bare what an earlier step trims), so a normalised name is
    /// its own normal form.
    /// Names are compared on their first `maxCharacters` characters: a unit's name is short, and
    /// each pass costs the length of the text.
    package static func normalized(_ name: String) -> String {
        var text = String(name.prefix(maxCharacters))
        // Each pass that changes the text shortens it or rewrites a spelling for good, so this ends.
        while true {
            let next = normalizedOnce(text)
            if next == text { return text }
            text = next
        }
    }

    static let maxCharacters = 256

    private static func normalizedOnce(_ name: String) -> String {
        // Byte and scalar steps: the generic String searches cost a hundred times more, and a
        // report of 200,000 unit rows normalises every name twice.
        var bytes = Array(name.utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: ".") {
            bytes[index] = UInt8(ascii: " ")
        }
        bytes = Array(TextKey.matchKey(bytes).utf8)
        if bytes.contains(where: { $0 >= 0x80 }) {
            bytes = replacing(Array("uỷ".utf8), with: Array("ủy".utf8), in: bytes)
            bytes = replacing(Array("–".utf8), with: Array("-".utf8), in: bytes)
        }
        var text = String(decoding: bytes, as: UTF8.self).unicodeScalars
            .split(whereSeparator: { $0.properties.isWhitespace })
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        for prefix in ["ủy ban nhân dân ", "ubnd "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        // The province suffix, after a separator or not, when something stays before it.
        for marker in [" thành phố ", " tp ", " tỉnh "] {
            let utf8 = Array(text.utf8)
            guard let start = lastOffset(of: Array(marker.utf8), in: utf8) else { continue }
            var head = utf8[..<start]
            while let last = head.last, last == UInt8(ascii: "-") || last == UInt8(ascii: " ") { head.removeLast() }
            if head.split(separator: UInt8(ascii: " ")).count >= 2 { text = String(decoding: head, as: UTF8.self) }
        }
        return TextKey.matchKey(text)
    }

    /// Every non-overlapping `old` in `bytes` replaced by `new` (whole UTF-8 sequences, so a match
    /// never starts inside a character).
    private static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !old.isEmpty, bytes.count >= old.count else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + old.count <= bytes.count && bytes[index..<index + old.count].elementsEqual(old) {
                result += new
                index += old.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// Where the last occurrence of `pattern` starts in `bytes`.
    private static func lastOffset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in stride(from: bytes.count - pattern.count, through: 0, by: -1)
        where bytes[start..<start + pattern.count].elementsEqual(pattern) {
            return start
        }
        return nil
    }
}
