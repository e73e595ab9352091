import ReformModel

/// Yearly result rows covering every kind of column and every way a value can be absent, shared by
/// the store's and the report's tests.
package enum ResultRowSamples {
    package static let par = [
        PARRow(
            year: 2025, unitCode: "001", unitName: "Quận Ba Đình", field: "1", points: 957_050, maxPoints: 1_000_000,
            subIndex: 9571, index: nil, rank: nil, grade: nil, changePP: nil),
        PARRow(
            year: 2025, unitCode: "001", unitName: "Quận Ba Đình", field: "total", points: 957_050,
            maxPoints: 1_000_000, subIndex: nil, index: 9571, rank: 2, grade: "B", changePP: -150),
        PARRow(
            year: 2025, unitCode: "=cmd", unitName: "", field: "total", points: 0, maxPoints: 0, subIndex: nil,
            index: nil, rank: nil, grade: nil, changePP: nil),
    ]
    package static let delegation = [
        DelegationRow(
            asOf: "2025-06-30", measure: "plan_coverage", numerator: 708, denominator: 1895, rate: 3736,
            publishedRate: "37,4", agrees: true),
        DelegationRow(
            asOf: "", measure: "decision_rate", numerator: 0, denominator: 0, rate: nil, publishedRate: nil,
            agrees: nil),
        DelegationRow(
            asOf: "", measure: "internal_process_rate", numerator: 1, denominator: 3, rate: 3333, publishedRate: "40",
            agrees: false),
    ]
}
