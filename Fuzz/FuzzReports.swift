// libFuzzer target: a submitted report's header classification, count cells and unit names on
// arbitrary bytes. Properties: nothing crashes; an accepted count is within ±`FormCounts.maxCount`
// (a negative count is read and marked later, docs/contract.md §10) and, written with "." thousands
// and its sign, reads back as itself; a normalised name normalises to itself.

@testable import ReformIngest
@testable import ReformModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReports(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = ReportColumn.classify(text)
    if let value = ReportColumn.count(text) {
        precondition(value.magnitude <= FormCounts.maxCount, "a count beyond the bound accepted")
        var digits = String(value.magnitude), grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let sign = value < 0 ? "-" : ""
        precondition(ReportColumn.count(sign + digits + grouped) == value, "grouped thousands do not read back")
    }
    let name = UnitNameMatcher.normalized(text)
    precondition(UnitNameMatcher.normalized(name) == name, "normalising a name twice changes it")
    return 0
}
