import ReformSupport

/// Canonical decomposition (NFD) of Latin letters, for the sample's combining-mark spellings.
///
/// The standard library normalises to NFC but does not expose NFD, and the pipeline does not link
/// Foundation's Unicode tables (see `PosixCondition`). A precomposed letter's decomposition is
/// found as the ASCII letter plus at most two combining marks, in canonical order, whose NFC is the
/// letter — which covers every Vietnamese letter (ấ = a + ◌̂ + ◌́, ự = u + ◌̛ + ◌̣). Anything else
/// is left as it is.
package enum CanonicalDecomposition {
    /// The combining marks Latin letters decompose into.
    private static let marks: [Unicode.Scalar] = [
        "\u{300}", "\u{301}", "\u{302}", "\u{303}", "\u{304}", "\u{306}", "\u{307}", "\u{308}", "\u{309}",
        "\u{30A}", "\u{30B}", "\u{30C}", "\u{31B}", "\u{323}", "\u{324}", "\u{325}", "\u{327}", "\u{328}",
        "\u{32D}", "\u{330}", "\u{331}",
    ]

    /// Every composed letter reachable that way, to its decomposition.
    private static let table: [Unicode.Scalar: [Unicode.Scalar]] = {
        var table: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        let bases =
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { Unicode.Scalar($0) }
            + (UInt8(ascii: "a")...UInt8(ascii: "z")).map { Unicode.Scalar($0) }
        func note(_ sequence: [Unicode.Scalar]) {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: sequence)
            let composed = Array(UnicodeText.nfc(String(text)).unicodeScalars)
            // Fewer marks first: a letter keeps its shortest (the canonical) decomposition.
            if composed.count == 1, table[composed[0]] == nil { table[composed[0]] = sequence }
        }
        for base in bases {
            for mark in marks { note([base, mark]) }
        }
        for base in bases {
            for first in marks {
                for second in marks
                where first.properties.canonicalCombiningClass <= second.properties.canonicalCombiningClass {
                    note([base, first, second])
                }
            }
        }
        return table
    }()

    /// `text` with every letter the table knows decomposed.
    package static func decomposed(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let parts = table[scalar] { out.append(contentsOf: parts) } else { out.append(scalar) }
        }
        return String(out)
    }
}
