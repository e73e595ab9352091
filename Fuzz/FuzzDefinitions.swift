// libFuzzer target: the strict JSON reader of pipeline definitions on arbitrary bytes, with
// Foundation's JSONSerialization as the independent oracle. Properties: nothing crashes; what the
// strict reader accepts, Foundation accepts too and reads as the same values (the strict reader
// refuses more: duplicate keys, lone surrogates, numbers beyond Double, nesting beyond 64).
// Foundation's own differences are tolerated and named where they are (marks it drops, long
// numbers it reads through Decimal).

import Foundation

@testable import ReformPipeline
@testable import ReformSupport

/// `value` without U+FEFF, which Foundation drops where a string opens or an escape ends.
func withoutMarks(_ value: String) -> String { String(value.unicodeScalars.filter { $0 != "\u{FEFF}" }) }

func same(_ ours: Any, _ theirs: Any) -> Bool {
    switch ours {
    case let object as [String: Any]:
        // Keys are strings too: Foundation drops the same marks from them.
        guard let other = theirs as? [String: Any] else { return false }
        let mine = Dictionary(object.map { (withoutMarks($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let their = Dictionary(other.map { (withoutMarks($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        // Two of our keys that differ only by marks are one key to Foundation (which keeps one of
        // the values): only the keys can be compared then.
        if mine.count != object.count { return Set(mine.keys) == Set(their.keys) }
        guard their.count == mine.count else { return false }
        return mine.allSatisfy { key, value in their[key].map { same(value, $0) } ?? false }
    case let list as [Any]:
        guard let other = theirs as? [Any], other.count == list.count else { return false }
        return zip(list, other).allSatisfy { same($0, $1) }
    case let text as String:
        // Foundation drops a U+FEFF that opens a string or follows an escape (it decodes each run of
        // bytes between escapes as text of its own); the strict reader keeps what is written.
        guard let other = theirs as? String else { return false }
        return other == text || withoutMarks(other) == withoutMarks(text)
    case let flag as Bool:
        return (theirs as? Bool) == flag
    case let whole as Int:
        return close(Double(whole), theirs)
    case let real as Double:
        return close(real, theirs)
    case is JSONNull:
        return theirs is NSNull
    default:
        return false
    }
}

/// Equal numbers, to nine significant digits: Foundation reads long whole numbers as Decimal,
/// whose conversion to Double loses digits the standard library's correctly rounded reading keeps
/// (7777777777770…0 with 134 digits: 7.777777777769991e133 against 7.77777777777e133).
func close(_ ours: Double, _ theirs: Any) -> Bool {
    guard let other = (theirs as? NSNumber)?.doubleValue else { return false }
    return ours == other || abs(ours - other) <= abs(ours) * 1e-9
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinitions(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? StrictJSON.parse(bytes) else { return 0 }
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    guard let theirs = try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed]) else {
        preconditionFailure("accepted as strict JSON, refused by Foundation: \(String(decoding: text, as: UTF8.self))")
    }
    precondition(same(value, theirs), "read differently: \(value) vs \(theirs)")
    return 0
}
