import Foundation
import Testing

@testable import ReformCore

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

    @Test func decompositionAgreesWithFoundation() {
        for letter in Self.letters {
            #expect(
                Array(CanonicalDecomposition.decomposed(letter).unicodeScalars)
                    == Array(letter.decomposedStringWithCanonicalMapping.unicodeScalars), "\(letter)")
        }
        let name = "Phường Đống Đa, thành phố Hà Nội"
        #expect(CanonicalDecomposition.decomposed(name) == name.decomposedStringWithCanonicalMapping)
        #expect(
            Array(CanonicalDecomposition.decomposed(name).utf8) == Array(name.decomposedStringWithCanonicalMapping.utf8)
        )
    }

    @Test func strictJSONReadsValuesAndEscapes() throws {
        let text = #"{"a": [1, -2, 3.5, 1e2, true, false, null], "b": "x\u00e0\ud83d\ude00\/\n", "c": {}}"#
        let value = try #require(try StrictJSON.parse(Array(text.utf8)) as? [String: Any])
        let list = try #require(value["a"] as? [Any])
        #expect(list[0] as? Int == 1 && list[1] as? Int == -2 && list[2] as? Double == 3.5 && list[3] as? Double == 100)
        #expect(list[4] as? Bool == true && list[5] as? Bool == false && list[6] is JSONNull)
        #expect(value["b"] as? String == "xà😀/\n")
        #expect(JSONNumber.double(list[0]) == 1 && JSONNumber.double(list[4]) == nil)
        for bad in [#"{"a":1,"\u0061":2}"#, #"["\ud800"]"#, #"["\udc00x"]"#, #"["\u12"]"#, #"[1e999]"#, "[\"\u{1}\"]"] {
            #expect(throws: StrictJSON.Problem.self, "\(bad)") { try StrictJSON.parse(Array(bad.utf8)) }
        }
        #expect(throws: StrictJSON.Problem.self) { try StrictJSON.parse([0x5B, 0x22, 0xFF, 0x22, 0x5D]) }
    }
}
