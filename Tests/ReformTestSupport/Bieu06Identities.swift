import Foundation
import ReformModel
import ReformTabular

/// Checks the docs/contract.md §3.1 identities and the rate formula on every row of a Biểu 06 CSV;
/// returns one message per broken rule.
package enum Bieu06Identities {
    package static func check(csv path: String) throws -> (
        problems: [String], pendingByKey: [String: Int], carriedByKey: [String: Int]
    ) {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        guard try reader.nextRecord() else { return (["\(path): empty"], [:], [:]) }
        let header = (0..<reader.fieldCount).map { reader.string($0) }
        var problems: [String] = []
        var pending: [String: Int] = [:], carried: [String: Int] = [:]
        while try reader.nextRecord() {
            var row: [String: String] = [:]
            for i in 0..<reader.fieldCount { row[header[i]] = reader.string(i) }
            func n(_ name: String) -> Int { Int(row[name] ?? "") ?? -1 }
            let key = row["unit_code"] ?? row["field"] ?? ""
            let where_ = "\(path) line \(reader.line)"
            if n("total") != n("carried_in") + n("new_online") + n("new_direct_postal") {
                problems.append("\(where_): total ≠ carried_in + new")
            }
            if n("total") != n("resolved") + n("withdrawn_rejected") + n("pending") {
                problems.append("\(where_): total ≠ resolved + wr + pending")
            }
            if n("resolved") != n("early") + n("on_time") + n("late") + n("resolved_no_due") {
                problems.append("\(where_): resolved split")
            }
            if n("pending") != n("pending_within") + n("pending_overdue") + n("pending_no_due") {
                problems.append("\(where_): pending split")
            }
            if n("total") <= 0 { problems.append("\(where_): row with total 0") }
            let decided = n("early") + n("on_time") + n("late")
            let expected = decided == 0 ? "" : Percentage.text(n("early") + n("on_time"), decided)!
            if row["on_time_rate"] != expected {
                problems.append("\(where_): rate \(row["on_time_rate"] ?? "nil") ≠ \(expected)")
            }
            pending[key] = n("pending")
            carried[key] = n("carried_in")
        }
        return (problems, pending, carried)
    }
}
