import Foundation
import ReformTestSupport
import Testing

@testable import ReformSupport

/// The pipeline's own Unicode operations (it does not link Foundation's Unicode tables) against
/// Foundation's, which the tests may use as the independent reference.
@Suite struct UnicodeTextTests {
    /// Every Vietnamese letter, both cases, and a few other Latin letters with marks.
    static let letters: [String] = {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        let other = "çñüöäëïÿåøœßǖǘǚǜ"
        return (lower + lower.uppercased() + other).map(String.init)
    }()

    @Test func nfcAgreesWithFoundation() {
        let samples =
            Self.letters.map { $0.decomposedStringWithCanonicalMapping } + [
                "Ủy ban nhân dân phường Hoàn Kiếm", "Trư\u{31B}\u{323}c tuyến", "e\u{302}\u{301}", "ASCII only",
                "a\u{301}\u{302}", "\u{1EA0}\u{306}", "한국어", "ﬁ ligature stays",
            ]
        for text in samples {
            #expect(
                UnicodeText.nfc(text) == text.precomposedStringWithCanonicalMapping,
                "\(text.unicodeScalars.map(\.value))")
            #expect(Array(UnicodeText.nfc(text).utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8))
        }
    }

    @Test func trimmingAgreesWithFoundation() {
        let set = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
        let ends = [
            "", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{FEFF}", "\u{85}",
            "\u{7F}", "\u{1}", "\u{3000}", "\u{AD}",
        ]
        for left in ends {
            for right in ends {
                let text = left + "Hà Nội" + right
                #expect(
                    UnicodeText.trimmed(text) == text.trimmingCharacters(in: set), "\(text.unicodeScalars.map(\.value))"
                )
            }
        }
        #expect(UnicodeText.trimmed(" \u{A0} ") == "")
    }
}
