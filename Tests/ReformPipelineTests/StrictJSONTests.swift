import Foundation
import Testing

@testable import ReformPipeline
@testable import ReformSupport

/// The definitions' strict JSON reader: values, escapes, and what it refuses.
@Suite struct StrictJSONTests {
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
