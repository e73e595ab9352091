import Foundation
import Testing

@testable import ReformSample

/// The sample's NFD (made without Foundation's Unicode tables) against Foundation's.
@Suite struct CanonicalDecompositionTests {
    /// Every Vietnamese letter, both cases, and a few other Latin letters with marks.
    static let letters: [String] = {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        let other = "çñüöäëïÿåøœßǖǘǚǜ"
        return (lower + lower.uppercased() + other).map(String.init)
    }()

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
}
