// libFuzzer target: the guards that keep a bad input from costing memory or leaking data.
// The first byte sets a record bound (1…256 bytes); the rest is read as CSV twice, with and without
// the bound, and also taken as text for the personal-data rules.
// Properties: nothing crashes; line numbers increase; a record over the bound is flagged and has
// no fields, every other record fits the bound; when no record exceeds the bound the two reads are
// identical; a masked text holds no personal data and text without any is left as it is; a safe
// key is the value itself or empty, and a non-empty one is a plain identifier.

@testable import ReformModel
@testable import ReformSupport
@testable import ReformTabular

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGuards(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bound = Int(data[0]) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    var unbounded = CSVReader(bytes: bytes)
    unbounded.maxRecordBytes = Int.max
    var plain: [(Int, [[UInt8]])] = []
    var longest = 0
    while (try? unbounded.nextRecord()) == true {
        plain.append((unbounded.line, (0..<unbounded.fieldCount).map { Array(unbounded.field($0)) }))
        longest = max(longest, unbounded.recordLength)
    }
    var bounded = CSVReader(bytes: bytes)
    bounded.maxRecordBytes = bound
    var guarded: [(Int, [[UInt8]])] = []
    var lastLine = 0
    while (try? bounded.nextRecord()) == true {
        precondition(bounded.line > lastLine, "line numbers must increase")
        lastLine = bounded.line
        if bounded.isTooLarge {
            precondition(bounded.fieldCount == 0, "a record over the bound kept fields")
        } else {
            precondition(bounded.recordLength <= bound, "a record over the bound was held")
        }
        guarded.append((bounded.line, (0..<bounded.fieldCount).map { Array(bounded.field($0)) }))
    }
    if longest <= bound {
        precondition(
            guarded.count == plain.count && zip(guarded, plain).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 },
            "the bound changed records that fit it")
    }

    let text = String(decoding: bytes, as: UTF8.self)
    let masked = PersonalData.masked(text)
    precondition(!PersonalData.contains(masked.utf8), "masking left personal data")
    if !PersonalData.contains(text.utf8) { precondition(masked == text, "masking changed clean text") }
    let key = PersonalData.safeKey(text)
    precondition(key.isEmpty || key == text, "a safe key must be the value or nothing")
    if !key.isEmpty {
        precondition(key.utf8.count <= 64 && !PersonalData.contains(key.utf8))
        precondition(
            key.utf8.allSatisfy { $0 < 0x80 && $0 > 0x20 && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") })
    }
    return 0
}
