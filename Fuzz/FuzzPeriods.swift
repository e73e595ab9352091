// libFuzzer target: period names, period labels, days and counting-rule texts on arbitrary bytes.
// Properties: nothing crashes; an accepted period has at least one day, its label reads back as
// the same days, and the period before it ends the day it begins; accepted counting rules read
// back from their own description.

@testable import ReformModel
@testable import ReformSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPeriods(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cutoff = bytes.first.map { Int($0) % 32 } ?? 1
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    for period in [ReportingPeriod(name: text, cutoffDay: cutoff), ReportingPeriod(label: text)].compactMap({ $0 }) {
        precondition(period.firstDay < period.endDay, "a period without days")
        guard let again = ReportingPeriod(label: period.description) else {
            preconditionFailure("label \(period.description) does not read back")
        }
        precondition(again.firstDay == period.firstDay && again.endDay == period.endDay, "label changes the days")
        precondition(period.previous.endDay == period.firstDay, "the previous period is not adjacent")
        precondition(ReportingPeriod.cutoffDays.contains(period.cutoffDay), "cut-off day out of range")
    }
    if let day = ReportingPeriod.day(text) {
        precondition(CivilDate.isoString(day) == text, "a day that is not written as read")
    }
    if case .success(let rules) = CountingRules.parse(text) {
        guard case .success(let again) = CountingRules.parse(rules.description), again == rules else {
            preconditionFailure("counting rules do not read back")
        }
    }
    return 0
}
