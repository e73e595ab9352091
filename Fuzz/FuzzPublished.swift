// libFuzzer target: published Decision 766 scores — the period a file name gives and a score row's
// values — on arbitrary bytes. Properties: nothing crashes; a period read from a name is a month,
// quarter or year of 2000–2100 whose own name reads back as itself; an accepted row has every group
// within its maximum, a total within 0.01 of their sum, and a scope of the three.

@testable import ReformIngest
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPublished(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let period = Published766Ingester.period(fileName: text) {
        precondition([.month, .quarter, .year].contains(period.kind), "a period of another kind")
        precondition((2000...2100).contains(period.year), "a year outside the range")
        precondition(ReportingPeriod(name: period.name)?.name == period.name, "the period does not read back")
    }
    // The text split on "|" gives the row's cells in the ingester's column order.
    let cells = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let names = Published766Ingester.columns.map(\.name)
    func value(_ name: String) -> String {
        guard let index = names.firstIndex(of: name), index < cells.count else { return "" }
        return cells[index]
    }
    if case .store(let values) = Published766Ingester.values(value, batch: 1, period: "2025-10", sheetName: text) {
        guard case .text(let scope) = values[1] else { preconditionFailure("the scope is not text") }
        precondition(["province", "department", "commune"].contains(scope), "an unknown scope")
        var sum = 0
        for (offset, group) in Decision766Group.allCases.enumerated() {
            guard case .int(let score) = values[4 + offset] else { preconditionFailure("a score is not a number") }
            precondition(score >= 0 && score <= Int64(group.maxHundredths * 100), "a group beyond its maximum")
            sum += Int(score)
        }
        guard case .int(let total) = values[10] else { preconditionFailure("the total is not a number") }
        precondition(abs(Int(total) - sum) <= Published766Ingester.totalTolerance, "a total that is not the sum")
    }
    return 0
}
